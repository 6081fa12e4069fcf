/**
 * Scoring of OCR readings against the true printed lines. Pure.
 */
import { distance } from 'fastest-levenshtein';

/** Lines as compared: spaces collapsed, ends trimmed, empty lines dropped. */
export function normLines(text: string | readonly string[]): string[] {
  const lines = typeof text === 'string' ? text.split('\n') : text;
  return lines.map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/** 1 − edit distance / length of the truth, over the lines joined by new lines (0 at worst). */
export function characterAccuracy(read: string, truth: readonly string[]): number {
  const t = normLines(truth).join('\n');
  const r = normLines(read).join('\n');
  return t.length === 0 ? (r.length === 0 ? 1 : 0) : Math.max(0, 1 - distance(r, t) / t.length);
}

/** The share of true lines read exactly (as one of the lines read). */
export function exactLines(read: string, truth: readonly string[]): number {
  const got = new Set(normLines(read));
  const want = normLines(truth);
  return want.length === 0 ? 1 : want.filter((l) => got.has(l)).length / want.length;
}

/**
 * The part number read exactly: found, character for character, in a line read. A substring, not
 * a whole word, because the part is printed inside a longer word on some parts (`JL6976M` in
 * `JL6976M4`).
 */
export function partNumberRead(read: string, part: string): boolean {
  return normLines(read).some((line) => line.includes(part));
}
