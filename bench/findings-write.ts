/**
 * What the maintained findings aggregates (migration 0026: statement-level triggers on components)
 * cost the writes, against the same writes with those triggers disabled, interleaved in one run:
 * - the CSV import of components (`importFile`, the real import) into a fresh database;
 * - API writes through the evidence store (create one component, change its maker and window,
 *   move it to another item, delete it), each one statement in its own audited transaction,
 *   on an item of about 300 components inside the run's synthetic data set;
 * - for the choice of mechanism, the same API writes with an equivalent row-level trigger instead.
 * Then a write mix on the run's data set, and `verifySummary` (remnant findings verify) recounts
 * every maintained figure there.
 */
import path from 'node:path';
import { sql } from 'kysely';
import { SYSTEM_ACTOR } from '../src/access/index.js';
import * as evidence from '../src/evidence/index.js';
import { rebuildSummary, verifySummary } from '../src/findings/index.js';
import { importFile } from '../src/transfer/import.js';
import type { BenchOptions, Metric } from './metric.js';
import { datasetSize, freshDatabase, log, round, summarise, syntheticDataset, tempDir, type BenchDatabase } from './support.js';
import { writeCsv } from './transfer.js';

// The summary's triggers (0026/0029) and the similarity signature's (0120): "with" pays for both.
const TRIGGERS = [
  'components_findings_insert', 'components_findings_update', 'components_findings_delete',
  'components_signature_insert', 'components_signature_update', 'components_signature_delete',
];
type Mode = 'statement' | 'off' | 'row';

/**
 * A row-level version of the same maintenance, for comparison only (never installed by a
 * migration): one upsert per changed row and dimension, through the same bucketing function.
 */
const ROW_TRIGGER = `
CREATE OR REPLACE FUNCTION bench_findings_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE f record; s int; r components;
BEGIN
  FOR s IN SELECT unnest(CASE TG_OP WHEN 'INSERT' THEN ARRAY[1] WHEN 'DELETE' THEN ARRAY[-1] ELSE ARRAY[-1, 1] END) LOOP
    r := CASE WHEN s < 0 THEN OLD ELSE NEW END;
    FOR f IN SELECT * FROM remnant_findings_facts(r) LOOP
      INSERT INTO findings_item_summary AS t (item_id, visibility, illustrative, dim, key, key2, units, records, ambiguous_records, unconfirmed_records, newest_from, newest_from_c)
      VALUES (r.item_id, r.visibility, r.illustrative, f.dim, f.key, f.key2, s * r.quantity, s, s * f.ambiguous::int, s * f.unconfirmed::int,
              CASE WHEN s > 0 THEN f.newest_from END, CASE WHEN s > 0 THEN f.newest_from_c END)
      ON CONFLICT ON CONSTRAINT findings_item_summary_key DO UPDATE SET units = t.units + excluded.units, records = t.records + excluded.records,
        ambiguous_records = t.ambiguous_records + excluded.ambiguous_records, unconfirmed_records = t.unconfirmed_records + excluded.unconfirmed_records,
        newest_from = greatest(t.newest_from, excluded.newest_from), newest_from_c = greatest(t.newest_from_c, excluded.newest_from_c);
    END LOOP;
  END LOOP;
  RETURN NULL;
END $$;
CREATE TRIGGER bench_findings_row AFTER INSERT OR UPDATE OR DELETE ON components FOR EACH ROW EXECUTE FUNCTION bench_findings_row();
ALTER TABLE components DISABLE TRIGGER bench_findings_row;`;

async function setMode(db: BenchDatabase, mode: Mode): Promise<void> {
  for (const t of TRIGGERS) await db.pool.query(`ALTER TABLE components ${mode === 'statement' ? 'ENABLE' : 'DISABLE'} TRIGGER ${t}`);
  if (mode === 'row' || (await db.pool.query(`SELECT 1 FROM pg_trigger WHERE tgname = 'bench_findings_row'`)).rowCount) {
    await db.pool.query(`ALTER TABLE components ${mode === 'row' ? 'ENABLE' : 'DISABLE'} TRIGGER bench_findings_row`);
  }
}

