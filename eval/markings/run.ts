/**
 * Runs the identification engine's face over the real-marking set under one condition (clean,
 * OCR-like confusions, damaged layout) and scores each answer. The engine is called exactly as
 * the API calls it, with "today" fixed so that a run gives the same figures on any day.
 */
import { readFileSync } from 'node:fs';
import { identify } from '../../src/markings/index.js';
import type { IdentifyContext, Reading } from '../../src/markings/index.js';
import { layoutNoise, ocrNoise, rngFor } from './noise.js';
import { scoreItem, type EngineAnswer, type EvalItem, type ItemScore, type Split } from './score.js';

export const DEFAULT_TODAY = '2026-01-01';
export const OCR_RATE = 0.25;

export type Condition = 'clean' | 'ocr' | 'layout';
export const CONDITIONS: readonly Condition[] = ['clean', 'ocr', 'layout'];

/** Reads `markings.jsonl`; a malformed line stops the run with its line number. */
export function loadItems(path: string): EvalItem[] {
  const items: EvalItem[] = [];
  readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let item: EvalItem;
    try {
      item = JSON.parse(line) as EvalItem;
    } catch (e) {
      throw new Error(`${path}:${i + 1}: not JSON (${(e as Error).message})`);
    }
    if (typeof item.marking !== 'string' || (item.split !== 'dev' && item.split !== 'heldout') || typeof item.truth !== 'object') {
      throw new Error(`${path}:${i + 1}: needs "marking", "split" (dev|heldout) and "truth"`);
    }
    items.push(item);
  });
  return items;
}

export function selectSplit(items: readonly EvalItem[], split: Split | 'all'): EvalItem[] {
  return split === 'all' ? [...items] : items.filter((i) => i.split === split);
}

/** The marking as the condition presents it to the engine. */
export function presented(item: EvalItem, condition: Condition, seed: number): string {
  if (condition === 'clean') return item.marking;
  const rng = rngFor(seed, `${condition}:${item.id}`);
  return condition === 'ocr' ? ocrNoise(item.marking, OCR_RATE, rng) : layoutNoise(item.marking, rng).text;
}

/** The scored fields of the engine's best reading. */
export function answerOf(best: Reading | undefined): EngineAnswer {
  if (best === undefined) return { makerNames: [], partNumber: null, firstWindow: null, confidence: 0 };
  const m = best.maker;
  const makerNames = m === null ? [] : [m.name, m.id, m.parent?.name, m.ultimateParent?.name].filter((n): n is string => !!n);
  const first = best.dates[0];
  return {
    makerNames,
    partNumber: best.partNumber,
    firstWindow: first === undefined ? null : { from: first.from, to: first.to },
    confidence: best.confidence,
  };
}

export interface Evaluated {
  item: EvalItem;
  text: string;
  answer: EngineAnswer;
  score: ItemScore;
}

export function evaluate(items: readonly EvalItem[], condition: Condition, opts: { seed: number; today: string }): Evaluated[] {
  return items.map((item) => {
    const text = presented(item, condition, opts.seed);
    const context: IdentifyContext = { today: opts.today, explain: false, dprk: item.context?.dprk === true };
    const answer = answerOf(identify(text, context).readings[0]);
    return { item, text, answer, score: scoreItem(item, answer) };
  });
}
