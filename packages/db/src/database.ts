import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema';

export type Schema = typeof schema;
/** A drizzle database over either driver: the repositories never need to know which. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** The database, or a transaction on it: repositories take either. */
export type Executor = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

export type DatabaseKind = 'postgres' | 'pglite';

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  /** where it is, without credentials, for start-up messages */
  location: string;
  /** apply the committed migrations not yet applied */
  migrate(): Promise<void>;
  /** tell a would-be second opener of an embedded folder where this process's API answers */
  announce(details: { apiUrl: string }): void;
  close(): Promise<void>;
}
