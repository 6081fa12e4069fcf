import { describe, expect, it } from 'vitest';
import { keepCleaned, needsCleanedPass, SECOND_PASS_BELOW } from '../../src/ocr/gate.js';

/** Which of the two passes is read and kept (src/ocr/gate.ts); the images are the eval's business. */
describe('the cleaned-up pass', () => {
  it('runs when the first reading is unsure, or too thin to be a marking however confident', () => {
    expect(needsCleanedPass({ text: 'PIC16F818-I/P\n0210017', confidence: 0.9 })).toBe(false);
    expect(needsCleanedPass({ text: 'PIC16F818-I/P\n0210017', confidence: SECOND_PASS_BELOW - 0.01 })).toBe(true);
    // Two confident letters for two clear lines (eval/ocr rm0026, moderate).
    expect(needsCleanedPass({ text: 'BE', confidence: 0.95 })).toBe(true);
  });
  it('keeps the more confident reading, except that one with substance beats one without', () => {
    expect(keepCleaned({ text: 'PIC16F818-1/P', confidence: 0.6 }, { text: 'PIC16F818-I/P', confidence: 0.65 })).toBe(true);
    expect(keepCleaned({ text: 'PIC16F818-I/P', confidence: 0.65 }, { text: 'PIC16F818-1/P', confidence: 0.6 })).toBe(false);
    expect(keepCleaned({ text: 'BE', confidence: 0.68 }, { text: 'PIC16F818-1/P\n0210017', confidence: 0.55 })).toBe(true);
    // Both thin: confidence decides, as before.
    expect(keepCleaned({ text: 'BE', confidence: 0.68 }, { text: 'E', confidence: 0.2 })).toBe(false);
  });
});
