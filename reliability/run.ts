import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startInstance, type PartResult } from './instance.js';
import { killDuringImport } from './kill-import.js';
import { fuzzBodies } from './fuzz.js';
import { canaryCrawl } from './canary.js';
import { mixedLoad } from './load.js';
import { tamperCases } from './tamper.js';

/**
 * `npm run reliability`: Remnant tried as an operator and an attacker would, against one scratch
 * instance of the built server on 127.0.0.1 (see instance.ts). Not part of `npm test`; each part is
 * bounded (the whole run takes a few minutes). Prints a table of trials and failures (`--json` for
 * the rows) and exits 1 if any part failed. `--only kill,fuzz,canary,load,tamper` picks parts;
 * `--quick` makes each smaller. docs/reliability.md keeps the figures of a full run.
 */
const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    seed: { type: 'string', default: '16' },
    clients: { type: 'string' },
  },
});
const only = new Set((values.only ?? 'kill,fuzz,canary,load,tamper').split(',').map((s) => s.trim()));
const quick = values.quick;
const seed = Number(values.seed);

if (!existsSync(path.join(ROOT, 'dist', 'src', 'cli', 'main.js')) || !existsSync(path.join(ROOT, 'dist', 'web', 'index.html'))) {
  process.stderr.write('build first: npm run build\n');
  process.exit(1);
}

const log = (m: string) => process.stderr.write(`[reliability] ${m}\n`);
const t0 = performance.now();
log('starting a scratch instance (remnant serve, embedded PostgreSQL, demo case)…');
const inst = await startInstance();
log(`running at ${inst.url}`);
const results: PartResult[] = [];
const part = async (name: string, fn: () => Promise<PartResult>) => {
  if (!only.has(name)) return;
  log(`${name}…`);
  const s = performance.now();
  try {
    const r = await fn();
    r.seconds = Math.round((performance.now() - s) / 100) / 10;
    results.push(r);
  } catch (e) {
    results.push({ part: name, trials: 0, failures: 1, detail: `the part itself failed: ${(e as Error).stack ?? e}`, examples: [], seconds: Math.round((performance.now() - s) / 100) / 10 });
  }
};
try {
  await part('kill', () => killDuringImport(inst, { trials: quick ? 5 : 20, rows: quick ? 1000 : 1500, seed }));
  await part('fuzz', () => fuzzBodies(inst, { seed, rounds: 1, concurrency: 8 }));
  await part('canary', () => canaryCrawl(inst, { concurrency: 8 }));
  await part('load', () => mixedLoad(inst, { clients: Number(values.clients ?? (quick ? 50 : 200)), seconds: quick ? 10 : 30 }));
  await part('tamper', () => tamperCases(inst));
} finally {
  await inst.stop();
}

const total = (performance.now() - t0) / 1000;
if (values.json) process.stdout.write(JSON.stringify({ seconds: Math.round(total), results }, null, 2) + '\n');
else {
  const w = Math.max(...results.map((r) => r.part.length));
  process.stdout.write(`${'part'.padEnd(w)}  ${'trials'.padStart(7)}  ${'failures'.padStart(8)}  ${'s'.padStart(6)}  detail\n`);
  for (const r of results) {
    process.stdout.write(`${r.part.padEnd(w)}  ${String(r.trials).padStart(7)}  ${String(r.failures).padStart(8)}  ${String(r.seconds).padStart(6)}  ${r.detail}\n`);
    for (const e of r.examples) process.stdout.write(`${''.padEnd(w)}  ${''.padStart(7)}  ${''.padStart(8)}  ${''.padStart(6)}    ! ${e}\n`);
  }
  process.stdout.write(`whole run: ${Math.round(total)} s; ${results.reduce((n, r) => n + r.failures, 0)} failures\n`);
}
process.exitCode = results.some((r) => r.failures > 0) ? 1 : 0;
