import { Resolver } from 'node:dns/promises';
import type { DNSResolver } from 'mailauth';
import { cachingDnsResolver, DNS_ANSWER_KEEP_MS } from './dns-cache';

/**
 * The resolver SPF, DKIM and DMARC lookups go through: the deployment's own servers
 * (`DNS_SERVERS`), else the system's, each lookup bounded by `timeoutMs`. A lookup that
 * times out or fails is a check not made (temperror), never a pass. Answers are kept for
 * `keepMs` (none kept at 0: the tests change their records between messages).
 */
export function createDnsResolver(
  servers: readonly string[],
  timeoutMs: number,
  keepMs = DNS_ANSWER_KEEP_MS,
): DNSResolver {
  const resolver = new Resolver({ timeout: timeoutMs, tries: 2 });
  if (servers.length > 0) resolver.setServers([...servers]);
  const ask: DNSResolver = (name, rrtype) =>
    resolver.resolve(name, rrtype) as Promise<string[][] | string[]>;
  return keepMs > 0 ? cachingDnsResolver(ask, { keepMs }) : ask;
}

/** `DNS_SERVERS` as a list. */
export function dnsServersOf(setting: string | undefined): string[] {
  return (setting ?? '')
    .split(',')
    .map((server) => server.trim())
    .filter(Boolean);
}
