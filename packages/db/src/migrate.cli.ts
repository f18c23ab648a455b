import { openDatabase } from './open-database';

/** `npm run db:migrate`: apply the committed migrations to DATABASE_URL, or to PGlite under DATA_DIR. */
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const dataDir = `${process.env.DATA_DIR ?? './data'}/pglite`;
  const handle = await openDatabase(url ? { url, poolSize: 1 } : { dataDir, role: 'db:migrate' });
  try {
    await handle.migrate();
    process.stdout.write(`migrations applied: ${handle.location}\n`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `migration failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
