/**
 * Claims extraction: milliseconds to propose the candidate claims of a 2,000-word report (the
 * five seed reports, cut at a sentence near 2,000 words), against a baseline measured in the same
 * run on the same text: the NLP model's own sentence splitting and entity labels alone (readDoc),
 * the least any extractor built on it must do. CPU time of this thread; rounds alternate between
 * the two so load on a shared machine hits both alike; the median round counts. The model's
 * one-time load (once per process) is reported apart. Goal (issue 21): under 1 s.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { extractWith, loadNlp, readPlainText } from '../src/claims/extract/index.js';
import { packageRoot } from '../src/paths.js';
import type { BenchOptions, Metric } from './metric.js';

const reports = path.join(packageRoot, 'eval', 'claims', 'reports');

/** About 2,000 words of real reporting, ending at a sentence. */
export function twoThousandWords(): string {
  const dir = reports;
  const all = readdirSync(dir).filter((f) => f.startsWith('seed-')).sort()
    .map((f) => readPlainText(readFileSync(path.join(dir, f), 'utf8')).text).join('\n\n');
  const words = all.split(/(\s+)/);
  let count = 0;
  let i = 0;
  for (; i < words.length && count < 2000; i++) if (words[i]!.trim()) count++;
  const cut = words.slice(0, i).join('');
  const end = all.indexOf('.', cut.length);
  return end < 0 ? all : all.slice(0, end + 1);
}

const cpuMs = (fn: () => void): number => {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function bench(opts: BenchOptions): Promise<Metric[]> {
  const t0 = performance.now();
  const nlp = await loadNlp();
  const loadMs = performance.now() - t0;
  const text = twoThousandWords();
  const words = text.split(/\s+/).filter(Boolean).length;
  const rounds = opts.quick ? 5 : 15;
  const extract: number[] = [];
  const split: number[] = [];
  let candidates = 0;
  extractWith(nlp, text, { published: '2024-12-19' }); // warm the code paths once
  for (let r = 0; r < rounds; r++) {
    extract.push(cpuMs(() => { candidates = extractWith(nlp, text, { published: '2024-12-19' }).length; }));
    split.push(cpuMs(() => { const doc = nlp.readDoc(text); doc.sentences().out(); doc.entities().out(); }));
  }
  const value = median(extract);
  const baseline = median(split);
  return [
    {
      name: `claims extraction, ${words}-word report (CPU ms, median of ${rounds})`, value, unit: 'ms',
      baseline: { name: 'the model\'s sentence split and entity labels alone, same text', value: baseline }, ratio: value / baseline,
      notes: `${candidates} candidates; goal under 1000 ms`,
    },
    { name: 'claims NLP model load, once per process (wall ms)', value: loadMs, unit: 'ms' },
  ];
}
