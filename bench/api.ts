/**
 * Public read API: the real built server (`node bin/remnant.js serve`) on the synthetic data set,
 * 50 keep-alive connections (autocannon) on `GET /api/components?limit=50` as the public, against
 * the bare `GET /api/health` (one `SELECT 1`) on the same server, rounds interleaved so that noise
 * on a shared machine falls on both. Requests/s and p99 latency.
 */
import type { BenchOptions, Metric } from './metric.js';
import { datasetSize, loadTest, log, round, startServer, syntheticDataset, type HttpLoad } from './support.js';

const CONNECTIONS = 50;
export const READ_ROUTE = '/api/components?limit=50';
export const BARE_ROUTE = '/api/health';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export async function bench(opts: BenchOptions): Promise<Metric[]> {
  const size = datasetSize(opts.quick);
  const ds = await syntheticDataset(size);
  const server = await startServer({ databaseUrl: ds.database.url });
  try {
    const seconds = opts.quick ? 3 : 10;
    const rounds = 2;
    log(`api: warming up, then ${rounds} interleaved rounds of ${seconds} s per route, ${CONNECTIONS} connections…`);
    const check = await fetch(server.baseUrl + READ_ROUTE);
    const page = (await check.json()) as { total?: number };
    if (check.status !== 200) throw new Error(`${READ_ROUTE} answered ${check.status}`);
    // Warm-up: a few requests one at a time (a slow route could not complete a timed burst).
    const single: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await fetch(server.baseUrl + READ_ROUTE).then((r) => r.arrayBuffer());
      single.push(performance.now() - t0);
      await fetch(server.baseUrl + BARE_ROUTE).then((r) => r.arrayBuffer());
    }
    const read: HttpLoad[] = [];
    const bare: HttpLoad[] = [];
    for (let i = 0; i < rounds; i++) {
      read.push(await loadTest(server.baseUrl + READ_ROUTE, { connections: CONNECTIONS, seconds }));
      bare.push(await loadTest(server.baseUrl + BARE_ROUTE, { connections: CONNECTIONS, seconds }));
    }
    const rps = median(read.map((r) => r.requestsPerSecond));
    const bareRps = median(bare.map((r) => r.requestsPerSecond));
    const p99 = median(read.map((r) => r.p99));
    const bareP99 = median(bare.map((r) => r.p99));
    const failures = [...read, ...bare].reduce((a, r) => a + r.errors + r.non2xx, 0);
    const context = `${size.components.toLocaleString('en')} components, ${(page.total ?? 0).toLocaleString('en')} of them public; one request alone takes ${round(Math.min(...single), 0)} ms; ${CONNECTIONS} connections, ${rounds}×${seconds} s per route, load generator on the same machine${failures ? `; ${failures} failed requests` : ''}`;
    return [
      {
        name: `GET ${READ_ROUTE} as the public`,
        value: round(rps, 1),
        unit: 'req/s',
        baseline: { name: `GET ${BARE_ROUTE}, same server`, value: round(bareRps, 1) },
        ratio: round(rps / bareRps, 4),
        notes: context,
      },
      {
        name: `GET ${READ_ROUTE} p99 latency`,
        value: round(p99, 1),
        unit: 'ms',
        baseline: { name: `GET ${BARE_ROUTE} p99`, value: round(bareP99, 1) },
        ratio: round(p99 / Math.max(bareP99, 0.001), 2),
        notes: `p50 ${round(median(read.map((r) => r.p50)), 1)} ms vs ${round(median(bare.map((r) => r.p50)), 1)} ms`,
      },
    ];
  } finally {
    await server.stop();
  }
}
