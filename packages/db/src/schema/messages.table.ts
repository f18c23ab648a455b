import { sql } from 'drizzle-orm';
import {
  bigserial,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant } from './columns';
import { messageDirection } from './enums';
import { cases } from './cases.table';

export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * Inbound: received → processing (leased to one processor until `next_attempt_at`) →
 * processed, or failed (retried from `next_attempt_at`) → set-aside for an administrator
 * after the last attempt. Outbound: queued → sent (the outbox row tracks delivery).
 */
export const MESSAGE_STATUSES = [
  'received',
  'processing',
  'processed',
  'failed',
  'set-aside',
  'queued',
  'sent',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** How an inbound message reached us, for the sender checks and the record. */
export interface MessageEnvelope {
  via: 'smtp' | 'imap' | 'api' | 'service';
  mailFrom: string | null;
  rcptTo: string[];
  remoteAddress: string | null;
  helo: string | null;
}

/** What the processor made of a message. */
export const MESSAGE_KINDS = [
  'escalation',
  'reply',
  'automatic',
  'unrecognised',
  'notice',
  'answer',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * Every email in and out, raw bytes exactly as received or sent: the record of what was
 * said. Inbound mail is stored before the SMTP server answers 250, so nothing is lost.
 */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    direction: messageDirection('direction').notNull(),
    /** the Message-ID header, without angle brackets; null when a message has none */
    messageId: text('message_id'),
    /** SHA-256 of the raw bytes: duplicates without a Message-ID are still one message */
    sha256: text('sha256').notNull(),
    raw: bytea('raw').notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    fromAddress: text('from_address'),
    envelope: jsonb('envelope').$type<MessageEnvelope>(),
    kind: text('kind').$type<MessageKind>(),
    /** the sender checks' results and verdict, as the processor found them */
    authentication: jsonb('authentication').$type<Record<string, unknown>>(),
    status: text('status').$type<MessageStatus>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** a failed message is retried from here on */
    nextAttemptAt: instant('next_attempt_at'),
    /** who holds the lease while `processing`: the worker's stable identity and its run */
    leaseWorker: text('lease_worker'),
    leaseIncarnation: text('lease_incarnation'),
    error: text('error'),
    receivedAt: instant('received_at').notNull().defaultNow(),
    /** the order messages arrived in, for processing them in that order */
    arrival: bigserial('arrival', { mode: 'number' }).notNull(),
    processedAt: instant('processed_at'),
  },
  (table) => [
    unique('messages_direction_message_id_key').on(table.direction, table.messageId),
    unique('messages_direction_sha256_key').on(table.direction, table.sha256),
    index('messages_case_idx').on(table.caseId, table.receivedAt),
    index('messages_status_idx').on(table.status, table.receivedAt),
    // The processor's queue: inbound messages still to do, oldest first.
    index('messages_inbound_pending_idx')
      .on(table.arrival)
      .where(
        sql`${table.direction} = 'inbound' and ${table.status} in ('received', 'processing', 'failed')`,
      ),
  ],
);
