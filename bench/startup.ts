/**
 * Start-up and memory of the real built server (`node bin/remnant.js serve`):
 * - cold start: a new data directory to the first 200 from /api/health (initdb, migrations,
 *   reference data, demo case, first admin) against the embedded PostgreSQL alone doing its part
 *   (initdb, start, CREATE DATABASE) through the same lifecycle code;
 * - warm start: the same directory again against PostgreSQL alone starting on an existing cluster;
 * - memory: the server's peak resident set under 50 connections of public reads on the synthetic
 *   data set (one million components in the full run) against the same server and workload on an
 *   empty database.
 */
import { ensureEmbeddedServer } from '../src/db/index.js';
import { recordId } from '../src/synth/index.js';
import type { BenchOptions, Metric } from './metric.js';
import { datasetSize, freshDatabase, loadTest, log, MiB, readMemory, round, sampleMemory, startServer, summarise, syntheticDataset, tempDir } from './support.js';
import { READ_ROUTE } from './api.js';

async function remnantStart(dataDir: string): Promise<number> {
  const server = await startServer({ dataDir, demo: true });
  await server.stop();
  return server.readyMs;
}

async function postgresStart(dataDir: string): Promise<number> {
  const t0 = performance.now();
  const pg = await ensureEmbeddedServer(dataDir);
  const ms = performance.now() - t0;
  await pg.stop();
  return ms;
}

/** Peak RSS of a server on `databaseUrl` while 50 connections read for `seconds`. */
async function memoryUnderLoad(databaseUrl: string, seconds: number, extraPaths: string[] = []): Promise<{ peak: number; idle: number }> {
  const server = await startServer({ databaseUrl });
  try {
    const idle = readMemory(server.pid)?.rss ?? 0;
    const sampler = sampleMemory(server.pid, 100);
    for (const p of extraPaths) await fetch(server.baseUrl + p).then((r) => r.arrayBuffer());
    await loadTest(server.baseUrl + READ_ROUTE, { connections: 50, seconds });
    const m = sampler.stop();
    return { peak: m.peakRss, idle };
  } finally {
    await server.stop();
  }
}

export async function bench(opts: BenchOptions): Promise<Metric[]> {
  const coldRuns = opts.quick ? 1 : 2;
  const warmRuns = opts.quick ? 1 : 3;
  const cold: number[] = [];
  const coldBase: number[] = [];
  const warm: number[] = [];
  const warmBase: number[] = [];

  log(`startup: ${coldRuns} cold and ${warmRuns} warm start(s) of Remnant and of PostgreSQL alone, interleaved…`);
  let remnantDir = '';
  let baseDir = '';
  for (let i = 0; i < coldRuns; i++) {
    remnantDir = await tempDir('cold');
    cold.push(await remnantStart(remnantDir));
    baseDir = await tempDir('cold-pg');
    coldBase.push(await postgresStart(baseDir));
  }
  for (let i = 0; i < warmRuns; i++) {
    warm.push(await remnantStart(remnantDir));
    warmBase.push(await postgresStart(baseDir));
  }
  const c = summarise(cold).p50;
  const cb = summarise(coldBase).p50;
  const w = summarise(warm).p50;
  const wb = summarise(warmBase).p50;

  const size = datasetSize(opts.quick);
  const ds = await syntheticDataset(size);
  const empty = await freshDatabase({ poolSize: 1 });
  const seconds = opts.quick ? 3 : 8;
  log(`startup: server memory under ${seconds} s of public reads, on ${size.components.toLocaleString('en')} components and on an empty database…`);
  // A public request for a finding the public may not see still resolves the case: harmless, and it exercises that path.
  const extra = [`/api/findings/cases/${recordId(size.seed, 'case', 0)}`, '/api/items?limit=50', '/api/incidents?limit=50'];
  const loaded = await memoryUnderLoad(ds.database.url, seconds, extra);
  const bare = await memoryUnderLoad(empty.url, seconds, extra);

  const n = size.components.toLocaleString('en');
  return [
    {
      name: 'cold start: new data directory → /api/health 200',
      value: round(c / 1000, 2),
      unit: 's',
      baseline: { name: 'embedded PostgreSQL alone: initdb, start, CREATE DATABASE', value: round(cb / 1000, 2) },
      ratio: round(c / cb, 2),
      notes: `includes migrations, reference data, the demo case and the first admin account; median of ${coldRuns}`,
    },
    {
      name: 'warm start: existing data directory → /api/health 200',
      value: round(w / 1000, 2),
      unit: 's',
      baseline: { name: 'embedded PostgreSQL alone: start on the existing cluster', value: round(wb / 1000, 2) },
      ratio: round(w / wb, 2),
      notes: `median of ${warmRuns}`,
    },
    {
      name: `server memory (peak RSS) with ${n} components under read load`,
      value: round(loaded.peak / MiB, 1),
      unit: 'MiB',
      baseline: { name: 'same server and load, empty database', value: round(bare.peak / MiB, 1) },
      ratio: round(loaded.peak / bare.peak, 2),
      notes: `Node process only (PostgreSQL is separate); idle after start ${round(loaded.idle / MiB, 0)} MiB vs ${round(bare.idle / MiB, 0)} MiB; 50 connections on ${READ_ROUTE} for ${seconds} s`,
    },
  ];
}
