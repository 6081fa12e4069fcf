import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { SYSTEM_ACTOR, type Actor } from '../../src/access/index.js';
import { aggregateScope, aggregateScopeByScan, rebuildSummary, verifySummary, type AggregateRow, type Scope } from '../../src/findings/index.js';
import { scopeFeatures, type FeatureRow } from '../../src/findings/queries.js';
import { similarCandidates } from '../../src/findings/summary.js';
import { importFile } from '../../src/transfer/import.js';
import { backup, restore } from '../../src/transfer/backup.js';

/**
 * The maintained findings aggregates (migration 0026) against a full recount: random sequences of
 * component creates, updates (maker, country, window, visibility, item moves, quantity, part),
 * deletes and CSV imports, then (1) `verifySummary` finds no stored row that differs from a recount
 * and (2) every figure read from the aggregates equals the one-pass scan over the component rows,
 * for the public, an admin and an analyst with grants, both window bases, with and without
 * illustrative records. A backup restored into an empty database is held to the same.
 */

let database: TestDatabase;
let dir: string;
const ANALYST: Actor = { id: '00000000-0000-0000-0000-00000000a001', username: 'prop-analyst', role: 'analyst' };
const ORGS = ['00000000-0000-0000-0000-0000000000f1', '00000000-0000-0000-0000-0000000000f2', '00000000-0000-0000-0000-0000000000f3', '00000000-0000-0000-0000-0000000000f4'];
const ITEMS = ['00000000-0000-0000-0000-0000000000e1', '00000000-0000-0000-0000-0000000000e2', '00000000-0000-0000-0000-0000000000e3'];
const VIS = ['public', 'internal', 'restricted'] as const;
const DATES = [null, '2019-03-01', '2021-06-01', '2021-12-31', '2023-02-01'] as const;

beforeAll(async () => {
  database = await freshDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'remnant-summary-'));
  const q = (text: string, params: unknown[] = []) => database.pool.query(text, params);
  await q(`INSERT INTO users (id, username, display_name, role) VALUES ($1, 'prop-analyst', 'Analyst', 'analyst')`, [ANALYST.id]);
  const sys = SYSTEM_ACTOR.id;
  // A parent (US), a maker owned by it (DE), a visible maker (CN) and a restricted one (RU).
  await q(`INSERT INTO organisations (id, name, kind, country, visibility, created_by, updated_by) VALUES
    ($1, 'Parent Co', 'manufacturer', 'US', 'public', $5, $5), ($2, 'Child GmbH', 'manufacturer', 'DE', 'public', $5, $5),
    ($3, 'Maker Ltd', 'manufacturer', 'CN', 'internal', $5, $5), ($4, 'Hidden OOO', 'manufacturer', 'RU', 'restricted', $5, $5)`, [...ORGS, sys]);
  await q(`UPDATE organisations SET parent_id = $1 WHERE id = $2`, [ORGS[0], ORGS[1]]);
  await q(`INSERT INTO items (id, label, visibility, illustrative, created_by, updated_by) VALUES
    ($1, 'Item A', 'public', false, $4, $4), ($2, 'Item B', 'internal', true, $4, $4), ($3, 'Item C', 'public', false, $4, $4)`, [...ITEMS, sys]);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const componentArb = fc.record({
  item: fc.nat(ITEMS.length - 1),
  maker: fc.option(fc.nat(ORGS.length - 1)),
  country: fc.constantFrom(null, 'FR', 'JP'),
  from: fc.nat(DATES.length - 1),
  span: fc.nat(2),
  ambiguous: fc.boolean(),
  confirmed: fc.boolean(),
  visibility: fc.constantFrom(...VIS),
  illustrative: fc.boolean(),
  part: fc.constantFrom(null, 'LM358', 'lm-358', 'AD9361', 'XC7Z020'),
  // Positions as recorded: blank, a designator, the same in another case and padding (one unit key for similarity).
  position: fc.constantFrom(null, '', 'U1', 'u1 ', 'R7'),
  tier: fc.constantFrom(null, '1', '2', '3.A'),
  quantity: fc.integer({ min: 1, max: 4 }),
  mine: fc.boolean(),
});
type ComponentSpec = typeof componentArb extends fc.Arbitrary<infer T> ? T : never;

