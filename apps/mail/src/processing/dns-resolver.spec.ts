import { loadServiceConfig, ConfigError } from '@escalations/casework';
import { dnsServersOf } from './dns-resolver';

describe('DNS_SERVERS: the resolvers the sender checks ask', () => {
  it('is the system resolver when unset, with a 5 s timeout', () => {
    const config = loadServiceConfig({});
    expect(dnsServersOf(config.DNS_SERVERS)).toEqual([]);
    expect(config.DNS_TIMEOUT_MS).toBe(5_000);
  });

  it('takes addresses with and without ports, comma-separated', () => {
    const config = loadServiceConfig({
      DNS_SERVERS: '10.0.0.2, 127.0.0.1:5353,[::1]:53',
      DNS_TIMEOUT_MS: '800',
    });
    expect(dnsServersOf(config.DNS_SERVERS)).toEqual(['10.0.0.2', '127.0.0.1:5353', '[::1]:53']);
    expect(config.DNS_TIMEOUT_MS).toBe(800);
  });

  it.each([['dns.example.org'], ['cafe.de'], ['10.0.0.2; 10.0.0.3']])(
    'stops start-up on %s, naming it',
    (value) => {
      expect(() => loadServiceConfig({ DNS_SERVERS: value })).toThrow(ConfigError);
      expect(() => loadServiceConfig({ DNS_SERVERS: value })).toThrow(
        /DNS_SERVERS: expected IP addresses/,
      );
    },
  );
});
