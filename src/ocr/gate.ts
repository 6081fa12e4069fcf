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

/**
 * A reading with fewer letters and digits than this is too little for a marking, whatever
 * tesseract's confidence in it: on noisy crops the first pass sometimes returns two confident
 * letters (`BE`) for two clear lines, which the cleaned pass reads right at a lower confidence.
 */
export const MIN_SUBSTANCE = 4;

const substance = (text: string): number => text.replace(/[^A-Za-z0-9]/g, '').length;

interface Read { text: string; confidence: number }

/** The cleaned-up pass runs when the first reading is unsure or too thin to be a marking. */
export function needsCleanedPass(first: Read): boolean {
  return first.confidence < SECOND_PASS_BELOW || substance(first.text) < MIN_SUBSTANCE;
}

/** The cleaned reading replaces the first when it is more confident, or when only it has substance. */
export function keepCleaned(first: Read, cleaned: Read): boolean {
  const fuller = substance(first.text) < MIN_SUBSTANCE && substance(cleaned.text) >= MIN_SUBSTANCE;
  return fuller || cleaned.confidence > first.confidence;
}

export function accepted(confidence: number): boolean {
  return confidence >= ACCEPT_AT;
}
