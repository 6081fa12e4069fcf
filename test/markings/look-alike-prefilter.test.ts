// The speed prefilters in front of the look-alike searches must never refuse a word the search
// would have read: a refusal changes an answer. Checked on every family pattern and topside code
// with random words built from the characters those shapes use.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { digitisedLead, lookAlikeTolerant, lookAlikeVariants } from '../../src/markings/confusions.js';
import { FAMILY_RESTORATIONS, mayBeTopsideCode, mayRestoreWithLookAlikes, restoreFamily, topsideCode } from '../../src/markings/knowledge.js';

const CHARS = '0123456789OISBZACEFGHJKLMNPQRTUVWXY-/';
const word = fc.array(fc.constantFrom(...CHARS.split('')), { minLength: 1, maxLength: 12 }).map((cs) => cs.join(''));
// Words near the real shapes: a family pattern's own example with some characters swapped.
const seeds = ['12C508A', '16F630', '33FJ16MC', '24FJ64GA', '3S250E', 'N52833', '179050', '2021I', 'GD25Q64C', '1N4148', 'PLII', '1AM', 'L42', 'KL1'];
const nearWord = fc.tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(11), fc.constantFrom(...CHARS.split(''))), { maxLength: 3 }))
  .map(([s, edits]) => { const cs = s.split(''); for (const [i, c] of edits) cs[i % cs.length] = c; return cs.join(''); });

describe('look-alike prefilters', () => {
  it('the widened pattern accepts every look-alike reading of what a family pattern accepts', () => {
    fc.assert(fc.property(fc.oneof(word, nearWord), (w) => {
      const tries = [digitisedLead(w), ...lookAlikeVariants(w, 12)].filter((v): v is string => v !== null);
      const found = tries.some((v) => restoreFamily(v, true) !== null);
      if (found) expect(mayRestoreWithLookAlikes(w)).toBe(true);
    }), { numRuns: 20_000 });
  });

  it('the widened pattern refuses words no reading can match (it filters, not only passes)', () => {
    expect(mayRestoreWithLookAlikes('K3F9A')).toBe(false);
    expect(mayRestoreWithLookAlikes('I2C5O8A')).toBe(true); // 12C508A typed with look-alikes
    for (const e of FAMILY_RESTORATIONS) expect(lookAlikeTolerant(e.pattern.source)).not.toBeNull();
  });

  it('the topside head table never refuses a code or a look-alike reading of one', () => {
    fc.assert(fc.property(fc.oneof(word, nearWord), (w) => {
      if (topsideCode(w) === null && !lookAlikeVariants(w, 6).some((v) => topsideCode(v) !== null)) return;
      expect(mayBeTopsideCode(w)).toBe(true);
    }), { numRuns: 20_000 });
    expect(topsideCode('PLII')?.part).toBeTruthy();
    expect(mayBeTopsideCode('K3F9A')).toBe(false);
  });
});