const opArb = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('insert' as const), rows: fc.array(componentArb, { minLength: 1, maxLength: 6 }) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('update' as const), pick: fc.nat(), field: fc.constantFrom('maker', 'country', 'window', 'visibility', 'item', 'quantity', 'part', 'tier', 'illustrative', 'confirm', 'position'), to: componentArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('moveAll' as const), from: fc.nat(ITEMS.length - 1), to: fc.nat(ITEMS.length - 1) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteItem' as const), item: fc.nat(ITEMS.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('grant' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('org' as const), org: fc.nat(ORGS.length - 1), visibility: fc.constantFrom(...VIS), country: fc.constantFrom('US', 'DE', 'KR') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('itemVisibility' as const), item: fc.nat(ITEMS.length - 1), visibility: fc.constantFrom(...VIS) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('import' as const), rows: fc.array(fc.record({ item: fc.constantFrom('Item A', 'Imported X'), part: fc.constantFrom('LM358', 'NE555', 'AD9361'), qty: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 4 }), n: fc.nat() }) },
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

/** Column values of a component spec, in the order of COLUMNS. */
function values(c: ComponentSpec): unknown[] {
  const from = DATES[c.from] ?? null;
  const to = from === null ? null : DATES[Math.min(DATES.length - 1, c.from + c.span)];
  const ambiguous = c.ambiguous && from !== null;
  return [
    ITEMS[c.item], c.maker === null ? null : ORGS[c.maker], c.country, from, to, ambiguous,
    ambiguous ? '2010-01-01' : null, ambiguous ? to : null, c.confirmed ? 16 : 0, c.visibility, c.illustrative,
    c.part, c.tier, c.quantity, c.position, c.mine ? ANALYST.id : SYSTEM_ACTOR.id,
  ];
}
const COLUMNS = 'item_id, maker_id, maker_country, production_from, production_to, ambiguous, envelope_from, envelope_to, confirmed_fields, visibility, illustrative, part_number, chpl_tier, quantity, position, created_by';

async function pickComponent(n: number): Promise<string | null> {
  const r = await database.pool.query<{ id: string }>(`SELECT id FROM components ORDER BY id`);
  return r.rows.length ? r.rows[n % r.rows.length]!.id : null;
}

