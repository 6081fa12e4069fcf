/**
 * Scratch experiment for issue 7 (not registered in bench/run.ts): what the final write of a
 * components import costs under variants of the statement. An import of N rows (default 200,000)
 * gives the finished rows; for each variant, a fresh database gets the same items, makers and
 * suggestions and then one timed `INSERT INTO components … SELECT … FROM <staged rows>` — the
 * import's own write, in its transaction shape — with the WAL it wrote. Variants run interleaved,
 * each `REPS` times (default 2), since the machine is shared.
 *
 *   npm run build:server && ROWS=1000000 REPS=2 ONLY=0,1,2 node dist/bench/components-write.js
 *
 * ONLY picks variants by their index in VARIANTS (all by default). At 200,000 rows the indexes fit
 * in the buffers and the variants do not differ; the figures in docs/performance.md (issue 7) are
 * at 1,000,000. Heavy (~2 minutes per variant and run at a million): not part of `npm run bench`.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { SYSTEM_ACTOR } from '../src/access/index.js';
import { importFile } from '../src/transfer/import.js';
import { benchPostgres, freshDatabase, log, round, shutdownBench, tempDir } from './support.js';
import { FINISHED_COLUMNS, writeCsv } from './transfer.js';

const COLS = FINISHED_COLUMNS;
const REST = COLS.components.split(', ').filter((c) => c !== 'id').join(', ');

interface Variant {
  name: string;
  /** The id expression and the ORDER BY of the INSERT … SELECT. */
  id: string;
  order?: string;
  setup?: string[];
}
const VARIANTS: Variant[] = [
  { name: 'random v4 ids, file order (before)', id: 'gen_random_uuid()' },
  { name: 'ids as the import made them, in the order it wrote them', id: 'id' },
  { name: 'ids as the import made them, ORDER BY id', id: 'id', order: '1' },
  { name: 'time-ordered ids (remnant_uuid7), file order', id: 'remnant_uuid7()' },
  { name: 'time-ordered ids, unique external_id dropped', id: 'remnant_uuid7()', setup: ['ALTER TABLE components DROP CONSTRAINT components_external_id_key'] },
  { name: 'random v4 ids, ORDER BY id', id: 'gen_random_uuid()', order: '1' },
  { name: 'time-ordered ids, ORDER BY item', id: 'remnant_uuid7()', order: 'item_id' },
  { name: 'time-ordered ids, ORDER BY external_id', id: 'remnant_uuid7()', order: 'external_id' },
  { name: 'time-ordered ids, part-number statement trigger off', id: 'remnant_uuid7()', setup: ['ALTER TABLE components DISABLE TRIGGER components_part_numbers_insert'] },
];

async function main(): Promise<void> {
  const rows = Number(process.env.ROWS ?? 200_000);
  const reps = Number(process.env.REPS ?? 2);
  const only = process.env.ONLY?.split(',').map(Number);
  const variants = only ? VARIANTS.filter((_, i) => only.includes(i)) : VARIANTS;
  const dir = await tempDir('components-write');
  const file = path.join(dir, 'components.csv');
  await writeCsv(file, rows);
  const src = await freshDatabase({ poolSize: 2 });
  const t0 = performance.now();
  const report = await importFile(src.db, SYSTEM_ACTOR, { file, dryRun: false, resource: 'components' });
  log(`import of ${rows} rows: ${round((performance.now() - t0) / 1000, 1)} s, ${JSON.stringify(report.counts)}`);
  const from = await src.pool.connect();
  // How ordered the imported ids are in the order the import wrote them (1: strictly ascending).
  await from.query('ANALYZE components');
  log(`imported ids: correlation with heap order ${JSON.stringify((await from.query(`SELECT correlation FROM pg_stats WHERE tablename = 'components' AND attname = 'id'`)).rows[0])}`);
  for (const t of Object.keys(COLS) as (keyof typeof COLS)[]) {
    await pipeline(from.query(copyStreams.to(`COPY ${t} (${COLS[t]}) TO STDOUT`)), createWriteStream(path.join(dir, `${t}.copy`)));
  }
  from.release();
  await src.close();

  const results = new Map<string, { s: number; walMiB: number }[]>();
  for (let rep = 0; rep < reps; rep++) {
    for (const v of variants) {
      const db = await freshDatabase({ poolSize: 1 });
      const c = await db.pool.connect();
      try {
        await c.query('DELETE FROM organisations');
        for (const t of ['organisations', 'items', 'component_suggestions'] as const) {
          await pipeline(createReadStream(path.join(dir, `${t}.copy`)), c.query(copyStreams.from(`COPY ${t} (${COLS[t]}) FROM STDIN`)));
        }
        await c.query(`CREATE TABLE _stage AS SELECT ${COLS.components} FROM components WITH NO DATA`);
        await pipeline(createReadStream(path.join(dir, 'components.copy')), c.query(copyStreams.from(`COPY _stage (${COLS.components}) FROM STDIN`)));
        await c.query('ANALYZE _stage');
        for (const s of v.setup ?? []) await c.query(s);
        await c.query('CHECKPOINT');
        const lsn0 = (await c.query('SELECT pg_current_wal_lsn() AS l')).rows[0].l as string;
        const t = performance.now();
        await c.query('BEGIN');
        const r = await c.query(`INSERT INTO components (id, ${REST}) SELECT ${v.id}, ${REST} FROM _stage${v.order ? ` ORDER BY ${v.order}` : ''}`);
        await c.query('COMMIT');
        const s = (performance.now() - t) / 1000;
        const wal = (await c.query(`SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1) AS b`, [lsn0])).rows[0].b as string;
        if (r.rowCount !== report.counts.inserted) throw new Error(`${v.name}: inserted ${r.rowCount}`);
        const m = { s, walMiB: Number(wal) / 2 ** 20 };
        results.set(v.name, [...(results.get(v.name) ?? []), m]);
        log(`rep ${rep + 1} · ${v.name}: ${round(s, 1)} s, ${round(r.rowCount / s, 0)} rows/s, WAL ${round(m.walMiB, 0)} MiB`);
      } finally {
        c.release();
        await db.close();
        const a = new pg.Client({ connectionString: (await benchPostgres()).adminUrl });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${db.name} WITH (FORCE)`);
        await a.end();
      }
    }
  }
  process.stdout.write(`| ${rows.toLocaleString('en')} rows, INSERT … SELECT into components | ${Array.from({ length: reps }, (_, i) => `run ${i + 1}`).join(' | ')} | WAL |\n|---|${'---|'.repeat(reps)}---|\n`);
  for (const [name, ms] of results) {
    process.stdout.write(`| ${name} | ${ms.map((m) => `${round(m.s, 1)} s (${Math.round(rows / m.s).toLocaleString('en')}/s)`).join(' | ')} | ${Math.round(ms[0]!.walMiB)} MiB |\n`);
  }
}

// Stopped from outside: still stop the embedded server and drop what was made.
process.once('SIGTERM', () => void shutdownBench().finally(() => process.exit(1)));

main()
  .catch((e) => {
    process.exitCode = 1;
    console.error(e);
  })
  .finally(() => shutdownBench());
