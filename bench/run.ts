/**
 * `npm run bench [-- --quick] [-- --only name,name]`: runs the registered benchmark modules one
 * after another, then writes the results (machine, date, commit, every metric with its same-run
 * baseline and ratio) as JSON and as a Markdown table, and prints the table.
 *
 * A full run writes `bench/results.json` and `bench/results.md` and refreshes the tables in
 * `README.md` and `docs/performance.md`; a --quick or --only run writes `bench/results-quick.json` and
 * `bench/results-quick.md` so that routine runs never overwrite the published full-run figures.
 * A module that throws is reported as failed; one whose file is not built (not written yet) is
 * reported as "not available yet"; neither stops the run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchFunction, Metric } from './metric.js';
import { abortBenchWork, datasetLog, packageRoot, postgresVersion, shutdownBench } from './support.js';

/** The registered modules, in the order they run: `bench/<name>.ts` each. */
export const MODULES = [
  { name: 'markings', what: 'markings decoded per second on one core' },
  { name: 'claims', what: 'candidate claims from a 2,000-word report vs the model\'s sentence split alone' },
  { name: 'findings', what: 'item findings p50/p95 (300 components)' },
  { name: 'dashboard', what: 'case dashboard over the synthetic data set vs the raw SQL aggregate' },
  { name: 'findings-write', what: 'component import and API writes with the maintained findings aggregates vs with their triggers disabled' },
  { name: 'api', what: 'public read API requests/s and p99, 50 connections, vs a bare route' },
  { name: 'startup', what: 'cold and warm start; server memory with the synthetic data set' },
  { name: 'screening', what: 'screening queries/s per core against 1M entities' },
  { name: 'tracing', what: 'chains vs a recursive CTE; overdue list with vs without its index' },
  { name: 'transfer', what: 'CSV import vs raw COPY; backup and restore' },
  { name: 'bundles', what: 'evidence package of an item (300 components, 300 photos); signed bundle export/verify/import of a 10,000-component case with 1 GB of files, peak RSS' },
  { name: 'photos', what: 'a photo thumbnail made from a 12 MP JPEG vs read from its cache; near-duplicate search over 10k/100k hashed photos vs an exact-hash lookup' },
  { name: 'access', what: 'sign-in cost; a read with a session or token vs as the public; audit chain verification rate' },
  { name: 'web', what: 'case dashboard first paint of the figures in Chromium vs the same page as static HTML; API requests it makes' },
  { name: 'ocr', what: 'a marking read from a cropped photo (read-marking) vs a bare tesseract.js recognize of the same image' },
] as const;

export type ModuleStatus = 'ok' | 'failed' | 'not available yet' | 'timed out';

export interface ModuleResult {
  name: string;
  status: ModuleStatus;
  seconds: number;
  /** Of `seconds`, the time spent loading the shared synthetic data set (the first module to ask pays). */
  datasetSeconds?: number;
  error?: string;
  metrics: Metric[];
}

export interface Results {
  quick: boolean;
  only: string[] | null;
  date: string;
  commit: { sha: string | null; dirty: boolean | null };
  machine: {
    cpu: string;
    cores: number;
    memoryGiB: number;
    os: string;
    node: string;
    postgres: string | null;
    database: 'embedded' | 'DATABASE_URL';
  };
  durationSeconds: number;
  datasets: typeof datasetLog;
  modules: ModuleResult[];
}

const HERE = path.dirname(fileURLToPath(import.meta.url));

function parseArgs(argv: string[]): { quick: boolean; only: string[] | null; help: boolean; render: boolean } {
  let quick = false;
  let only: string[] | null = null;
  let help = false;
  let render = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick') quick = true;
    else if (a === '--render') render = true;
    else if (a === '--help' || a === '-h') help = true;
    else if (a === '--only' || a.startsWith('--only=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (!v) throw new Error('--only needs a module name (or several, comma-separated)');
      only = [...(only ?? []), ...v.split(',').map((s) => s.trim()).filter(Boolean)];
    } else throw new Error(`unknown argument ${a}; use --quick and/or --only <name,…>`);
  }
  const known = new Set<string>(MODULES.map((m) => m.name));
  for (const o of only ?? []) if (!known.has(o)) throw new Error(`no benchmark named "${o}"; the modules are ${[...known].join(', ')}`);
  return { quick, only, help, render };
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: packageRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

async function machine(): Promise<Results['machine']> {
  const cpus = os.cpus();
  let cpu = cpus[0]?.model?.trim() ?? 'unknown';
  // Virtual machines often report a bare family name; /proc/cpuinfo may say more.
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const model = /^model name\s*:\s*(.+)$/m.exec(info)?.[1]?.trim();
    if (model) cpu = model;
  } catch {
    // not Linux
  }
  return {
    cpu,
    cores: os.availableParallelism?.() ?? cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres: await postgresVersion(),
    database: process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded',
  };
}

