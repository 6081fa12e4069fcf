/**
 * What the maintained findings aggregates (migration 0026: statement-level triggers on components)
 * cost the writes, against the same writes with those triggers disabled, interleaved in one run:
 * - the CSV import of components (`importFile`, the real import) into a fresh database;
 * - API writes through the evidence store (create one component, change its maker and window,
 *   move it to another item, delete it), each one statement in its own audited transaction,
 *   on an item already holding 300 components;
 * - for the choice of mechanism, the same API writes with an equivalent row-level trigger instead.
 * Afterwards `verifySummary` recounts the aggregates of the database the triggers maintained.
 */
import path from 'node:path';
import { sql } from 'kysely';
import { SYSTEM_ACTOR } from '../src/access/index.js';
import * as evidence from '../src/evidence/index.js';
import { rebuildSummary, verifySummary } from '../src/findings/index.js';
import { importFile } from '../src/transfer/import.js';
import type { BenchOptions, Metric } from './metric.js';
import { freshDatabase, log, round, summarise, tempDir, type BenchDatabase } from './support.js';
import { writeCsv } from './transfer.js';

const TRIGGERS = ['components_findings_insert', 'components_findings_update', 'components_findings_delete'];
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
  const rows = opts.quick ? 5_000 : 50_000;
  const rounds = opts.quick ? 2 : 3;
  const dir = await tempDir('findings-write');
  const file = path.join(dir, 'components.csv');
  await writeCsv(file, rows);

  // The import, into a fresh database each time, triggers on and off alternating.
  const importS: Record<'statement' | 'off', number[]> = { statement: [], off: [] };
  let verified = '';
  for (let r = 0; r < rounds; r++) {
    for (const mode of (r % 2 ? ['off', 'statement'] : ['statement', 'off']) as ('statement' | 'off')[]) {
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

  // API writes on an item of 300 components: create, change maker and window, move, delete.
  const db = await freshDatabase({ poolSize: 2 });
  const api: Record<Mode, number[]> = { statement: [], off: [], row: [] };
  let apiVerified = '';
  try {
    const maker = await evidence.create(db.db, SYSTEM_ACTOR, evidence.organisations, { name: 'Bench Maker', kind: 'manufacturer', country: 'US' });
    const other = await evidence.create(db.db, SYSTEM_ACTOR, evidence.organisations, { name: 'Other Maker', kind: 'manufacturer', country: 'DE' });
    const itemA = await evidence.create(db.db, SYSTEM_ACTOR, evidence.items, { label: 'Bench item A' });
    const itemB = await evidence.create(db.db, SYSTEM_ACTOR, evidence.items, { label: 'Bench item B' });
    await sql`INSERT INTO components (item_id, marking_raw, part_number, maker_id, production_from, production_to, created_by, updated_by)
      SELECT ${itemA.id}::uuid, 'M' || g, 'PN' || (g % 120), ${maker.id}::uuid, date '2015-01-01' + (g % 3000), date '2015-01-01' + (g % 3000) + 30, ${SYSTEM_ACTOR.id}::uuid, ${SYSTEM_ACTOR.id}::uuid
        FROM generate_series(1, 300) g`.execute(db.db);
    await db.pool.query(ROW_TRIGGER);
    const writes = opts.quick ? 15 : 60;
    const cycle = async (mode: Mode) => {
      await setMode(db, mode);
      const t0 = performance.now();
      for (let i = 0; i < writes; i++) {
        const c = await evidence.create(db.db, SYSTEM_ACTOR, evidence.components, { itemId: itemA.id, markingRaw: `BENCH ${i}`, partNumber: `LM${i % 7}358` });
        await evidence.update(db.db, SYSTEM_ACTOR, evidence.components, c.id as string, { makerId: other.id, productionFrom: '2023-01-01', productionTo: '2023-03-31' });
        await evidence.update(db.db, SYSTEM_ACTOR, evidence.components, c.id as string, { itemId: itemB.id });
        await evidence.remove(db.db, SYSTEM_ACTOR, evidence.components, c.id as string);
      }
      api[mode].push((performance.now() - t0) / (writes * 4));
    };
    await cycle('statement'); // warm-up
    api.statement.length = 0;
    for (let r = 0; r < rounds + 1; r++) for (const m of (r % 2 ? ['row', 'off', 'statement'] : ['statement', 'off', 'row']) as Mode[]) await cycle(m);
    await setMode(db, 'statement');
    // The writes with triggers off (and the row trigger, which does not settle the newest bound) left the
    // aggregates behind, on purpose: the recount must see that, and the rebuilt ones must be exact.
    const stale = await verifySummary(db.db);
    await rebuildSummary(db.db);
    await cycle('statement');
    const fresh = await verifySummary(db.db);
    apiVerified = `verify: ${stale.differences.length} differences after writes with triggers off (expected: some), ${fresh.differences.length} after a rebuild and writes with them on`;
  } finally {
    await db.close();
  }

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
      notes: `evidence store writes (each audited, one transaction) on an item of 300 components; median of ${rounds + 1} interleaved rounds; row-level trigger doing the same upserts: ${round(w.row.p50, 2)} ms (${round(w.row.p50 / w.off.p50, 3)}×); ${apiVerified}`,
    },
  ];
}
