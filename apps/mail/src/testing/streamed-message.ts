import { Readable } from 'node:stream';

/**
 * A message of `bytes` bytes made as it is sent, so whoever sends it never holds it: the
 * headers, then 78-byte lines of body, about 64 KB at a time.
 */
export function streamedMessage(bytes: number, messageId: string): Readable {
  const head = Buffer.from(
    `From: asha.patel@school.example.org\r\nTo: nel@escalations.localhost\r\n` +
      `Subject: Escalation\r\nMessage-ID: <${messageId}>\r\n\r\n`,
  );
  const block = Buffer.from(`${'x'.repeat(76)}\r\n`.repeat(840));
  return Readable.from(
    (function* () {
      yield head;
      for (let sent = head.length; sent < bytes; sent += block.length) {
        yield block.subarray(0, Math.min(block.length, bytes - sent));
      }
    })(),
  );
}