function checkMetric(m: unknown, module: string): Metric {
  const x = m as Metric;
  if (!x || typeof x.name !== 'string' || typeof x.unit !== 'string' || typeof x.value !== 'number' || !Number.isFinite(x.value)) {
    throw new Error(`${module} returned a malformed metric: ${JSON.stringify(m)}`);
  }
  const out: Metric = { name: x.name, value: x.value, unit: x.unit };
  if (x.baseline) {
    out.baseline = { name: x.baseline.name, value: x.baseline.value };
    out.ratio = typeof x.ratio === 'number' && Number.isFinite(x.ratio) ? x.ratio : x.baseline.value !== 0 ? x.value / x.baseline.value : undefined;
  } else if (typeof x.ratio === 'number') out.ratio = x.ratio;
  if (x.notes) out.notes = x.notes;
  return out;
}

/** Runs `<dir>/<name>.js`: never throws; a missing file, an exception or a timeout is a result. */
export async function runModule(name: string, quick: boolean, timeoutMs: number, dir = HERE): Promise<ModuleResult> {
  const file = path.join(dir, `${name}.js`);
  if (!existsSync(file)) return { name, status: 'not available yet', seconds: 0, metrics: [] };
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const mod = (await import(pathToFileURL(file).href)) as { bench?: BenchFunction };
    if (typeof mod.bench !== 'function') throw new Error(`bench/${name}.ts does not export a bench(opts) function`);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`gave no result within ${Math.round(timeoutMs / 1000)} s`), { timedOut: true })), timeoutMs);
    });
    const metrics = await Promise.race([mod.bench({ quick }), timeout]);
    if (!Array.isArray(metrics)) throw new Error(`bench/${name}.ts returned ${typeof metrics}, not a list of metrics`);
    return { name, status: 'ok', seconds: (performance.now() - t0) / 1000, metrics: metrics.map((m) => checkMetric(m, name)) };
  } catch (err) {
    const e = err as Error & { timedOut?: boolean };
    if (e.timedOut) await abortBenchWork();
    return { name, status: e.timedOut ? 'timed out' : 'failed', seconds: (performance.now() - t0) / 1000, error: e.message ?? String(err), metrics: [] };
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// Formatting

function fmt(value: number, unit: string): string {
  const abs = Math.abs(value);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  const n = value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return unit ? `${n} ${unit}` : n;
}

function fmtRatio(r: number | undefined): string {
  if (r === undefined || !Number.isFinite(r)) return '';
  if (r >= 100) return `${Math.round(r).toLocaleString('en')}×`;
  if (r >= 10) return `${r.toFixed(1)}×`;
  if (r >= 0.01) return `${r.toFixed(2)}×`;
  return `${r.toPrecision(2)}×`;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function resultsTable(results: Results): string {
  const lines = ['| Benchmark | Remnant | Baseline (same run) | Ratio | Notes |', '|---|---|---|---|---|'];
  for (const m of results.modules) {
    if (m.status !== 'ok') {
      lines.push(`| **${m.name}** | ${m.status} | | | ${cell(m.error ?? MODULES.find((x) => x.name === m.name)?.what ?? '')} |`);
      continue;
    }
    if (m.metrics.length === 0) lines.push(`| **${m.name}** | no metrics | | | |`);
    for (const x of m.metrics) {
      const base = x.baseline ? `${fmt(x.baseline.value, x.unit)} (${x.baseline.name})` : '';
      lines.push(`| ${cell(`${m.name}: ${x.name}`)} | ${fmt(x.value, x.unit)} | ${cell(base)} | ${fmtRatio(x.ratio)} | ${cell(x.notes ?? '')} |`);
    }
  }
  return lines.join('\n');
}

export function machineLine(results: Results): string {
  const m = results.machine;
  const commit = results.commit.sha ? `${results.commit.sha.slice(0, 10)}${results.commit.dirty ? ' (with uncommitted changes)' : ''}` : 'unknown';
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; ${m.os}; Node ${m.node}; PostgreSQL ${m.postgres ?? 'unknown'} (${m.database}); commit ${commit}; ${results.date}; ${results.quick ? 'quick run' : 'full run'} in ${Math.round(results.durationSeconds)} s`;
}

/**
 * Each module's share of the run's time target (two minutes quick, twenty full), after the
 * synthetic data set's load: modules over it are marked in the results so their owners see it.
 */
export function moduleBudget(quick: boolean): number {
  return quick ? 10 : 120;
}

/** The synthetic data sets and the time each module took, as lines before the table. */
function contextLines(results: Results): string[] {
  const ds = results.datasets.map((d) => `${d.components.toLocaleString('en')} components in ${d.items.toLocaleString('en')} items (seed ${d.seed}), loaded in ${d.loadSeconds} s`).join('; ');
  return [
    ...(ds ? [`Synthetic data set: ${ds}.`, ''] : []),
    `Time per module (budget ${moduleBudget(results.quick)} s each, the synthetic data set's load apart, so that the whole run stays under ${results.quick ? 'two' : 'twenty'} minutes): ${results.modules
      .map((m) => {
        const own = m.seconds - (m.datasetSeconds ?? 0);
        return `${m.name} ${Math.round(m.seconds)} s${m.datasetSeconds ? ` (${Math.round(m.datasetSeconds)} s of it loading the data set)` : ''}${own > moduleBudget(results.quick) ? ' ⚠' : ''}`;
      })
      .join(', ')}.`,
    '',
  ];
}

export function resultsMarkdown(results: Results): string {
  return [
    `# Remnant benchmarks (${results.quick ? 'quick' : 'full'} run)`,
    '',
    `Machine: ${machineLine(results)}.`,
    '',
    ...contextLines(results),
    resultsTable(results),
    '',
    'Ratio = Remnant ÷ baseline, both measured in this run on this machine. For rates (requests/s, rows/s) higher is better and a ratio below 1 is the cost of doing the real work; for times and memory lower is better.',
    '',
  ].join('\n');
}

const TABLE_START = '<!-- bench:table:start -->';
const TABLE_END = '<!-- bench:table:end -->';

/**
 * Replaces the generated part (between the markers) of the README's Performance section and of
 * docs/performance.md with this run's table, so neither can fall behind bench/results.json.
 */
async function refreshPerformanceDoc(results: Results): Promise<boolean> {
  const body = [`Measured on ${machineLine(results)}.`, '', ...contextLines(results), resultsTable(results)].join('\n');
  let refreshed = false;
  for (const file of [path.join(packageRoot, 'docs', 'performance.md'), path.join(packageRoot, 'README.md')]) {
    if (!existsSync(file)) continue;
    const text = await fs.readFile(file, 'utf8');
    const a = text.indexOf(TABLE_START);
    const b = text.indexOf(TABLE_END);
    if (a < 0 || b < a) continue;
    await fs.writeFile(file, `${text.slice(0, a + TABLE_START.length)}\n${body}\n${text.slice(b)}`);
    refreshed = true;
  }
  return refreshed;
}

// ---------------------------------------------------------------------------------------------

export async function run(argv: string[]): Promise<Results> {
  const args = parseArgs(argv);
  if (args.help) {
    process.stdout.write(`npm run bench [-- --quick] [-- --only <name,…>] [-- --render]\nmodules: ${MODULES.map((m) => m.name).join(', ')}\n--render: rewrite bench/results.md and the tables in README.md and docs/performance.md from bench/results.json, running nothing\n`);
    process.exit(0);
  }
  if (args.render) {
    const results = JSON.parse(await fs.readFile(path.join(packageRoot, 'bench', 'results.json'), 'utf8')) as Results;
    await fs.writeFile(path.join(packageRoot, 'bench', 'results.md'), resultsMarkdown(results));
    const doc = await refreshPerformanceDoc(results);
    process.stderr.write(`rewrote bench/results.md${doc ? ' and the tables in README.md and docs/performance.md' : ''} from bench/results.json\n`);
    return results;
  }
  const t0 = performance.now();
  const date = new Date().toISOString();
  const sha = git(['rev-parse', 'HEAD']);
  const status = git(['status', '--porcelain', '--untracked-files=no']);
  const modules: ModuleResult[] = [];
  const timeoutMs = (args.quick ? 3 : 15) * 60_000;
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write(`\n${signal}: cleaning up (again to abort)…\n`);
    void shutdownBench().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    for (const m of MODULES) {
      if (args.only && !args.only.includes(m.name)) continue;
      process.stderr.write(`▶ ${m.name}: ${m.what}\n`);
      const loadsBefore = datasetLog.length;
      const r = await runModule(m.name, args.quick, timeoutMs);
      const loads = datasetLog.slice(loadsBefore);
      if (loads.length) r.datasetSeconds = Math.round(loads.reduce((a, d) => a + d.loadSeconds + d.vacuumSeconds, 0) * 10) / 10;
      modules.push(r);
      const tail = r.status === 'ok' ? `${r.metrics.length} metric(s)` : `${r.status}${r.error ? `: ${r.error}` : ''}`;
      process.stderr.write(`  ${r.status === 'ok' ? '✓' : r.status === 'not available yet' ? '–' : '✗'} ${m.name} (${r.seconds.toFixed(1)} s): ${tail}\n`);
    }
    const results: Results = {
      quick: args.quick,
      only: args.only,
      date,
      commit: { sha, dirty: status === null ? null : status.length > 0 },
      machine: await machine(),
      durationSeconds: 0,
      datasets: [...datasetLog],
      modules,
    };
    await shutdownBench();
    results.durationSeconds = Math.round((performance.now() - t0) / 100) / 10;
    const full = !args.quick && !args.only;
    const base = full ? 'results' : 'results-quick';
    const dir = path.join(packageRoot, 'bench');
    await fs.writeFile(path.join(dir, `${base}.json`), JSON.stringify(results, null, 2) + '\n');
    const md = resultsMarkdown(results);
    await fs.writeFile(path.join(dir, `${base}.md`), md);
    const doc = full ? await refreshPerformanceDoc(results) : false;
    process.stdout.write(`\n${md}\n`);
    process.stderr.write(`wrote bench/${base}.json and bench/${base}.md${doc ? ' and refreshed the tables in README.md and docs/performance.md' : ''} (${results.durationSeconds} s)\n`);
    return results;
  } finally {
    await shutdownBench();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  run(process.argv.slice(2)).then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