async function apply(op: Op): Promise<void> {
  const q = (text: string, params: unknown[] = []) => database.pool.query(text, params);
  switch (op.op) {
    case 'insert': {
      const params: unknown[] = [];
      const tuples = op.rows.map((c) => {
        const v = values(c);
        const at = params.length;
        params.push(...v);
        return `(${v.map((_, i) => `$${at + i + 1}`).join(', ')}, 'M', $${at + v.length})`;
      });
      await q(`INSERT INTO components (${COLUMNS}, marking_raw, updated_by) VALUES ${tuples.join(', ')}`, params);
      return;
    }
    case 'update': {
      const id = await pickComponent(op.pick);
      if (!id) return;
      const [item, maker, country, from, to, ambiguous, ef, et, confirmed, visibility, illustrative, part, tier, quantity, position] = values(op.to);
      const set: Record<typeof op.field, [string, unknown[]]> = {
        maker: ['maker_id = $2', [maker]],
        country: ['maker_country = $2', [country]],
        window: ['production_from = $2, production_to = $3, ambiguous = $4, envelope_from = $5, envelope_to = $6', [from, to, ambiguous, ef, et]],
        visibility: ['visibility = $2', [visibility]],
        item: ['item_id = $2', [item]],
        quantity: ['quantity = $2', [quantity]],
        part: ['part_number = $2', [part]],
        tier: ['chpl_tier = $2', [tier]],
        illustrative: ['illustrative = $2', [illustrative]],
        confirm: ['confirmed_fields = $2', [confirmed]],
        position: ['position = $2', [position]],
      };
      const [text, params] = set[op.field];
      await q(`UPDATE components SET ${text} WHERE id = $1`, [id, ...params]);
      return;
    }
    case 'moveAll':
      await q(`UPDATE components SET item_id = $2 WHERE item_id = $1`, [ITEMS[op.from], ITEMS[op.to]]);
      return;
    case 'delete': {
      const id = await pickComponent(op.pick);
      if (id) await q(`DELETE FROM components WHERE id = $1`, [id]);
      return;
    }
    case 'deleteItem':
      await q(`DELETE FROM components WHERE item_id = $1`, [ITEMS[op.item]]);
      return;
    case 'grant': {
      const id = await pickComponent(op.pick);
      if (id) await q(`INSERT INTO record_grants (record_id, record_type, user_id, granted_by) VALUES ($1, 'components', $2, $3) ON CONFLICT DO NOTHING`, [id, ANALYST.id, SYSTEM_ACTOR.id]);
      return;
    }
    case 'org':
      await q(`UPDATE organisations SET visibility = $2, country = $3 WHERE id = $1`, [ORGS[op.org], op.visibility, op.country]);
      return;
    case 'itemVisibility':
      await q(`UPDATE items SET visibility = $2 WHERE id = $1`, [ITEMS[op.item], op.visibility]);
      return;
    case 'import': {
      const csv = ['Item,Marking,Manufacturer,Part No.,Qty', ...op.rows.map((r, i) => `${r.item},M${op.n}-${i},Parent Co,${r.part},${r.qty}`)].join('\n');
      const file = path.join(dir, `import-${op.n}.csv`);
      await fs.writeFile(file, csv);
      const r = await importFile(database.db, SYSTEM_ACTOR, { file, dryRun: false });
      expect(r.problems).toEqual([]);
      return;
    }
  }
}

/**
 * Rows in a comparable form: numbers as numbers, sorted; an empty total row (a scan over nothing)
 * dropped. Only the total row's dates, dated and flag counts are figures (and each item's newest
 * bound, for its timeline); the scan computes them for every bucket, the aggregates only there.
 */
function normalise(rows: AggregateRow[]): unknown[] {
  return rows
    .filter((r) => !(r.dim === 'total' && Number(r.records) === 0))
    .map((r) => (r.dim !== 'total' ? { dim: r.dim, key: r.key, units: Number(r.units), records: Number(r.records), nKeys: Number(r.nKeys), ...(r.dim === 'item' ? { newestFrom: r.newestFrom } : {}) } : {
      dim: r.dim, key: r.key, units: Number(r.units), records: Number(r.records), illustrative: Number(r.illustrativeRecords), traced: Number(r.tracedRecords),
      newestFrom: r.newestFrom, datedUnits: Number(r.datedUnits), datedRecords: Number(r.datedRecords), ambiguous: Number(r.ambiguousRecords),
      unconfirmed: Number(r.unconfirmedRecords), newestC: r.newestFromConservative, unidentified: Number(r.unidentifiedUnits), nKeys: Number(r.nKeys),
    }))
    .map((r) => r as { dim: string; key: string | null })
    .sort((a, b) => (`${a.dim}\u0000${a.key}` < `${b.dim}\u0000${b.key}` ? -1 : 1));
}

/** Features as similarity reads them: units per (part key, position), summed over the rows that carry them. */
function featureSet(rows: readonly FeatureRow[]): string[] {
  const m = new Map<string, number>();
  for (const r of rows) {
    const k = `${r.partKey}\u0000${r.position ?? '\u0001'}`;
    m.set(k, (m.get(k) ?? 0) + Number(r.units));
  }
  return [...m].map(([k, u]) => `${k}=${u}`).sort();
}

