import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InboundStore, ServiceConfigSchema, type StoredMessage } from '@escalations/casework';
import type { Request } from 'express';
import { ApiError } from '../common/api-error';
import { RAW_MESSAGE_TYPES } from './inbound.dto';

/** The largest raw message the webhook takes, in bytes: MAX_MESSAGE_BYTES, as for SMTP. */
export const INBOUND_MAX_BYTES = Symbol('INBOUND_MAX_BYTES');
export const DEFAULT_MAX_MESSAGE_BYTES: number =
  ServiceConfigSchema.shape.MAX_MESSAGE_BYTES.parse(undefined);

const unsupported = (why: string) =>
  new ApiError(
    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    'unsupported-media-type',
    `${why}: send the raw message as the body, with Content-Type ${RAW_MESSAGE_TYPES.join(', ')}`,
  );

/**
 * A provider's webhook (or an administrator) hands over a raw message. It is read here, in
 * the handler, rather than by a body parser in front of every route: the API key and role
 * are checked before a byte of a message of up to MAX_MESSAGE_BYTES is taken in.
 */
@Injectable()
export class InboundService {
  constructor(
    private readonly store: InboundStore,
    @Inject(INBOUND_MAX_BYTES) private readonly maxBytes: number,
  ) {}

  async receive(request: Request, to: string | undefined): Promise<StoredMessage> {
    const raw = await this.rawBody(request);
    return this.store.store(raw, {
      via: 'api',
      mailFrom: null,
      rcptTo: to ? [to] : [],
      remoteAddress: null,
      helo: null,
    });
  }

  private async rawBody(request: Request): Promise<Buffer> {
    const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() || null;
    const hasBody =
      request.headers['transfer-encoding'] !== undefined ||
      Number(request.headers['content-length'] ?? 0) > 0;
    if (type === null ? hasBody : !RAW_MESSAGE_TYPES.includes(type)) {
      throw unsupported(type ? `${type} is not a raw message` : 'the body has no Content-Type');
    }
    const encoding = request.headers['content-encoding']?.trim().toLowerCase();
    if (encoding && encoding !== 'identity') {
      throw unsupported(`Content-Encoding ${encoding} is not accepted`);
    }
    const raw = await readBody(request, this.maxBytes);
    if (raw.length === 0) {
      throw ApiError.badRequest('body: the raw message is required; the body was empty', [
        { field: 'body', message: 'the raw message is required; the body was empty' },
      ]);
    }
    return raw;
  }
}

/**
 * The request body, exactly as sent, up to `limit` bytes. Over the limit the caller gets 413
 * at once, and the rest is read and dropped so the connection can still carry the answer.
 */
function readBody(request: Request, limit: number): Promise<Buffer> {
  const tooLarge = () =>
    new ApiError(
      HttpStatus.PAYLOAD_TOO_LARGE,
      'payload-too-large',
      `the message is larger than the ${limit} bytes allowed`,
    );
  if (Number(request.headers['content-length'] ?? 0) > limit) {
    request.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (error: ApiError) => {
      if (settled) return;
      settled = true;
      chunks.length = 0;
      reject(error);
    };
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (settled) return;
      if (size > limit) fail(tooLarge());
      else chunks.push(chunk);
    });
    request.once('end', () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks, size));
    });
    const broken = () =>
      fail(ApiError.badRequest('body: the request ended before the whole message arrived'));
    request.once('error', broken);
    request.once('close', () => {
      if (!request.readableEnded) broken();
    });
  });
}
