/**
 * Case dashboard: every finding for a case holding the whole synthetic data set (one million
 * components in the full run) — `computeFindings` from src/findings, exactly what
 * GET /api/cases/:id/findings computes, as an analyst sees it — against the bare SQL aggregate
 * `SELECT maker_country, count(*) FROM components GROUP BY maker_country` on the same data, timed
 * interleaved in the same run.
 */
import { sql } from 'kysely';
import type { Actor } from '../src/access/index.js';
import { computeFindings } from '../src/findings/index.js';
import { recordId } from '../src/synth/index.js';
import type { BenchOptions, Metric } from './metric.js';
import { datasetSize, log, round, summarise, syntheticDataset, timePair, timeRepeats, type Timing } from './support.js';

/** A signed-in analyst: sees internal and public records (and restricted ones granted to them). */
const ANALYST: Actor = { id: '00000000-0000-0000-0000-0000000000b1', username: 'bench-analyst', role: 'analyst' };

export async function bench(opts: BenchOptions): Promise<Metric[]> {
  const size = datasetSize(opts.quick);
  const ds = await syntheticDataset(size);
  const { db } = ds.database;
  const caseId = recordId(size.seed, 'case', 0);
  // Up to three timed runs each, within a time budget: a dashboard that takes minutes at this
  // size is timed once (cold) rather than stretching the whole run.
  const budgetMs = opts.quick ? 6_000 : 150_000;

  const counted = { components: 0, items: 0, similarity: '' };
  const dashboard = async () => {
    const f = await computeFindings(db, ANALYST, { kind: 'case', id: caseId });
    counted.components = f.components.records.count;
    counted.items = f.items.count;
    counted.similarity = f.similarity.note ?? `${f.similarity.pairs.length} similar pairs`;
  };
  const bare = () => sql`SELECT maker_country, count(*) FROM components GROUP BY maker_country`.execute(db);

  log(`dashboard: the case dashboard and the bare aggregate over ${size.components.toLocaleString('en')} components, interleaved…`);
  const t0 = performance.now();
  await dashboard();
  const first = performance.now() - t0;
  await bare();
  let a: Timing;
  let b: Timing;
  let runs: string;
  if (first > budgetMs / 3) {
    a = summarise([first]);
    b = await timeRepeats(bare, { repeats: 3, warmup: 0 });
    runs = `1 run (cold: too slow to repeat within the run's ${budgetMs / 1000} s budget) vs 3 of the aggregate`;
  } else {
    const repeats = Math.max(1, Math.min(3, Math.floor((budgetMs - first) / first)));
    ({ a, b } = await timePair(dashboard, bare, { repeats, warmup: 0 }));
    runs = `${repeats} interleaved run(s) each after a warm-up`;
  }
  const n = size.components.toLocaleString('en');
  return [
    {
      name: `case dashboard p50 (${n} components)`,
      value: round(a.p50, 1),
      unit: 'ms',
      baseline: { name: 'SELECT maker_country, count(*) … GROUP BY', value: round(b.p50, 1) },
      ratio: round(a.p50 / b.p50, 2),
      notes: `computeFindings(case) as an analyst, every figure (makers, countries by HQ and parent, dates, CHPL tiers, part numbers, timelines, similarity, intermediaries); similarity: ${counted.similarity}; counted ${counted.components.toLocaleString('en')} visible components in ${counted.items.toLocaleString('en')} items; p95 ${round(a.p95, 0)} ms vs ${round(b.p95, 0)} ms; ${runs}`,
    },
  ];
}
