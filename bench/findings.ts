/**
 * Item findings: every figure for one item of about 300 components (`computeFindings` for an item,
 * what GET /api/items/:id/findings computes) as a signed-in analyst, inside the run's synthetic
 * data set so that the similar-items search runs against all the other items. Baseline: the bare
 * SQL aggregate over the same item's components (`SELECT maker_country, count(*) … WHERE item_id =
 * $1 GROUP BY 1`), timed interleaved in the same run.
 */
import { sql } from 'kysely';
import type { Actor } from '../src/access/index.js';
import { computeFindings } from '../src/findings/index.js';
import type { BenchOptions, Metric } from './metric.js';
import { datasetSize, log, round, syntheticDataset, timePair } from './support.js';

const ANALYST: Actor = { id: '00000000-0000-0000-0000-0000000000b1', username: 'bench-analyst', role: 'analyst' };

export async function bench(opts: BenchOptions): Promise<Metric[]> {
  const size = datasetSize(opts.quick);
  const ds = await syntheticDataset(size);
  const { db } = ds.database;
  // The item whose size is closest to 300 components (the synthetic items average about 294).
  const pick = await sql<{ itemId: string; n: number }>`
    SELECT item_id, count(*) AS n FROM components GROUP BY item_id ORDER BY abs(count(*) - 300), item_id LIMIT 1`.execute(db);
  const { itemId, n } = pick.rows[0]!;
  const repeats = opts.quick ? 30 : 100;

  let similar = 0;
  const findings = async () => {
    const f = await computeFindings(db, ANALYST, { kind: 'item', id: itemId });
    similar = f.similarity.similarItems.length;
  };
  const bare = () => sql`SELECT maker_country, count(*) FROM components WHERE item_id = ${itemId}::uuid GROUP BY maker_country`.execute(db);

  log(`findings: ${repeats} interleaved runs of item findings (${n} components) and of the bare aggregate…`);
  const { a, b } = await timePair(findings, bare, { repeats, warmup: 3 });
  const total = size.components.toLocaleString('en');
  const notes = `computeFindings(item) as an analyst: units, part numbers, makers, countries by HQ and by parent (recursive CTE), date codes, no-earlier-than with ids, ` +
    `timeline, CHPL tiers, similar items among ${total} components (${similar} found), intermediaries check; ${repeats} interleaved runs`;
  return [
    {
      name: `item findings p50 (${n} components)`,
      value: round(a.p50, 1),
      unit: 'ms',
      baseline: { name: 'SELECT maker_country, count(*) … WHERE item_id GROUP BY', value: round(b.p50, 2) },
      ratio: round(a.p50 / b.p50, 1),
      notes,
    },
    {
      name: `item findings p95 (${n} components)`,
      value: round(a.p95, 1),
      unit: 'ms',
      baseline: { name: 'the same bare aggregate, p95', value: round(b.p95, 2) },
      ratio: round(a.p95 / b.p95, 1),
    },
  ];
}
