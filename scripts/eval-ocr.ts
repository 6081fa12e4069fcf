/**
 * `npm run eval:ocr [-- --split dev|heldout|all] [--json] [--limit N]`: reads every image of the
 * OCR evaluation set (eval/ocr/, drawn from real markings; see eval/ocr/README.md) through the same
 * `readMarking` the API uses, and prints by difficulty: character accuracy, exact-line accuracy,
 * part number read exactly (and with the near-miss suggestions), the accept gate (share accepted,
 * share of accepted readings whose part number is right) and the time per image. A measurement,
 * not a test: no threshold fails it. Report `heldout`; tune on `dev`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureSet, IMAGES, LEVELS, type OcrCase } from '../eval/ocr/render.js';
import { characterAccuracy, exactLines, partNumberRead } from '../eval/ocr/score.js';
import { readMarking, stopOcr, ACCEPT_AT, type MarkingReading } from '../src/ocr/index.js';

interface Row { c: OcrCase; r: MarkingReading; ms: number; part: boolean; partWithNearMiss: boolean; chars: number; lines: number }

function args(): { split: 'dev' | 'heldout' | 'all'; json: boolean; limit: number; levels: string[]; dump: string | undefined } {
  const a = process.argv.slice(2);
  const at = (k: string) => { const i = a.indexOf(k); return i >= 0 ? a[i + 1] : undefined; };
  const split = (at('--split') ?? 'all') as 'dev' | 'heldout' | 'all';
  if (!['dev', 'heldout', 'all'].includes(split)) throw new Error('--split is dev, heldout or all');
  const levels = (at('--levels') ?? LEVELS.join(',')).split(',');
  return { split, json: a.includes('--json'), limit: Number(at('--limit') ?? Infinity), levels, dump: at('--dump') };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
const quantile = (xs: number[], q: number) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : 0; };

function summary(rows: Row[]) {
  const acc = rows.filter((x) => x.r.accepted);
  return {
    n: rows.length,
    characterAccuracy: mean(rows.map((x) => x.chars)),
    exactLines: mean(rows.map((x) => x.lines)),
    partNumber: mean(rows.map((x) => (x.part ? 1 : 0))),
    partNumberWithNearMiss: mean(rows.map((x) => (x.partWithNearMiss ? 1 : 0))),
    accepted: acc.length / Math.max(1, rows.length),
    // Right = the part number is in the text the form proposes (the corrected text).
    acceptedRight: acc.length ? acc.filter((x) => x.partWithNearMiss).length / acc.length : null,
    cleanedPass: mean(rows.map((x) => (x.r.cleanedPassRan ? 1 : 0))),
    msMean: mean(rows.map((x) => x.ms)),
    msP95: quantile(rows.map((x) => x.ms), 0.95),
  };
}

function table(title: string, rows: Row[]): string {
  const out = [`\n${title} (${rows.length} images; gate: accept at confidence ≥ ${ACCEPT_AT})`,
    'level     |   n | chars  | lines  | part   | corrected | accepted | right of accepted | cleaned pass | ms/image (p95)'];
  for (const level of [...LEVELS, 'all'] as const) {
    const sel = level === 'all' ? rows : rows.filter((x) => x.c.level === level);
    if (!sel.length) continue;
    const s = summary(sel);
    out.push(`${level.padEnd(9)} | ${String(s.n).padStart(3)} | ${pct(s.characterAccuracy).padStart(6)} | ${pct(s.exactLines).padStart(6)} | ${pct(s.partNumber).padStart(6)} | ${pct(s.partNumberWithNearMiss).padStart(9)} | ${pct(s.accepted).padStart(8)} | ${(s.acceptedRight === null ? '—' : pct(s.acceptedRight)).padStart(17)} | ${pct(s.cleanedPass).padStart(12)} | ${s.msMean.toFixed(0)} (${s.msP95.toFixed(0)})`);
  }
  return out.join('\n');
}

/** For choosing the gate on dev: each threshold's share accepted and share of those right. */
function gateSweep(rows: Row[]): string {
  const out = ['\ngate sweep (dev): threshold → accepted, right of accepted'];
  for (let t = 0.5; t <= 0.951; t += 0.05) {
    const acc = rows.filter((x) => x.r.confidence >= t);
    out.push(`  ${t.toFixed(2)} → ${pct(acc.length / Math.max(1, rows.length))}, ${acc.length ? pct(acc.filter((x) => x.partWithNearMiss).length / acc.length) : '—'}`);
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  const opts = args();
  const cases = (await ensureSet((s) => console.error(s))).filter((c) => (opts.split === 'all' || c.split === opts.split) && opts.levels.includes(c.level)).slice(0, opts.limit);
  // The worker starts on the first reading: started here so that its ~1.5 s is not counted as one image's time.
  await readMarking(readFileSync(path.join(IMAGES, cases[0]!.file)), { x: 0, y: 0, w: 8, h: 8 }).catch(() => undefined);
  const rows: Row[] = [];
  for (const c of cases) {
    const content = readFileSync(path.join(IMAGES, c.file));
    const { width, height } = await (await import('sharp')).default(content).metadata();
    const t = performance.now();
    // A reading that fails (its deadline passed) counts as nothing read, as the investigator would see it.
    const r = await readMarking(content, { x: 0, y: 0, w: width, h: height }).catch((e: Error): MarkingReading => {
      console.error(`${c.id}: ${e.message}`);
      return { text: '', corrected: '', confidence: 0, lines: [], pass: 'first', cleanedPassRan: false, accepted: false, acceptAt: ACCEPT_AT, message: e.message, nearMisses: [], box: { x: 0, y: 0, w: width, h: height }, image: { width: width, height: height } };
    });
    const ms = performance.now() - t;
    if (rows.length % 50 === 49) console.error(`${rows.length + 1}/${cases.length}`);
    const part = partNumberRead(r.text, c.partNumber);
    rows.push({ c, r, ms, part, partWithNearMiss: partNumberRead(r.corrected, c.partNumber), chars: characterAccuracy(r.text, c.lines), lines: exactLines(r.text, c.lines) });
  }
  await stopOcr();
  // Every reading with its truth, for looking at the dev misses or another gate without reading again.
  if (opts.dump) writeFileSync(opts.dump, rows.map((x) => JSON.stringify({ id: x.c.id, split: x.c.split, level: x.c.level, truth: x.c.lines, part: x.c.partNumber, read: x.r.text, lines: x.r.lines, confidence: x.r.confidence, pass: x.r.pass, cleaned: x.r.cleanedPassRan, partRead: x.part, corrected: x.r.corrected, partCorrected: x.partWithNearMiss, ms: Math.round(x.ms) })).join('\n') + '\n');
  const bySplit = (s: string) => rows.filter((x) => x.c.split === s);
  if (opts.json) {
    const levels = (rs: Row[]) => Object.fromEntries([...LEVELS, 'all'].map((l) => [l, summary(l === 'all' ? rs : rs.filter((x) => x.c.level === l))]));
    console.log(JSON.stringify({ acceptAt: ACCEPT_AT, dev: levels(bySplit('dev')), heldout: levels(bySplit('heldout')) }, null, 2));
    return;
  }
  for (const s of ['dev', 'heldout']) if (bySplit(s).length) console.log(table(s, bySplit(s)));
  if (bySplit('dev').length) console.log(gateSweep(bySplit('dev')));
  const misses = bySplit('dev').filter((x) => !x.part && x.c.level !== 'hard').slice(0, 12);
  if (misses.length) console.log('\ndev misses (clean, moderate):\n' + misses.map((x) => `  ${x.c.id}: ${JSON.stringify(x.c.lines.join(' / '))} read ${JSON.stringify(x.r.text.replace(/\n/g, ' / '))} (${x.r.confidence.toFixed(2)}, ${x.r.pass})`).join('\n'));
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
