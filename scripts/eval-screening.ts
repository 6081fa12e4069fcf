/**
 * `npm run eval:screening [-- --split heldout|dev|all] [--batch <name>] [--json] [--misses]`
 *
 * Prints the screening matcher's precision and recall on pairs derived from
 * real list entries (src/screening/eval/entries.json), by group (Korean,
 * Cyrillic, Chinese, Arabic-origin names; identifiers; birth dates) and
 * overall, pairwise and end to end, on the held-out split by default.
 * `--misses` lists wrong answers, and only on `dev`: held-out misses are not
 * for reading (docs/screening.md "Evaluation"). `--batch chinese-2` keeps
 * only the pairs of the entries added in that batch (reported separately,
 * as untuned). Not a test: no thresholds.
 */
import { evaluateReal, type GroupMetrics } from '../src/screening/eval/real.js';
import type { Split } from '../src/screening/eval/real-pairs.js';

function fail(message: string): never {
  process.stderr.write(`eval:screening: ${message}\n`);
  process.exit(2);
}

const argv = process.argv.slice(2);
let split: Split | 'all' = 'heldout';
let json = false;
let misses = false;
let batch: string | undefined;
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--json') json = true;
  else if (a === '--misses') misses = true;
  else if (a === '--batch') {
    batch = argv[++i];
    if (!batch) fail('--batch takes a batch name (entries.json `batch`)');
  }
  else if (a === '--split') {
    const v = argv[++i];
    if (v !== 'heldout' && v !== 'dev' && v !== 'all') fail('--split takes heldout, dev or all');
    split = v;
  } else fail(`unknown option ${a}`);
}
if (misses && split !== 'dev') fail('--misses is only for --split dev (held-out misses are not for reading)');

const r = evaluateReal(split, undefined, undefined, batch);
if (r.pairs === 0) fail(`no pairs${batch ? ` in batch ${batch}` : ''} on split ${split}`);
if (json) {
  process.stdout.write(JSON.stringify(misses ? r : { ...r, misses: undefined }, null, 1) + '\n');
  process.exit(0);
}

const pct = (x: number) => x.toFixed(3);
const row = (name: string, m: GroupMetrics) =>
  `${name.padEnd(44)} ${String(m.pairs).padStart(5)} ${pct(m.precision).padStart(9)} ${pct(m.recall).padStart(7)}   tp ${m.tp} fp ${m.fp} fn ${m.fn} tn ${m.tn}`;
const head = `${'group'.padEnd(44)} ${'pairs'.padStart(5)} ${'precision'.padStart(9)} ${'recall'.padStart(7)}`;
console.log(`screening on real list entries, split ${r.split}${batch ? `, batch ${batch}` : ''}, threshold ${r.threshold}, ${r.pairs} pairs\n`);
console.log(`pairwise\n${head}`);
for (const [g, m] of Object.entries(r.pairwise.byGroup)) console.log(row(g, m));
console.log(row('overall', r.pairwise.overall));
console.log(`\nend to end (index of all ${'entries'}; other entries returned count as false matches)\n${head}`);
for (const [g, m] of Object.entries(r.endToEnd.byGroup)) console.log(row(g, m));
console.log(row('overall', r.endToEnd.overall));
console.log(`\nby category\n${head}`);
for (const [g, m] of Object.entries(r.pairwise.byCategory)) console.log(row(g, m));
if (misses) {
  console.log(`\nmisses (dev)`);
  for (const m of r.misses) console.log(`${m.expected ? 'FN' : 'FP'} ${m.score.toFixed(3)} [${m.group}: ${m.category}] ${m.query}  vs  ${m.entity}: ${m.names.join(' | ')}`);
}
