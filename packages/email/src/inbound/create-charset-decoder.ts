import { Transform, type TransformCallback } from 'node:stream';
import type { IconvConstructor } from 'mailparser';
import { decodeBytes } from './decode-bytes';

/**
 * A decoder class for mailparser's `Iconv` option. mailparser hands every text part whose
 * charset is not UTF-8 or ASCII to `new Iconv(charset, 'UTF-8...')` and reads UTF-8 back;
 * this one decodes with `decodeBytes`, so a charset that lies (Big5 on UTF-8 bytes) or that
 * nobody knows is caught and reported through `onProblem` instead of turning into mojibake.
 * A text part is buffered whole: the charset can only be judged on all of its bytes.
 */
export function createCharsetDecoder(onProblem: (problem: string) => void): IconvConstructor {
  return class CharsetDecoder extends Transform {
    private readonly chunks: Buffer[] = [];

    constructor(
      private readonly charset: string,
      _target: string,
    ) {
      super();
    }

    override _transform(chunk: unknown, _encoding: BufferEncoding, done: TransformCallback): void {
      this.chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
      done();
    }

    override _flush(done: TransformCallback): void {
      const decoded = decodeBytes(Buffer.concat(this.chunks), this.charset);
      if (decoded.problem) onProblem(decoded.problem);
      this.push(Buffer.from(decoded.text, 'utf8'));
      done();
    }
  };
}
