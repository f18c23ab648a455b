import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { authenticate, dkimSign, type DNSResolver } from 'mailauth';
import { LOOPBACK_SPF, TestDnsServer } from '../testing/test-dns-server';
import { createDnsResolver } from './dns-resolver';
import { authenticationInput } from './sender-checks';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PUBLIC_KEY = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

const zone = {
  senderDefault: LOOPBACK_SPF,
  txt: {
    '_dmarc.school.example.org': ['v=DMARC1; p=reject'],
    '_dmarc.example.org': ['v=DMARC1; p=quarantine'],
    'sel._domainkey.school.example.org': [`v=DKIM1; k=rsa; p=${PUBLIC_KEY}`],
    'elsewhere.example': ['v=spf1 ip4:192.0.2.1 -all'],
    '_dmarc.elsewhere.example': ['v=DMARC1; p=reject'],
  },
};

/** What the checks keep of mailauth's answer, for comparing two of them. */
function kept(result: Awaited<ReturnType<typeof authenticate>>) {
  return {
    spf: result.spf ? { result: result.spf.status.result, domain: result.spf.domain } : null,
    dkim: (result.dkim?.results ?? []).map((signature) => ({
      result: signature.status?.result,
      domain: signature.signingDomain,
    })),
    dmarc: result.dmarc
      ? { result: result.dmarc.status.result, domain: result.dmarc.domain }
      : false,
  };
}

const message = (headers: string, body = 'Case: Child A\r\n') =>
  Buffer.from(`${headers}\r\nSubject: Escalation\r\nMessage-ID: <m@x>\r\n\r\n${body}`, 'latin1');

const UNSIGNED: [string, Buffer][] = [
  ['one From', message('From: Asha Patel <asha@school.example.org>')],
  ['a From of a subdomain', message('From: asha@pupils.school.example.org')],
  ['a folded From', message('From: "Patel, Asha"\r\n <asha@school.example.org>')],
  ['an encoded name', message('From: =?utf-8?q?Asha_P=C3=A4tel?= <asha@school.example.org>')],
  ['two From fields', message('From: asha@school.example.org\r\nFrom: ben@elsewhere.example')],
  ['two addresses in one From', message('From: asha@school.example.org, ben@elsewhere.example')],
  ['no From', message('To: nel@escalations.localhost')],
  ['From at a domain whose SPF fails', message('From: ben@elsewhere.example')],
  ['bare line feeds', Buffer.from('From: asha@school.example.org\nSubject: x\n\nbody\n')],
  ['no body', Buffer.from('From: asha@school.example.org\r\n')],
  [
    'a DKIM-Signature in the body only',
    message('From: asha@school.example.org', 'DKIM-Signature: v=1\r\n'),
  ],
];

describe('mailauth is given an unsigned message as its From fields alone', () => {
  const dns = new TestDnsServer(zone);
  let resolver: DNSResolver;
  beforeAll(async () => {
    resolver = createDnsResolver([await dns.start()], 500, 0);
  });
  afterAll(() => dns.stop());

  const check = (input: Buffer, sender: string) =>
    authenticate(input, {
      ip: '127.0.0.1',
      helo: 'mail.school.example.org',
      sender,
      mta: 'escalations.localhost',
      disableArc: true,
      disableBimi: true,
      resolver,
    }).then(kept);

  it.each(UNSIGNED)('with the same results as whole: %s', async (_, raw) => {
    for (const sender of ['asha@school.example.org', 'ben@elsewhere.example']) {
      expect(await check(authenticationInput(raw), sender)).toEqual(await check(raw, sender));
    }
  });

  it('gives a signed message whole, and its signature still verifies', async () => {
    const raw = message(
      'From: Asha Patel <asha@school.example.org>\r\nTo: nel@escalations.localhost',
    );
    const key = {
      signingDomain: 'school.example.org',
      selector: 'sel',
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    };
    // mailauth signs with `signatureData`; its types ask for the key's fields beside it
    const signed = await dkimSign(raw, { ...key, signatureData: [key] });
    const whole = Buffer.concat([Buffer.from(signed.signatures), raw]);
    expect(authenticationInput(whole)).toBe(whole);
    expect(await check(authenticationInput(whole), 'bounce@elsewhere.example')).toMatchObject({
      dkim: [{ result: 'pass', domain: 'school.example.org' }],
      dmarc: { result: 'pass' },
    });
  });

  // the shared corpus of real emails, read where it is (never copied into the project)
  const corpusDir = resolve(
    process.env.CORPUS_DIR ?? join(__dirname, '../../../../../shared/corpus'),
  );
  const folders = ['replies', 'auto', 'malformed'];
  if (folders.every((folder) => existsSync(join(corpusDir, folder)))) {
    const files = folders.flatMap((folder) =>
      readdirSync(join(corpusDir, folder))
        .filter((name) => name.endsWith('.eml'))
        .map((name) => join(corpusDir, folder, name)),
    );

    it(`with the same results as whole, for each of the corpus's ${files.length} emails`, async () => {
      expect(files.length).toBeGreaterThan(20);
      for (const path of files) {
        const raw = readFileSync(path);
        const [input, whole] = await Promise.all([
          check(authenticationInput(raw), 'asha@school.example.org'),
          check(raw, 'asha@school.example.org'),
        ]);
        // a corpus message's own signatures cannot verify here: their keys are not in this zone
        expect({ path, ...input, dkim: input.dkim.map((d) => d.domain) }).toEqual({
          path,
          ...whole,
          dkim: whole.dkim.map((d) => d.domain),
        });
      }
    });
  }
});
