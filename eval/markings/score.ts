/**
 * Scoring the identification engine against the real-marking set: how one answer is judged
 * against the truth its source gives, and how the judgements add up. Pure: no file or engine I/O,
 * so the rules below are what the test pins and what the README documents.
 */

export type Split = 'dev' | 'heldout';

export interface TruthWindow {
  from: string;
  to: string;
  text?: string;
}

export interface EvalItem {
  id: string;
  marking: string;
  split: Split;
  truth: {
    maker: string | null;
    partNumber: string | null;
    date: TruthWindow | null;
    category?: string | null;
  };
  context: { dprk?: boolean };
  source: { kind: string; ref: string; note?: string };
  /**
   * Gathered after the engine was tuned and held out as a whole before the engine was ever run on
   * it (README "The split"): reported apart as well, so figures on material nobody has seen are visible.
   */
  untuned?: boolean;
}

/** What the engine answered for one marking: the fields of its best reading that are scored. */
export interface EngineAnswer {
  /** Names that count as the engine's maker: the brand, its catalogue id and its owners. Empty = no maker. */
  makerNames: string[];
  partNumber: string | null;
  /** The best reading's first (highest-ranked) production window, or null when it gave none. */
  firstWindow: { from: string; to: string } | null;
  /** The best reading's confidence, 0..1. */
  confidence: number;
}

/** `na`: the source gives no truth for the field, so it is not scored. `unknown`: the engine abstained. */
export type Outcome = 'right' | 'wrong' | 'unknown' | 'na';

export interface ItemScore {
  id: string;
  maker: Outcome;
  part: Outcome;
  date: Outcome;
  confidence: number;
  /** Every field the engine answered and the source decides is right (null: nothing answered to judge). */
  allRight: boolean | null;
}

/** Words that name a company's legal form or trade rather than the company. */
const COMPANY_NOISE = new Set([
  'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'ltd', 'limited', 'llc', 'gmbh', 'ag', 'bv', 'nv', 'sa',
  'plc', 'the', 'technology', 'technologies', 'semiconductor', 'semiconductors', 'electronics', 'international',
  'integrated', 'products', 'group', 'manufacturing', 'mfg',
]);

/** A maker name reduced to the words that identify the company: `Maxim Integrated` → `maxim`. */
export function normaliseMaker(name: string): string {
  const words = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '' && !COMPANY_NOISE.has(w));
  return words.join(' ');
}

/**
 * The engine names the right maker when the truth's maker is the brand it names, or that brand's
 * owner (a Linear Technology reading is right for a part the source calls Analog Devices').
 */
export function makerMatches(truth: string, engineNames: readonly string[]): boolean {
  const t = normaliseMaker(truth);
  return t !== '' && engineNames.some((n) => normaliseMaker(n) === t);
}

