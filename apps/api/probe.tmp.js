const { openDatabase, stages, cases } = require('@escalations/db');
const { sql, eq, lte, asc, isSQLWrapper } = require('drizzle-orm');
(async () => {
  for (const opts of [{ dataDir: 'memory://' }, { url: 'postgres://postgres@127.0.0.1:5432/test' }]) {
    const h = await openDatabase(opts);
    await h.migrate();
    const q = h.db.select({ ref: cases.ref }).from(stages).innerJoin(cases, eq(cases.id, stages.caseId)).where(lte(stages.checkAt, new Date())).orderBy(asc(stages.checkAt)).limit(200);
    const r = await h.db.execute(sql`explain ${q}`);
    console.log(h.kind, typeof isSQLWrapper, JSON.stringify(Array.isArray(r) ? r : r.rows));
    await h.close();
  }
})().catch(e => { console.error(e); process.exit(1); });
