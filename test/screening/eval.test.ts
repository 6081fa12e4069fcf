import { describe, expect, it } from 'vitest';
import { evaluate, LABELLED } from '../../src/screening/eval/evaluate.js';
import heldout from '../../src/screening/eval/heldout.json' with { type: 'json' };

/**
 * Precision and recall on the labelled pairs, at the default threshold.
 *
 * Floors: labelled.json is the set the matcher was tuned on, so it must stay
 * near perfect (precision ≥ 0.95, recall ≥ 0.97): a drop means a change broke
 * something that worked. heldout.json was written after tuning and never
 * tuned on; it measured precision 0.96 and recall 0.85, and its floors
 * (0.90 and 0.80) leave room for honest trade-offs while catching a real
 * regression. The screening use favours recall (a reviewer dismisses a false
 * match; a missed sanctioned maker is silent), so recall floors are not
 * lowered to buy precision.
 */
describe('labelled evaluation', () => {
  it('labelled set: the tuning set stays near perfect', () => {
    expect(LABELLED.pairs.length).toBeGreaterThanOrEqual(150);
    expect(LABELLED.pairs.some((p) => p.match) && LABELLED.pairs.some((p) => !p.match)).toBe(true);
    const r = evaluate();
    expect(r.pairwise.precision).toBeGreaterThanOrEqual(0.95);
    expect(r.pairwise.recall).toBeGreaterThanOrEqual(0.97);
    // End to end (blocking included, every entity a possible false match).
    expect(r.endToEnd.precision).toBeGreaterThanOrEqual(0.95);
    expect(r.endToEnd.recall).toBeGreaterThanOrEqual(0.97);
  });

  it('held-out set: generalises', () => {
    const r = evaluate(heldout);
    expect(r.pairwise.precision).toBeGreaterThanOrEqual(0.9);
    expect(r.pairwise.recall).toBeGreaterThanOrEqual(0.8);
    expect(r.endToEnd.precision).toBeGreaterThanOrEqual(0.9);
    expect(r.endToEnd.recall).toBeGreaterThanOrEqual(0.8);
  });
});

describe('pairs from real list entries', () => {
  it('has at least 300 pairs, 60 in each script group, each with its source and a split fixed by entry', async () => {
    const { derivePairs, ENTRIES, splitOf } = await import('../../src/screening/eval/real-pairs.js');
    const pairs = derivePairs();
    expect(pairs.length).toBeGreaterThanOrEqual(300);
    for (const g of ['korean', 'cyrillic', 'chinese', 'arabic', 'identifiers', 'birth-date']) {
      const of = pairs.filter((p) => p.group === g);
      expect(of.length, g).toBeGreaterThanOrEqual(g === 'identifiers' ? 30 : 60);
      expect(of.some((p) => p.match) && of.some((p) => !p.match), g).toBe(true);
    }
    for (const p of pairs) {
      expect(p.source).toMatch(/\S+ .*\(.+\)/);
      const held = splitOf(p.from) === 'heldout' || splitOf(p.entity) === 'heldout';
      expect(p.split).toBe(held ? 'heldout' : 'dev');
    }
    // Roughly three entries in ten are held out, and which ones never changes.
    const held = ENTRIES.filter((e) => splitOf(e.id) === 'heldout').length / ENTRIES.length;
    expect(held).toBeGreaterThan(0.15);
    expect(held).toBeLessThan(0.45);
    expect(splitOf('un:KPi.024')).toBe(splitOf('un:KPi.024'));
  });
});
