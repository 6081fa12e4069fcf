/**
 * Start-up and memory of the real built server (`node bin/remnant.js serve`):
 * - cold start: a new data directory to the first 200 from /api/health (initdb, migrations,
 *   reference data, demo case, first admin) against the embedded PostgreSQL alone doing its part
 *   (initdb, start, CREATE DATABASE) through the same lifecycle code;
 * - warm start: the same directory again against PostgreSQL alone starting on an existing cluster;
 * - memory: the server's peak resident set under 50 connections of public reads on the synthetic
 *   data set (one million components in the full run) against the same server answering the same
 *   requests, page for page, over 5,000 components.
 */
import { ensureEmbeddedServer } from '../src/db/index.js';
import type pg from 'pg';
import type { BenchOptions, Metric } from './metric.js';
import { datasetSize, loadTest, log, MiB, readMemory, round, sampleMemory, startServer, summarise, syntheticDataset, tempDir, type ServerHandle } from './support.js';
import { READ_ROUTE } from './api.js';

async function remnantStart(dataDir: string, selfReported: number[]): Promise<number> {
  const server = await startServer({ dataDir, demo: true });
  await server.stop();
  if (server.selfReportedMs !== null) selfReported.push(server.selfReportedMs);
  return server.readyMs;
}

async function postgresStart(dataDir: string): Promise<number> {
  const t0 = performance.now();
  const pg = await ensureEmbeddedServer(dataDir);
  const ms = performance.now() - t0;
  await pg.stop();
  return ms;
}

/**
 * Peak RSS of `server`: a few single requests to `paths` (the global list among them), then 50
 * connections for `seconds` on `loadPath`.
 */
async function memoryUnderLoad(server: ServerHandle, seconds: number, loadPath: string, paths: string[]): Promise<{ peak: number; idle: number }> {
  try {
    const idle = readMemory(server.pid)?.rss ?? 0;
    const sampler = sampleMemory(server.pid, 100);
    for (const p of paths) await fetch(server.baseUrl + p).then((r) => r.arrayBuffer());
    await loadTest(server.baseUrl + loadPath, { connections: 50, seconds });
    const m = sampler.stop();
    return { peak: m.peakRss, idle };
  } finally {
    await server.stop();
  }
}

const SMALL = 5_000;
const PAGE = 100;

/** An item page's components, for the public item holding the most public components. */
async function loadPathFor(pool: pg.Pool): Promise<string> {
  const r = await pool.query<{ id: string }>(
    `SELECT i.id FROM items i JOIN components c ON c.item_id = i.id AND c.visibility = 'public'
      WHERE i.visibility = 'public' GROUP BY i.id ORDER BY count(*) DESC, i.id LIMIT 1`);
  if (!r.rows[0]) throw new Error('no public item with public components in the data set');
  return `/api/components?itemId=${r.rows[0].id}&limit=${PAGE}`;
}

export async function bench(opts: BenchOptions): Promise<Metric[]> {
  const coldRuns = opts.quick ? 1 : 2;
  const warmRuns = opts.quick ? 1 : 3;
  const coldSelf: number[] = [];
  const warmSelf: number[] = [];
  const cold: number[] = [];
  const coldBase: number[] = [];
  const warm: number[] = [];
  const warmBase: number[] = [];

  log(`startup: ${coldRuns} cold and ${warmRuns} warm start(s) of Remnant and of PostgreSQL alone, interleaved…`);
  let remnantDir = '';
  let baseDir = '';
  for (let i = 0; i < coldRuns; i++) {
    remnantDir = await tempDir('cold');
    cold.push(await remnantStart(remnantDir, coldSelf));
    baseDir = await tempDir('cold-pg');
    coldBase.push(await postgresStart(baseDir));
  }
  for (let i = 0; i < warmRuns; i++) {
    warm.push(await remnantStart(remnantDir, warmSelf));
    warmBase.push(await postgresStart(baseDir));
  }
  const c = summarise(cold).p50;
  const cb = summarise(coldBase).p50;
  const w = summarise(warm).p50;
  const wb = summarise(warmBase).p50;

  const size = datasetSize(opts.quick);
  const ds = await syntheticDataset(size);
  // The baseline: the same server answering the same requests, with the same page sizes, over a
  // data set of 5,000 components — so the ratio shows what the data's size costs in memory.
  const small = await syntheticDataset({ components: SMALL, items: 10, seed: 2 });
  const seconds = opts.quick ? 1 : 8;
  log(`startup: server memory under ${seconds} s of public reads, on ${size.components.toLocaleString('en')} components and on ${SMALL.toLocaleString('en')}…`);
  // Both servers start together (start-up is not what is measured here), then take turns under load.
  const [big, little] = await Promise.all([startServer({ databaseUrl: ds.database.url }), startServer({ databaseUrl: small.database.url })]);
  const loaded = await memoryUnderLoad(big, seconds, await loadPathFor(ds.database.pool), [READ_ROUTE]);
  const bare = await memoryUnderLoad(little, seconds, await loadPathFor(small.database.pool), [READ_ROUTE]);

  const n = size.components.toLocaleString('en');
  return [
    {
      name: 'cold start: new data directory → /api/health 200',
      value: round(c / 1000, 2),
      unit: 's',
      baseline: { name: 'embedded PostgreSQL alone: initdb, start, CREATE DATABASE', value: round(cb / 1000, 2) },
      ratio: round(c / cb, 2),
      notes: `includes migrations, reference data, the demo case and the first admin account; median of ${coldRuns}${coldSelf.length ? `; the server reports itself ready ${round(summarise(coldSelf).p50 / 1000, 2)} s after its modules have loaded` : ''}`,
    },
    {
      name: 'warm start: existing data directory → /api/health 200',
      value: round(w / 1000, 2),
      unit: 's',
      baseline: { name: 'embedded PostgreSQL alone: start on the existing cluster', value: round(wb / 1000, 2) },
      ratio: round(w / wb, 2),
      notes: `median of ${warmRuns}; the server reports itself ready ${warmSelf.length ? `${round(summarise(warmSelf).p50 / 1000, 2)} s` : '?'} after its modules have loaded`,
    },
    {
      name: `server memory (peak RSS) with ${n} components under read load`,
      value: round(loaded.peak / MiB, 1),
      unit: 'MiB',
      baseline: { name: `same server and requests, ${SMALL.toLocaleString('en')} components`, value: round(bare.peak / MiB, 1) },
      ratio: round(loaded.peak / bare.peak, 2),
      notes: `Node process only (PostgreSQL is separate); idle after start ${round(loaded.idle / MiB, 0)} MiB vs ${round(bare.idle / MiB, 0)} MiB; after ${READ_ROUTE}, 50 connections for ${seconds} s on the components of the public item holding the most, ${PAGE} per page`,
    },
  ];
}