export async function bench(opts: BenchOptions): Promise<Metric[]> {
  const rows = opts.quick ? 5_000 : 20_000;
  const rounds = opts.quick ? 2 : 3;
  const dir = await tempDir('findings-write');
  const file = path.join(dir, 'components.csv');
  await writeCsv(file, rows);

  // The import, into a fresh database each time, triggers on and off alternating.
  const importS: Record<'statement' | 'off', number[]> = { statement: [], off: [] };
  let verified = '';
  for (let r = 0; r < rounds; r++) {
    for (const mode of r % 2 ? (['off', 'statement'] as const) : (['statement', 'off'] as const)) {
      const db = await freshDatabase({ poolSize: 2 });
      try {
        await setMode(db, mode);
        const t0 = performance.now();
        const rep = await importFile(db.db, SYSTEM_ACTOR, { file, dryRun: false, resource: 'components' });
        importS[mode].push((performance.now() - t0) / 1000);
        if (rep.counts.inserted !== rows) throw new Error(`import inserted ${rep.counts.inserted} of ${rows}`);
        if (mode === 'statement' && r === 0) {
          const v = await verifySummary(db.db);
          verified = `verify after the import: ${v.differences.length} differences in ${v.rows.toLocaleString('en')} rows`;
        }
      } finally {
        await db.close();
      }
    }
    log(`findings-write: import round ${r + 1}: with triggers ${round(importS.statement.at(-1)!, 2)} s, without ${round(importS.off.at(-1)!, 2)} s`);
  }

  // API writes on an item of about 300 components inside the run's synthetic data set (a million
  // components in the full run): create, change maker and window, move, delete.
  const ds = await syntheticDataset(datasetSize(opts.quick));
  const db = ds.database;
  const api: Record<Mode, number[]> = { statement: [], off: [], row: [] };
  const pick = await sql<{ itemId: string; other: string }>`
    SELECT item_id, (SELECT id FROM items WHERE id <> c.item_id ORDER BY id LIMIT 1) AS other
      FROM components c GROUP BY item_id ORDER BY abs(count(*) - 300), item_id LIMIT 1`.execute(db.db);
  const { itemId, other: otherItem } = pick.rows[0]!;
  const makers = await sql<{ id: string }>`SELECT id FROM organisations ORDER BY id LIMIT 1`.execute(db.db);
  await db.pool.query(ROW_TRIGGER);
  const writes = opts.quick ? 15 : 40;
  const cycle = async (mode: Mode) => {
    await setMode(db, mode);
    const t0 = performance.now();
    for (let i = 0; i < writes; i++) {
      const c = await evidence.create(db.db, SYSTEM_ACTOR, evidence.components, { itemId, markingRaw: `BENCH ${i}`, partNumber: `LM${i % 7}358` });
      await evidence.update(db.db, SYSTEM_ACTOR, evidence.components, c.id as string, { makerId: makers.rows[0]!.id, productionFrom: '2023-01-01', productionTo: '2023-03-31' });
      await evidence.update(db.db, SYSTEM_ACTOR, evidence.components, c.id as string, { itemId: otherItem });
      await evidence.remove(db.db, SYSTEM_ACTOR, evidence.components, c.id as string);
    }
    api[mode].push((performance.now() - t0) / (writes * 4));
  };
  await cycle('statement'); // warm-up
  api.statement.length = 0;
  for (let r = 0; r < rounds; r++) for (const m of (r % 2 ? ['row', 'off', 'statement'] : ['statement', 'off', 'row']) as Mode[]) await cycle(m);
  // The comparison's row trigger neither settles a lowered newest bound nor drops emptied buckets,
  // so after its cycles the aggregates are rebuilt; then one more cycle with the statement
  // triggers, which the check below covers together with the write mix.
  await db.pool.query('DROP TRIGGER bench_findings_row ON components; DROP FUNCTION bench_findings_row()');
  await setMode(db, 'statement');
  await rebuildSummary(db.db);
  await cycle('statement');

  // The write mix on the data set, then the operator's check: an import into it, a whole item
  // published and withdrawn again, an item's components moved to another item, deletes.
  log('findings-write: write mix on the data set, then verify…');
  const mixFile = path.join(dir, 'mix.csv');
  await writeCsv(mixFile, opts.quick ? 500 : 5_000);
  await importFile(db.db, SYSTEM_ACTOR, { file: mixFile, dryRun: false, resource: 'components' });
  await sql`UPDATE components SET visibility = 'public' WHERE item_id = ${itemId}::uuid`.execute(db.db);
  await sql`UPDATE components SET visibility = 'internal' WHERE item_id = ${itemId}::uuid`.execute(db.db);
  await sql`UPDATE components SET item_id = ${otherItem}::uuid WHERE id IN (SELECT id FROM components WHERE item_id = ${itemId}::uuid ORDER BY id LIMIT 50)`.execute(db.db);
  await sql`DELETE FROM components WHERE id IN (SELECT c.id FROM components c WHERE c.external_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM evidence_files f WHERE f.component_id = c.id) ORDER BY c.id LIMIT 100)`.execute(db.db);
  const tv = performance.now();
  const v = await verifySummary(db.db);
  const verifyS = (performance.now() - tv) / 1000;
  const apiVerified = `remnant findings verify on the ${ds.components.toLocaleString('en')}-component data set after API writes with its triggers (create, change, move, delete, ${writes} each) and a write mix (an import of ${opts.quick ? 500 : 5_000} rows, an item published and withdrawn, 50 components moved, 100 deleted): ${v.differences.length} differences in ${v.rows.toLocaleString('en')} maintained rows (recount ${round(verifyS, 1)} s)`;
  log(`findings-write: ${apiVerified}`);

  const imp = { on: summarise(importS.statement), off: summarise(importS.off) };
  const w = { on: summarise(api.statement), off: summarise(api.off), row: summarise(api.row) };
  return [
    {
      name: `components CSV import, ${rows.toLocaleString('en')} rows, with the findings triggers`,
      value: round(rows / imp.on.p50, 0),
      unit: 'rows/s',
      baseline: { name: 'the same import with the findings triggers disabled', value: round(rows / imp.off.p50, 0) },
      ratio: round(imp.off.p50 / imp.on.p50, 3),
      notes: `median of ${rounds} imports each into a fresh database, alternating; ${round(imp.on.p50, 2)} s vs ${round(imp.off.p50, 2)} s; ${verified}`,
    },
    {
      name: 'API component write (create, change maker and window, move, delete; mean per write), statement-level triggers',
      value: round(w.on.p50, 2),
      unit: 'ms',
      baseline: { name: 'the same writes with the findings triggers disabled', value: round(w.off.p50, 2) },
      ratio: round(w.on.p50 / w.off.p50, 3),
      notes: `evidence store writes (each audited, one transaction) on an item of about 300 components among ${ds.components.toLocaleString('en')}; median of ${rounds} interleaved rounds; row-level trigger doing the same upserts: ${round(w.row.p50, 2)} ms (${round(w.row.p50 / w.off.p50, 3)}×); ${apiVerified}`,
    },
  ];
}
