import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseInboundEmail } from './parse-inbound-email';
import { extractReplyText } from './extract-reply-text';
import { classifyAutomaticEmail } from './classify-automatic-email';

const dir = '/work/shared/corpus';
it('probe', async () => {
  const exp: { path: string; expect?: string }[] = JSON.parse(readFileSync(join(dir, 'expectations.json'), 'utf8'));
  const out: string[] = [];
  for (const sub of ['replies', 'replies/bodies']) {
    for (const f of readdirSync(join(dir, sub))) {
      const p = join(dir, sub, f);
      if (statSync(p).isDirectory()) continue;
      const text = f.endsWith('.eml') ? (await parseInboundEmail(readFileSync(p))).text : readFileSync(p, 'utf8');
      const got = extractReplyText(text);
      const e = exp.find((x) => x.path === `${sub}/${f}`)?.expect;
      out.push(`${got === e ? 'OK  ' : 'DIFF'} ${sub}/${f}\n  got: ${JSON.stringify(got)}\n  exp: ${JSON.stringify(e)}`);
    }
  }
  for (const sub of ['auto', 'replies', 'malformed']) {
    for (const f of readdirSync(join(dir, sub))) {
      const p = join(dir, sub, f);
      if (statSync(p).isDirectory()) continue;
      out.push(`CLASS ${sub}/${f}: ${JSON.stringify(classifyAutomaticEmail(await parseInboundEmail(readFileSync(p))))}`);
    }
  }
  require('fs').writeFileSync('/tmp/scratch/probe2.txt', out.join('\n'));
});
