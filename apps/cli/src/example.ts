import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, loadServiceConfig } from '@escalations/casework';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';

/**
 * `npm run example`: what a practitioner does, against the running service. It emails a
 * sample escalation to the NEL mailbox over SMTP, waits for the acknowledgement, and shows
 * it: the reference, the deadline and how to reply.
 */
const SAMPLE = [
  'Case: Sample child (PID 0000)',
  'Agency: Riverside Primary School',
  "Other agency: Children's Services",
  'Disagreement: The referral was closed without an assessment, although the child',
  'has disclosed concerns twice this term.',
  'Category: referral thresholds',
  'Manager: Dan Reed <dan.reed@riverside.example.org>',
  'Other practitioner: Sam Cole <sam.cole@council.example.org>',
  'Outcome sought: A strategy discussion this week.',
].join('\n');

async function main(): Promise<void> {
  const config = loadServiceConfig(process.env);
  const messageId = `example-${randomUUID()}@riverside.example.org`;
  const transport = nodemailer.createTransport({
    host: config.SMTP_HOST,
    port: config.SMTP_PORT,
    secure: false,
    ignoreTLS: true,
  });
  const mailbox = `nel@${config.MAIL_DOMAIN}`;
  process.stdout.write(
    `Sending a sample escalation to ${mailbox} through ${config.SMTP_HOST}:${config.SMTP_PORT} ...\n\n${SAMPLE}\n\n`,
  );
  try {
    const info = await transport.sendMail({
      from: 'Asha Patel <asha.patel@riverside.example.org>',
      to: mailbox,
      subject: 'Escalation: referral closed without assessment',
      text: SAMPLE,
      messageId: `<${messageId}>`,
    });
    process.stdout.write(`The service answered: ${info.response}\n`);
  } catch (error) {
    throw new Error(
      `could not reach the SMTP intake at ${config.SMTP_HOST}:${config.SMTP_PORT}: is the service running (npm start)? (${(error as Error).message})`,
    );
  } finally {
    transport.close();
  }
  if (config.SMTP_URL) {
    process.stdout.write(
      `Outgoing mail goes through ${new URL(config.SMTP_URL).host}: the acknowledgement is in Asha's mailbox there.\n`,
    );
    return;
  }
  const outbox = join(resolve(config.DATA_DIR), 'outbox');
  for (let waited = 0; waited < 30_000; waited += 500) {
    for (const name of existsSync(outbox)
      ? readdirSync(outbox).filter((file) => file.endsWith('.eml'))
      : []) {
      const raw = readFileSync(join(outbox, name));
      if (!raw.includes(messageId)) continue;
      const mail = await simpleParser(raw);
      process.stdout.write(
        [
          '',
          `The acknowledgement (${join(outbox, name)}):`,
          '',
          `To: ${[mail.to]
            .flat()
            .map((a) => a?.text)
            .join(', ')}`,
          `Reply-To: ${mail.replyTo?.text ?? ''}`,
          `Subject: ${mail.subject ?? ''}`,
          '',
          mail.text ?? '',
        ].join('\n'),
      );
      return;
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  throw new Error(
    `no acknowledgement appeared in ${outbox} within 30 s: is the service running with the same DATA_DIR?`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `example: ${error instanceof ConfigError ? error.message : (error as Error).message}\n`,
  );
  process.exitCode = 1;
});
