import { Resolver } from 'node:dns/promises';
import type { DNSResolver } from 'mailauth';

/**
 * The resolver SPF, DKIM and DMARC lookups go through: the deployment's own servers
 * (`DNS_SERVERS`), else the system's, each lookup bounded by `timeoutMs`. A lookup that
 * times out or fails is a check not made (temperror), never a pass.
 */
export function createDnsResolver(servers: readonly string[], timeoutMs: number): DNSResolver {
  const resolver = new Resolver({ timeout: timeoutMs, tries: 2 });
  if (servers.length > 0) resolver.setServers([...servers]);
  return (name, rrtype) => resolver.resolve(name, rrtype) as Promise<string[][] | string[]>;
}

/** `DNS_SERVERS` as a list. */
export function dnsServersOf(setting: string | undefined): string[] {
  return (setting ?? '')
    .split(',')
    .map((server) => server.trim())
    .filter(Boolean);
}
