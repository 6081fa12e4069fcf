/**
 * `npm run eval:markings [-- --split heldout|dev|all] [--json] [--seed N] [--today YYYY-MM-DD] [--misses [--condition clean|ocr|layout]]`
 *
 * Prints how the identification engine does on real markings (eval/markings/markings.jsonl): maker,
 * part-number and date accuracy, abstentions apart from wrong answers, confident wrong answers and
 * the calibration table, on clean markings, with OCR-like confusions and with damaged layout.
 * Not a test: it asserts no threshold. `--misses` lists the wrong answers, and only on `dev`:
 * held-out misses are not for reading (eval/markings/README.md).
 */
import { fileURLToPath } from 'node:url';
import { CONDITIONS, DEFAULT_TODAY, OCR_RATE, evaluate, loadItems, selectSplit, type Condition } from '../eval/markings/run.js';
import { summarise, type FieldTally, type Summary } from '../eval/markings/score.js';

const DATA = fileURLToPath(new URL('../eval/markings/markings.jsonl', import.meta.url));

interface Options { split: 'dev' | 'heldout' | 'all'; json: boolean; seed: number; today: string; misses: boolean; missesUnder: Condition }

function parseArgs(argv: string[]): Options {
  const o: Options = { split: 'heldout', json: false, seed: 1, today: DEFAULT_TODAY, misses: false, missesUnder: 'clean' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value`);
      return v;
    };
    if (a === '--json') o.json = true;
    else if (a === '--misses') o.misses = true;
    else if (a === '--condition') {
      const v = value();
      if (!(CONDITIONS as readonly string[]).includes(v)) fail(`--condition must be one of ${CONDITIONS.join(', ')} (got "${v}")`);
      o.missesUnder = v as Condition;
    }
    else if (a === '--split') {
      const v = value();
      if (v !== 'dev' && v !== 'heldout' && v !== 'all') fail(`--split must be heldout, dev or all (got "${v}")`);
      o.split = v;
    } else if (a === '--seed') {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 0) fail('--seed must be a non-negative integer');
      o.seed = v;
    } else if (a === '--today') {
      const v = value();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) fail('--today must be a date YYYY-MM-DD');
      o.today = v;
    } else fail(`unknown option "${a}"`);
  }
  if (o.misses && o.split !== 'dev') fail('--misses lists wrong answers only on --split dev: held-out misses are not for reading');
  return o;
}

function fail(message: string): never {
  process.stderr.write(`eval:markings: ${message}\n`);
  process.exit(2);
}

const pct = (x: number | null): string => (x === null ? '–' : `${(100 * x).toFixed(1)}%`);

function fieldLine(name: string, t: FieldTally): string {
  return `  ${name.padEnd(12)} ${pct(t.accuracy).padStart(6)} of ${String(t.total).padStart(3)}   right ${String(t.right).padStart(3)}  wrong ${String(t.wrong).padStart(3)}  unknown ${String(t.unknown).padStart(3)}   (right when answered ${pct(t.precision)})`;
}

function printSummary(condition: Condition, s: Summary): void {
  const title = condition === 'clean' ? 'as printed'
    : condition === 'ocr' ? `OCR-like confusions (${OCR_RATE * 100}% of O/0 I/1 S/5 B/8 Z/2 G/6 swapped)`
    : 'damaged layout (lines joined by a bare "/", run together, or spaces dropped)';
  const lines = [
    `${title}: ${s.items} markings`,
    fieldLine('maker', s.maker),
    fieldLine('part number', s.part),
    fieldLine('date', s.date),
    `  confident wrong (confidence ≥ 0.9): ${s.confidentWrong.any}  (maker ${s.confidentWrong.maker}, part ${s.confidentWrong.part}, date ${s.confidentWrong.date})`,
    '  calibration: confidence → markings with an answer to judge, share with every answered field right',
    ...s.calibration.map((r) => `    ${r.from.toFixed(1)}–${r.to.toFixed(1)}  ${String(r.count).padStart(4)}  ${pct(r.observed).padStart(6)}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

/** Accuracy per kind of source, so a share of one kind (datasheet examples) cannot hide how the rest fare. */
function bySourceKind(results: ReturnType<typeof evaluate>): Record<string, Summary> {
  const groups = new Map<string, ReturnType<typeof evaluate>>();
  for (const r of results) groups.set(r.item.source.kind, [...(groups.get(r.item.source.kind) ?? []), r]);
  return Object.fromEntries([...groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, rs]) => [k, summarise(rs.map((r) => r.score))]));
}

function printBySource(groups: Record<string, Summary>): void {
  const cell = (t: FieldTally): string => `${pct(t.accuracy).padStart(6)} of ${String(t.total).padStart(3)}`;
  const lines = ['by kind of source (as printed): maker, part number, date', ...Object.entries(groups).map(([k, s]) =>
    `  ${k.padEnd(16)} ${String(s.items).padStart(4)} markings   maker ${cell(s.maker)}   part ${cell(s.part)}   date ${cell(s.date)}`)];
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  const all = loadItems(DATA);
  const items = selectSplit(all, opts.split);
  const results = Object.fromEntries(CONDITIONS.map((c) => [c, evaluate(items, c, opts)])) as Record<Condition, ReturnType<typeof evaluate>>;
  const summaries = Object.fromEntries(CONDITIONS.map((c) => [c, summarise(results[c].map((r) => r.score))])) as Record<Condition, Summary>;
  // Untuned additions (README "The split"): also reported apart, as figures on material the engine was never tuned on.
  const untuned = Object.fromEntries(CONDITIONS.map((c) => [c, summarise(results[c].filter((r) => r.item.untuned === true).map((r) => r.score))])) as Record<Condition, Summary>;
  const untunedCount = items.filter((i) => i.untuned === true).length;
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ split: opts.split, today: opts.today, seed: opts.seed, ocrRate: OCR_RATE, items: items.length, ...summaries, bySourceKind: bySourceKind(results.clean), untuned: untunedCount ? untuned : null }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`Real markings, split ${opts.split}: ${items.length} of ${all.length} (today fixed at ${opts.today}, noise seed ${opts.seed})\n\n`);
  for (const c of CONDITIONS) printSummary(c, summaries[c]);
  printBySource(bySourceKind(results.clean));
  if (untunedCount) {
    process.stdout.write(`untuned additions only (${untunedCount} of the ${items.length}; gathered after tuning, held out before the engine first read them):\n\n`);
    for (const c of CONDITIONS) printSummary(c, untuned[c]);
  }
  if (opts.misses) {
    for (const r of results[opts.missesUnder]) {
      const { score: s, item, answer: a } = r;
      if (s.maker !== 'wrong' && s.part !== 'wrong' && s.date !== 'wrong') continue;
      process.stdout.write(`${item.id} ${JSON.stringify(r.text)}  maker ${s.maker} (${a.makerNames[0] ?? '–'} vs ${item.truth.maker ?? '–'})  part ${s.part} (${a.partNumber ?? '–'} vs ${item.truth.partNumber ?? '–'})  date ${s.date} (${a.firstWindow ? `${a.firstWindow.from}..${a.firstWindow.to}` : '–'} vs ${item.truth.date ? `${item.truth.date.from}..${item.truth.date.to}` : '–'})  conf ${a.confidence.toFixed(2)}\n`);
    }
  }
}

main();
