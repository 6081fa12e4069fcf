/**
 * When a reading is trusted. Pure. The thresholds were chosen on the dev half of the OCR
 * evaluation set (eval/ocr/, `npm run eval:ocr`) and are reported on its held-out half.
 */

/** Below this first-pass confidence the cleaned-up pass runs too, and the more confident reading wins. */
export const SECOND_PASS_BELOW = 0.7;

/**
 * A reading is offered as the marking only at or above this confidence; below it the form asks
 * the investigator to type the marking (the reading is still shown, marked unsure).
 */
export const ACCEPT_AT = 0.88;

export const PLEASE_TYPE = 'please type the marking';

/**
 * A reading's confidence: its least confident word's, since one misread word (the part number)
 * is enough to make the marking wrong. 0 for a reading with no text. (On the dev split the least
 * confident word separated right from wrong readings better than the least confident line.)
 */
export function readingConfidence(lines: readonly { confidence: number; minWord?: number }[]): number {
  if (lines.length === 0) return 0;
  let min = 1;
  for (const l of lines) min = Math.min(min, l.minWord ?? l.confidence);
  return Math.max(0, min);
}

export function accepted(confidence: number): boolean {
  return confidence >= ACCEPT_AT;
}
