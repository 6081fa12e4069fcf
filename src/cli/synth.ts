import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { ValidationProblem } from '../problems.js';
import { analyseSynthetic, loadSynthetic } from '../synth/index.js';
import { withDatabase } from './context.js';

function count(name: string, raw: string, max: number): number {
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n < 0 || n > max) {
    throw new ValidationProblem([{ field: name, message: `must be a whole number from 0 to ${max.toLocaleString('en')}, got "${raw}"` }]);
  }
  return n;
}

export function registerSynth(program: Command): void {
  program
    .command('synth')
    .description('load deterministic synthetic data (every record illustrative, external_id "synth:<seed>:…") for benchmarks and demos')
    .option('--components <n>', 'number of components', '10000')
    .option('--items <n>', 'number of items (weapons or parts of weapons) holding them', '100')
    .option('--seed <n>', 'seed: the same seed gives the same records; each seed can be loaded once per database', '1')
    .option('--rebuild-indexes', 'on an empty database: build the components indexes after the load (faster, but the table is locked until the load commits)')
    .option('--no-progress', 'no progress bar on stderr')
    .action(async (opts: { components: string; items: string; seed: string; progress: boolean; rebuildIndexes?: boolean }) => {
      const options = {
        components: count('components', opts.components, 50_000_000),
        items: count('items', opts.items, 10_000_000),
        seed: count('seed', opts.seed, 2 ** 31 - 1),
      };
      if (options.components > 0 && options.items === 0) throw new ValidationProblem([{ field: 'items', message: 'components need at least one item' }]);
      await withDatabase(async (database) => {
        const bar = new cliProgress.SingleBar(
          { stream: process.stderr, format: 'synth |{bar}| {percentage}% | {table} {tableDone}/{tableTotal} | {eta_formatted} left', etaBuffer: 50, noTTYOutput: !process.stderr.isTTY, notTTYSchedule: 5000 },
          cliProgress.Presets.shades_classic,
        );
        let started = false;
        let result;
        try {
          result = await loadSynthetic(database.pool, options, {
            rebuildIndexes: opts.rebuildIndexes === true,
            onProgress: (p) => {
              if (!opts.progress) return;
              if (!started) bar.start(p.overallTotal, p.overallDone, { table: p.table, tableDone: p.done, tableTotal: p.total });
              started = true;
              bar.update(p.overallDone, { table: p.table, tableDone: p.done, tableTotal: p.total });
            },
          });
        } finally {
          if (started) bar.stop();
        }
        await analyseSynthetic(database.pool);
        const lines = Object.entries(result.counts).map(([t, n]) => `  ${t.padEnd(18)} ${n.toLocaleString('en')}`);
        process.stdout.write(`loaded synthetic data (seed ${result.seed}) in ${result.seconds.toFixed(1)} s; every record is illustrative with external_id "synth:${result.seed}:…":\n${lines.join('\n')}\n`);
      });
    });
}
