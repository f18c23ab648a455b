import postgres, { type Sql } from 'postgres';
import { openDatabase } from '../open-database';
import { migrateFrom } from './earlier-migrations';
import type { MigrationSet } from './migration-set';

const TEMPLATE_PREFIX = 'escalations_template_';
/** Any fixed number (not the migrations' own): held while a template is built. */
const TEMPLATE_LOCK = 724_112_032;
/** Templates of other migration sets older than this are dropped when a new one is built. */
const OUTDATED_MS = 60 * 60_000;

/** The template database holding `migrations` applied, named by their hash. */
export function templateName(migrations: MigrationSet): string {
  return `${TEMPLATE_PREFIX}${migrations.hash.slice(0, 32)}`;
}

/**
 * Creates database `name` on the server as a copy of the template migrated with
 * `migrations`, building the template first if no process has yet.
 */
export async function createFromTemplate(
  serverUrl: string,
  name: string,
  migrations: MigrationSet,
): Promise<void> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  try {
    for (let attempt = 1; ; attempt++) {
      const template = await migratedTemplate(admin, serverUrl, migrations);
      try {
        await admin.unsafe(`create database "${name}" template "${template}"`);
        return;
      } catch (error) {
        // dropped as outdated by a process on other migrations since we looked
        if (attempt < 3 && (error as { code?: string }).code === '3D000') continue;
        throw error;
      }
    }
  } finally {
    await admin.end();
  }
}

/**
 * Built under an advisory lock on the admin connection, so of several processes one
 * migrates and the others wait for it. Marked a template last, which is what tells a
 * finished build from one that died half-way; no connection is let in after that, because
 * Postgres copies no database that has one.
 */
async function migratedTemplate(
  admin: Sql,
  serverUrl: string,
  migrations: MigrationSet,
): Promise<string> {
  const name = templateName(migrations);
  if (await isTemplate(admin, name)) return name;
  await admin`select pg_advisory_lock(${TEMPLATE_LOCK})`;
  try {
    if (await isTemplate(admin, name)) return name;
    await dropTemplate(admin, name);
    await admin.unsafe(`create database "${name}"`);
    const handle = await openDatabase({ url: databaseUrl(serverUrl, name), poolSize: 1 });
    try {
      await migrateFrom(handle, migrations.folder);
    } finally {
      await handle.close();
    }
    await admin.unsafe(`comment on database "${name}" is '${new Date().toISOString()}'`);
    await admin.unsafe(`alter database "${name}" with is_template true allow_connections false`);
    await dropOutdated(admin, name);
    return name;
  } finally {
    await admin`select pg_advisory_unlock(${TEMPLATE_LOCK})`;
  }
}

/** `serverUrl` with the database `name` in place of its own. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function isTemplate(admin: Sql, name: string): Promise<boolean> {
  const rows = await admin`select 1 from pg_database where datname = ${name} and datistemplate`;
  return rows.length > 0;
}

/** Drops a template, finished or half-built, if there is one by that name. */
export async function dropTemplate(admin: Sql, name: string): Promise<void> {
  const rows = await admin`select 1 from pg_database where datname = ${name}`;
  if (rows.length === 0) return;
  await admin.unsafe(`alter database "${name}" with is_template false`);
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
}

/**
 * Templates of earlier migration sets. Only old ones: a process still testing other
 * migrations (someone's working copy) would otherwise rebuild its template at every
 * test file, each build dropping the other's.
 */
async function dropOutdated(admin: Sql, current: string): Promise<void> {
  const templates = await admin<{ name: string; built: string | null }[]>`
    select datname as name, shobj_description(oid, 'pg_database') as built
    from pg_database
    where starts_with(datname, ${TEMPLATE_PREFIX}) and datname <> ${current}`;
  const cutoff = Date.now() - OUTDATED_MS;
  for (const { name, built } of templates) {
    if (built === null || !(Date.parse(built) >= cutoff)) await dropTemplate(admin, name);
  }
}
