import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultsTable, runModule, type Results } from '../../bench/run.js';
import { percentile, summarise } from '../../bench/support.js';

/** The harness itself (no benchmark runs here): modules that fail, hang or are missing are results, not crashes. */
let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'remnant-harness-'));
  await fs.writeFile(path.join(dir, 'good.js'), `export async function bench(opts) {
    return [{ name: 'thing per second', value: opts.quick ? 10 : 20, unit: 'ops/s', baseline: { name: 'bare', value: 40 }, notes: 'x' }];
  }`);
  await fs.writeFile(path.join(dir, 'broken.js'), `export async function bench() { throw new Error('it broke'); }`);
  await fs.writeFile(path.join(dir, 'slow.js'), `export async function bench() { await new Promise((r) => setTimeout(r, 5000)); return []; }`);
  await fs.writeFile(path.join(dir, 'malformed.js'), `export async function bench() { return [{ name: 'no value', unit: 's' }]; }`);
  await fs.writeFile(path.join(dir, 'nobench.js'), `export const x = 1;`);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('bench harness', () => {
  it('runs a module and fills in the ratio to its baseline', async () => {
    const r = await runModule('good', true, 10_000, dir);
    expect(r.status).toBe('ok');
    expect(r.metrics).toEqual([{ name: 'thing per second', value: 10, unit: 'ops/s', baseline: { name: 'bare', value: 40 }, ratio: 0.25, notes: 'x' }]);
  });

  it('reports a missing, failing, hanging or malformed module instead of crashing', async () => {
    expect((await runModule('absent', false, 1000, dir)).status).toBe('not available yet');
    const broken = await runModule('broken', false, 1000, dir);
    expect(broken).toMatchObject({ status: 'failed', error: 'it broke', metrics: [] });
    expect(await runModule('slow', false, 200, dir)).toMatchObject({ status: 'timed out' });
    expect((await runModule('malformed', false, 1000, dir)).error).toMatch(/malformed metric/);
    expect((await runModule('nobench', false, 1000, dir)).error).toMatch(/does not export a bench/);
  });

  it('prints a table with the baseline, the ratio and failed modules', async () => {
    const results = {
      quick: true, only: null, date: '2026-01-01T00:00:00Z', commit: { sha: 'abc', dirty: false },
      machine: { cpu: 'cpu', cores: 2, memoryGiB: 24, os: 'Linux', node: 'v20', postgres: '18', database: 'embedded' },
      durationSeconds: 1, datasets: [],
      modules: [await runModule('good', false, 10_000, dir), await runModule('broken', false, 1000, dir)],
    } satisfies Results;
    const table = resultsTable(results);
    expect(table).toContain('| good: thing per second | 20 ops/s | 40 ops/s (bare) | 0.50× | x |');
    expect(table).toContain('| **broken** | failed | | | it broke |');
  });

  it('computes nearest-rank percentiles', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 95)).toBe(95);
    expect(percentile(xs, 99)).toBe(99);
    expect(summarise([3, 1, 2])).toMatchObject({ p50: 2, min: 1, max: 3, mean: 2 });
  });
});