/** Case, spaces and the punctuation makers print between a part and its ordering code are ignored. */
export function normalisePart(part: string): string {
  return part.toUpperCase().replace(/[\s\-/.#+_,()]/g, '');
}

/**
 * The device root of a truth part number: the part before its ordering code (what follows the first
 * `-`, `/`, `+` or `#`), cut after its last digit. `PIC16F818-I/P` → `PIC16F818`,
 * `MAX4684EBC+T` → `MAX4684`, `XC3S250E-4PQ208C` → `XC3S250`.
 */
export function partRoot(truth: string): string {
  const head = normalisePart(truth.split(/[-/+#\s]/)[0] ?? '');
  const m = /^(.*\d)/.exec(head);
  return m?.[1] ?? head;
}

/**
 * A part number is right when it names the same device: it contains the truth's device root and
 * is consistent with the truth's ordering code (a prefix of it, or extending it). `PIC16F818`,
 * `PIC16F818-I/P` and `pic16f818i/p` are right for `PIC16F818-I/P`; `16F818` (family letters
 * missing) and `PIC16F819` are wrong.
 */
export function partMatches(truth: string, engine: string): boolean {
  const t = normalisePart(truth);
  const e = normalisePart(engine);
  const root = partRoot(truth);
  if (e === '' || !e.startsWith(root)) return false;
  return t.startsWith(e) || e.startsWith(t);
}

const DAY_MS = 86_400_000;
/** Week-numbering conventions (ISO, Sunday-start, week of 1 January) differ by up to a few days. */
export const DATE_SLACK_DAYS = 3;

function day(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

/**
 * A window is right when it and the truth's window are nested (within the slack): the engine's
 * window holds the truth (it is coarser, e.g. a year for a week) or lies inside it (it is finer,
 * e.g. a week where the source decodes only the year). Overlapping without nesting is wrong:
 * the window claims days the truth excludes and leaves out days it allows.
 */
export function windowMatches(truth: TruthWindow, engine: { from: string; to: string }): boolean {
  const tf = day(truth.from), tt = day(truth.to), ef = day(engine.from), et = day(engine.to);
  const s = DATE_SLACK_DAYS;
  const holdsTruth = ef <= tf + s && et >= tt - s;
  const insideTruth = ef >= tf - s && et <= tt + s;
  return holdsTruth || insideTruth;
}

export function scoreItem(item: EvalItem, answer: EngineAnswer): ItemScore {
  const { truth } = item;
  const maker: Outcome = truth.maker === null ? 'na'
    : answer.makerNames.length === 0 ? 'unknown'
    : makerMatches(truth.maker, answer.makerNames) ? 'right' : 'wrong';
  const part: Outcome = truth.partNumber === null ? 'na'
    : answer.partNumber === null || answer.partNumber === '' ? 'unknown'
    : partMatches(truth.partNumber, answer.partNumber) ? 'right' : 'wrong';
  const date: Outcome = truth.date === null ? 'na'
    : answer.firstWindow === null ? 'unknown'
    : windowMatches(truth.date, answer.firstWindow) ? 'right' : 'wrong';
  const judged = [maker, part, date].filter((o) => o === 'right' || o === 'wrong');
  const allRight = judged.length === 0 ? null : judged.every((o) => o === 'right');
  return { id: item.id, maker, part, date, confidence: answer.confidence, allRight };
}

export interface FieldTally {
  /** Items whose source gives this field. */
  total: number;
  right: number;
  wrong: number;
  unknown: number;
  /** right / total: abstaining is not right. */
  accuracy: number | null;
  /** right / (right + wrong): how often an answer given is right. */
  precision: number | null;
}

export interface CalibrationRow {
  /** Inclusive lower bound of the bucket (the last bucket includes 1.0). */
  from: number;
  to: number;
  /** Items with at least one answered, judged field in the bucket. */
  count: number;
  right: number;
  /** Share of those items with every answered field right. */
  observed: number | null;
}

export interface Summary {
  items: number;
  maker: FieldTally;
  part: FieldTally;
  date: FieldTally;
  /** Items with confidence ≥ 0.9 and at least one answered field wrong, per field and in all. */
  confidentWrong: { maker: number; part: number; date: number; any: number };
  calibration: CalibrationRow[];
}

export const CONFIDENT = 0.9;
export const BUCKETS: ReadonlyArray<readonly [number, number]> = [
  [0, 0.2], [0.2, 0.4], [0.4, 0.6], [0.6, 0.8], [0.8, 0.9], [0.9, 1],
];

function tally(scores: readonly ItemScore[], field: 'maker' | 'part' | 'date'): FieldTally {
  let right = 0, wrong = 0, unknown = 0;
  for (const s of scores) {
    const o = s[field];
    if (o === 'right') right++;
    else if (o === 'wrong') wrong++;
    else if (o === 'unknown') unknown++;
  }
  const total = right + wrong + unknown;
  return {
    total, right, wrong, unknown,
    accuracy: total === 0 ? null : right / total,
    precision: right + wrong === 0 ? null : right / (right + wrong),
  };
}

function bucketOf(confidence: number): number {
  const i = BUCKETS.findIndex(([from, to], k) => confidence >= from && (confidence < to || k === BUCKETS.length - 1));
  return i < 0 ? 0 : i;
}

export function summarise(scores: readonly ItemScore[]): Summary {
  const rows: CalibrationRow[] = BUCKETS.map(([from, to]) => ({ from, to, count: 0, right: 0, observed: null }));
  const confidentWrong = { maker: 0, part: 0, date: 0, any: 0 };
  for (const s of scores) {
    if (s.confidence >= CONFIDENT) {
      if (s.maker === 'wrong') confidentWrong.maker++;
      if (s.part === 'wrong') confidentWrong.part++;
      if (s.date === 'wrong') confidentWrong.date++;
      if (s.allRight === false) confidentWrong.any++;
    }
    if (s.allRight === null) continue;
    const row = rows[bucketOf(s.confidence)]!;
    row.count++;
    if (s.allRight) row.right++;
  }
  for (const r of rows) r.observed = r.count === 0 ? null : r.right / r.count;
  return {
    items: scores.length,
    maker: tally(scores, 'maker'),
    part: tally(scores, 'part'),
    date: tally(scores, 'date'),
    confidentWrong,
    calibration: rows,
  };
}
