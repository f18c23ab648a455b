import type { DNSResolver } from 'mailauth';
import { TestDnsServer } from '../testing/test-dns-server';
import { cachingDnsResolver, DNS_ANSWER_KEEP_MS } from './dns-cache';
import { createDnsResolver } from './dns-resolver';

/** Node's resolver asking a DNS server on loopback, every question it sends counted. */
async function countedResolver(zone: ConstructorParameters<typeof TestDnsServer>[0]) {
  const dns = new TestDnsServer(zone);
  const direct = createDnsResolver([await dns.start()], 300, 0);
  const asked: string[] = [];
  const resolver: DNSResolver = (name, rrtype) => {
    asked.push(`${rrtype} ${name}`);
    return direct(name, rrtype);
  };
  return { dns, resolver, asked };
}

describe('the sender checks keep DNS answers for a while', () => {
  let world: Awaited<ReturnType<typeof countedResolver>>;
  let clock: number;
  const now = () => clock;

  beforeEach(async () => {
    clock = 1_000_000;
    world = await countedResolver({
      txt: { 'school.example.org': ['v=spf1 -all'] },
      silent: ['slow.example.org'],
    });
  });
  afterEach(() => world.dns.stop());

  it('asks once for a name asked again, and each caller gets its own copy', async () => {
    const cached = cachingDnsResolver(world.resolver, { now });
    const first = (await cached('school.example.org', 'TXT')) as string[][];
    first[0]!.push('changed by a caller');
    first.push(['added by a caller']);
    expect(await cached('School.Example.Org', 'TXT')).toEqual([['v=spf1 -all']]);
    expect(world.asked).toEqual(['TXT school.example.org']);
  });

  it('shares one question between lookups in flight at once', async () => {
    const cached = cachingDnsResolver(world.resolver, { now });
    const answers = await Promise.all([1, 2, 3].map(() => cached('school.example.org', 'TXT')));
    expect(answers).toEqual([1, 2, 3].map(() => [['v=spf1 -all']]));
    expect(world.asked).toHaveLength(1);
  });

  it('keeps "no such name" as an answer, each caller with an error of its own', async () => {
    const cached = cachingDnsResolver(world.resolver, { now });
    const failure = (name: string) =>
      cached(name, 'TXT').then(
        () => null,
        (error: Error & { code?: string }) => error,
      );
    const first = await failure('_dmarc.school.example.org');
    const second = await failure('_dmarc.school.example.org');
    expect(first?.code).toBe('ENOTFOUND');
    expect(second?.code).toBe('ENOTFOUND');
    expect(second?.message).toMatch(/_dmarc\.school\.example\.org/);
    // mailauth writes its SPF verdict onto the error it catches: never onto another's
    expect(second).not.toBe(first);
    Object.assign(first!, { spfResult: { error: 'permerror' } });
    const third = await failure('_dmarc.school.example.org');
    expect(third).not.toHaveProperty('spfResult');
    expect(world.asked).toEqual(['TXT _dmarc.school.example.org']);
  });

  it('asks again after a timeout, which is a failure and not an answer', async () => {
    const cached = cachingDnsResolver(world.resolver, { now });
    for (let i = 0; i < 2; i++)
      await expect(cached('slow.example.org', 'TXT')).rejects.toMatchObject({
        code: 'ETIMEOUT',
      });
    expect(world.asked).toEqual(['TXT slow.example.org', 'TXT slow.example.org']);
  });

  it('asks again once the time kept is over, and sees a changed record', async () => {
    const cached = cachingDnsResolver(world.resolver, { now, keepMs: DNS_ANSWER_KEEP_MS });
    await cached('school.example.org', 'TXT');
    world.dns.setTxt('school.example.org', ['v=spf1 ip4:127.0.0.0/8 -all']);
    clock += DNS_ANSWER_KEEP_MS - 1;
    expect(await cached('school.example.org', 'TXT')).toEqual([['v=spf1 -all']]);
    clock += 1;
    expect(await cached('school.example.org', 'TXT')).toEqual([['v=spf1 ip4:127.0.0.0/8 -all']]);
    expect(world.asked).toHaveLength(2);
  });

  it('keeps at most so many names, letting the oldest go', async () => {
    const cached = cachingDnsResolver(world.resolver, { now, maxNames: 2 });
    for (const name of ['a.example.org', 'b.example.org', 'c.example.org', 'b.example.org'])
      await cached(name, 'TXT').catch(() => undefined);
    expect(world.asked).toHaveLength(3);
    await cached('a.example.org', 'TXT').catch(() => undefined);
    expect(world.asked).toHaveLength(4);
  });

  it('keeps a name per record type', async () => {
    const cached = cachingDnsResolver(world.resolver, { now });
    await cached('school.example.org', 'TXT');
    await cached('school.example.org', 'MX').catch(() => undefined);
    await cached('school.example.org', 'MX').catch(() => undefined);
    expect(world.asked).toEqual(['TXT school.example.org', 'MX school.example.org']);
  });
});