/** Each item's features from its maintained signature (what item findings compare) equal those counted from its components. */
async function expectSignaturesEqualScan(db: TestDatabase['db']): Promise<void> {
  for (const actor of [null, SYSTEM_ACTOR, ANALYST]) {
    for (const includeIllustrative of [true, false]) {
      for (const id of ITEMS) {
        const fast = await similarCandidates(db, actor, id, { includeIllustrative, limit: 20 });
        const where = `${actor?.username ?? 'public'} item ${id} illustrative ${includeIllustrative}`;
        expect(featureSet(fast.own), where).toEqual(featureSet(await scopeFeatures(db, actor, { kind: 'item', id }, { includeIllustrative })));
        for (const c of fast.candidates) {
          expect(featureSet(c.features), `${where} candidate ${c.itemId}`).toEqual(featureSet(await scopeFeatures(db, actor, { kind: 'item', id: c.itemId }, { includeIllustrative })));
        }
      }
    }
  }
}

async function expectFiguresEqualScan(db: TestDatabase['db']): Promise<void> {
  await expectSignaturesEqualScan(db);
  const scopes: Scope[] = [{ kind: 'all' }, { kind: 'item', id: ITEMS[0]! }, { kind: 'item', id: ITEMS[1]! }];
  for (const actor of [null, SYSTEM_ACTOR, ANALYST]) {
    for (const scope of scopes) {
      for (const windows of ['suggested', 'conservative'] as const) {
        for (const includeIllustrative of [true, false]) {
          const opts = { includeIllustrative, windows, bucketLimit: 2, traces: true };
          const [fast, scan] = await Promise.all([aggregateScope(db, actor, scope, opts), aggregateScopeByScan(db, actor, scope, opts)]);
          expect(normalise(fast), `${actor?.username ?? 'public'} ${scope.kind} ${windows} illustrative ${includeIllustrative}`).toEqual(normalise(scan));
        }
      }
    }
  }
}

describe('maintained findings aggregates', () => {
  it('equal a full recount after any sequence of writes, for every audience', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 10 }), async (ops) => {
        for (const op of ops) await apply(op);
        const v = await verifySummary(database.db);
        expect(v.differences).toEqual([]);
        await expectFiguresEqualScan(database.db);
      }),
      { numRuns: 25 },
    );
    // The runs above must have exercised something: a property over an empty table proves nothing.
    const n = await database.pool.query(`SELECT count(*)::int AS n FROM findings_item_summary`);
    expect(n.rows[0].n).toBeGreaterThan(0);
  }, 300_000);

  it('verify reports a stored row that drifted from the components', async () => {
    await apply({ op: 'insert', rows: [{ item: 0, maker: 0, country: null, from: 1, span: 0, ambiguous: false, confirmed: false, visibility: 'public', illustrative: false, part: 'LM358', tier: '1', quantity: 2, position: 'U1', mine: false }] });
    const client = await database.pool.connect();
    try {
      // As a tamperer with triggers off would: the summary is not told.
      await client.query('SET session_replication_role = replica');
      await client.query(`UPDATE components SET quantity = quantity + 1 WHERE id = (SELECT id FROM components ORDER BY id LIMIT 1)`);
    } finally {
      await client.query('RESET session_replication_role');
      client.release();
    }
    const v = await verifySummary(database.db);
    expect(v.differences.length).toBeGreaterThan(0);
    expect(v.differences[0]).toMatchObject({ dim: expect.any(String) });
    // Rebuilt from the components, it is exact again (and the restore test below starts clean).
    await rebuildSummary(database.db);
    expect((await verifySummary(database.db)).differences).toEqual([]);
  });

  it('a backup restored into an empty database keeps aggregates equal to the recount', async () => {
    const file = path.join(dir, 'b.tar.gz');
    await backup(database.db, file);
    const target = await freshDatabase();
    await restore(target.db, file);
    const v = await verifySummary(target.db);
    expect(v.rows).toBeGreaterThan(0);
    expect(v.differences).toEqual([]);
    await expectFiguresEqualScan(target.db);
  }, 120_000);
});
