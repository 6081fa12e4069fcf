import { describe, expect, it, vi } from 'vitest';
import { freshDatabase } from '../support/db.js';
import { buildProgram } from '../../src/cli/main.js';
import { component, loadSynthetic, plan, recordId, type SynthOptions } from '../../src/synth/index.js';
import { Conflict } from '../../src/problems.js';

/** Tables the loader writes that have external ids (trace tables mark rows through their notes). */
const MARKED = ['organisations', 'sources', 'claims', 'incidents', 'items', 'components', 'cases'];

async function synthRows(db: Awaited<ReturnType<typeof freshDatabase>>, seed: number): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of MARKED) {
    const r = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t} WHERE external_id LIKE $1`, [`synth:${seed}:%`]);
    out[t] = r.rows[0]!.n;
  }
  for (const t of ['trace_requests', 'trace_hops']) {
    const r = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t} WHERE notes LIKE $1`, [`synth:${seed}:%`]);
    out[t] = r.rows[0]!.n;
  }
  return out;
}

const auditCount = async (db: Awaited<ReturnType<typeof freshDatabase>>) =>
  (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log`)).rows[0]!.n;

describe('synthetic loader', () => {
  it('loads every table with COPY, each record marked synthetic, with one audit entry', async () => {
    const db = await freshDatabase();
    const opts: SynthOptions = { components: 1200, items: 6, seed: 21 };
    const before = await auditCount(db);
    const r = await loadSynthetic(db.pool, opts);
    expect(r.counts.components).toBe(1200);
    expect(r.counts.items).toBe(6);
    expect(r.counts.trace_requests).toBeGreaterThan(0);
    const rows = await synthRows(db, 21);
    for (const t of MARKED) expect(rows[t], t).toBe(r.counts[t]);
    expect(rows.trace_requests).toBe(r.counts.trace_requests);
    expect(rows.trace_hops).toBe(r.counts.trace_hops);
    const notSynthetic = await db.pool.query(`SELECT count(*)::int AS n FROM components WHERE NOT illustrative OR external_id NOT LIKE 'synth:%'`);
    expect(notSynthetic.rows[0].n).toBe(0);
    expect(await auditCount(db)).toBe(before + 1);
    const audit = await db.pool.query(`SELECT record_type, record_id, after FROM audit_log ORDER BY seq DESC LIMIT 1`);
    expect(audit.rows[0]).toMatchObject({ record_type: 'synthetic_data', record_id: 'seed:21' });

    // What is stored is what the generator made, markings with newlines and all.
    const p = plan(opts);
    const c = component(p, 777);
    const stored = await db.db.selectFrom('components').selectAll().where('id', '=', c.id as string).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ markingRaw: c.markingRaw, partNumber: c.partNumber, productionFrom: c.productionFrom, productionTo: c.productionTo, itemId: c.itemId });
    expect(String(stored.markingRaw)).toContain('\n');
    // The case holds every item; a case dashboard over it sees every component.
    const inCase = await db.pool.query(`SELECT count(*)::int AS n FROM case_items WHERE case_id = $1`, [recordId(21, 'case', 0)]);
    expect(inCase.rows[0].n).toBe(6);
  });

  it('refuses to load a seed twice, changing nothing', async () => {
    const db = await freshDatabase();
    await loadSynthetic(db.pool, { components: 100, items: 2, seed: 5 });
    const rows = await synthRows(db, 5);
    const audits = await auditCount(db);
    await expect(loadSynthetic(db.pool, { components: 100, items: 2, seed: 5 })).rejects.toBeInstanceOf(Conflict);
    expect(await synthRows(db, 5)).toEqual(rows);
    expect(await auditCount(db)).toBe(audits);
    // Another seed loads beside it.
    await loadSynthetic(db.pool, { components: 100, items: 2, seed: 6 });
    expect((await synthRows(db, 6)).components).toBe(100);
  });

  it('is all-or-nothing when generation fails half-way', async () => {
    const db = await freshDatabase();
    const audits = await auditCount(db);
    await expect(loadSynthetic(db.pool, { components: 2000, items: 8, seed: 31 }, { failAfter: { table: 'components', rows: 1000 } })).rejects.toThrow(/synthetic failure/);
    const rows = await synthRows(db, 31);
    for (const [t, n] of Object.entries(rows)) expect(n, t).toBe(0);
    expect(await auditCount(db)).toBe(audits);
    // The pool is still usable, and the same seed then loads in full.
    const r = await loadSynthetic(db.pool, { components: 2000, items: 8, seed: 31 });
    expect((await synthRows(db, 31)).components).toBe(r.counts.components);
  });

  it('is all-or-nothing when the database refuses a row late in the load', async () => {
    const db = await freshDatabase();
    // A record already holding the external id the 5th item would get: the items COPY fails on it.
    await db.pool.query(`INSERT INTO items (label, external_id, created_by, updated_by) VALUES ('in the way', 'synth:41:item:4', $1, $1)`, ['00000000-0000-0000-0000-000000000001']);
    await expect(loadSynthetic(db.pool, { components: 500, items: 8, seed: 41 })).rejects.toThrow(/duplicate key|unique/);
    const rows = await synthRows(db, 41);
    expect(rows.items).toBe(1);
    for (const t of ['organisations', 'sources', 'claims', 'incidents', 'components', 'cases', 'trace_requests']) expect(rows[t], t).toBe(0);
  });

  it('can build the components indexes after the rows, keeping them whatever happens', async () => {
    const db = await freshDatabase();
    const indexes = async () => (await db.pool.query<{ def: string }>(
      `SELECT pg_get_indexdef(indexrelid) AS def FROM pg_index WHERE indrelid = 'components'::regclass ORDER BY 1`)).rows.map((r) => r.def);
    const before = await indexes();
    await expect(loadSynthetic(db.pool, { components: 800, items: 4, seed: 51 }, { rebuildIndexes: true, failAfter: { table: 'components', rows: 400 } })).rejects.toThrow();
    expect(await indexes()).toEqual(before);
    const r = await loadSynthetic(db.pool, { components: 800, items: 4, seed: 51 }, { rebuildIndexes: true });
    expect(await indexes()).toEqual(before);
    expect((await synthRows(db, 51)).components).toBe(r.counts.components);
    // The rebuilt search index answers.
    const found = await db.pool.query(`SELECT count(*)::int AS n FROM components WHERE search @@ to_tsquery('simple', 'synth') OR part_number % 'ATMEGA328P-AU'`);
    expect(found.rows[0].n).toBeGreaterThan(0);
  });

  it('runs from the CLI: remnant synth --components N --items M --seed S', async () => {
    const db = await freshDatabase();
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    const before = process.env.DATABASE_URL;
    process.env.DATABASE_URL = db.url;
    try {
      await buildProgram().parseAsync(['node', 'remnant', 'synth', '--components', '300', '--items', '3', '--seed', '77', '--no-progress']);
    } finally {
      spy.mockRestore();
      if (before === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = before;
    }
    expect(out).toMatch(/loaded synthetic data \(seed 77\)/);
    expect(out).toMatch(/components\s+300/);
    expect((await synthRows(db, 77)).components).toBe(300);
  });
});
