import { describe, expect, it } from 'vitest';
import {
  assembledNoEarlierThan, compareComponentSets, largestRemainderShares, m49RegionOf, parseProductionMark, productionToUse, similarPairs,
  toBreakdown, type ComponentFeature,
} from '../../src/findings/index.js';
import { mulberry32 } from '../../src/random.js';

const tenths = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 10);

describe('largest-remainder shares', () => {
  it('sums to exactly 100.0 where naive rounding does not', () => {
    const values = [1, 1, 1];
    const naive = values.map((v) => Math.round((v / 3) * 1000) / 10);
    expect(tenths(naive)).toBe(999); // the failure this method exists to avoid
    const shares = largestRemainderShares(values);
    expect(tenths(shares)).toBe(1000);
    expect(shares.sort()).toEqual([33.3, 33.3, 33.4]);
  });

  it('sums to 100.0 for many random breakdowns and stays within one tenth of the exact share', () => {
    const rand = mulberry32(42);
    for (let t = 0; t < 500; t++) {
      const values = Array.from({ length: 1 + Math.floor(rand() * 12) }, () => Math.floor(rand() * 400));
      const total = values.reduce((a, b) => a + b, 0);
      const shares = largestRemainderShares(values);
      if (total === 0) {
        expect(shares.every((s) => s === 0)).toBe(true);
        continue;
      }
      expect(tenths(shares)).toBe(1000);
      values.forEach((v, i) => expect(Math.abs(shares[i]! - (100 * v) / total)).toBeLessThan(0.1 + 1e-9));
    }
  });

  it('reproduces a published breakdown from unit counts', () => {
    // 222 of 294 units is 75.51…%: one decimal, as the published 75.5%.
    const shares = largestRemainderShares([222, 35, 9, 28]);
    expect(shares[0]).toBe(75.5);
    expect(shares[1]).toBe(11.9);
    expect(shares[2]).toBe(3.1);
  });

  it('refuses negative values', () => {
    expect(() => largestRemainderShares([1, -1])).toThrow(RangeError);
  });
});

describe('production windows', () => {
  it('"no earlier than" is the latest lower bound, with every record that sets it', () => {
    const r = assembledNoEarlierThan([
      { id: 'a', from: '2021-05-01', to: '2021-05-31' },
      { id: 'b', from: '2023-03-06', to: '2023-03-12' },
      { id: 'c', from: null, to: null },
      { id: 'd', from: '2023-03-06', to: '2023-03-31' },
      { id: 'e', from: '2022-01-01', to: '2023-12-31' },
    ]);
    expect(r).toEqual({ date: '2023-03-06', ids: ['b', 'd'], datedCount: 4 });
    expect(assembledNoEarlierThan([{ id: 'x', from: null, to: null }])).toBeNull();
  });

  it('reads Juche years only when marked as such', () => {
    const m = parseProductionMark('jet vane actuator marked "113" (Juche 113)');
    expect(m?.rule).toBe('juche-year');
    expect(m?.window).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(parseProductionMark('주체112')?.window.from).toBe('2023-01-01');
    expect(parseProductionMark('lot 113')).toBeNull();
    expect(parseProductionMark('2023-11')?.window).toEqual({ from: '2023-11-01', to: '2023-11-30' });
    expect(parseProductionMark('made 2023')?.window).toEqual({ from: '2023-01-01', to: '2023-12-31' });
  });

  it('bounds the production-to-use interval by the mark, the newest part and the use window', () => {
    const juche = parseProductionMark('Juche 113');
    const jul = productionToUse({ mark: juche, noEarlierThan: '2023-11-20', use: { from: '2024-07-01', to: '2024-08-31' } });
    expect(jul?.production).toEqual({ from: '2024-01-01', to: '2024-08-31' });
    expect(jul?.minDays).toBe(0);
    expect(jul?.maxDays).toBe(243);
    const kharkiv = productionToUse({ mark: null, noEarlierThan: '2023-03-06', use: { from: '2024-01-02', to: '2024-01-02' } });
    expect(kharkiv?.maxDays).toBe(302);
    expect(kharkiv?.inconsistent).toBeNull();
    const wrong = productionToUse({ mark: null, noEarlierThan: '2024-02-01', use: { from: '2024-01-02', to: '2024-01-02' } });
    expect(wrong?.inconsistent).toMatch(/after the last possible use/);
    expect(productionToUse({ mark: null, noEarlierThan: null, use: { from: '2024-01-02', to: '2024-01-02' } })).toBeNull();
  });
});

describe('similarity of component sets', () => {
  const bom = (...xs: [string, string | null, number][]): ComponentFeature[] => xs.map(([partNumber, position, units]) => ({ partNumber, position, units }));
  const a = bom(['LTC1688', 'U1', 1], ['ADUM1201', 'U2', 1], ['GRM188', null, 20], ['TPS54331', 'U3', 1]);

  it('is 1 for identical sets, whatever the spelling of part numbers', () => {
    const same = bom(['ltc-1688', 'u1', 1], ['ADuM1201', 'U2', 1], ['GRM 188', null, 20], ['TPS54331', 'U3', 1]);
    const s = compareComponentSets(a, same);
    expect(s.score).toBe(1);
    expect(s.verdict).toBe('identical');
    expect(s.onlyInA).toEqual([]);
  });

  it('is symmetric and explains what differs', () => {
    const b = bom(['LTC1688', 'U1', 1], ['ADUM1201', 'U4', 1], ['GRM188', null, 18], ['LM2596', 'U3', 1]);
    const ab = compareComponentSets(a, b);
    const ba = compareComponentSets(b, a);
    expect(ab.score).toBe(ba.score);
    expect(ab.score).toBeGreaterThan(0);
    expect(ab.score).toBeLessThan(1);
    expect(ab.onlyInA.map((x) => x.partNumber)).toEqual(['TPS54331']);
    expect(ab.onlyInB.map((x) => x.partNumber)).toEqual(['LM2596']);
    expect(ba.onlyInA.map((x) => x.partNumber)).toEqual(['LM2596']);
    expect(ab.moved.map((x) => x.partNumber)).toEqual(['ADUM1201']);
    expect(ab.differingCounts).toEqual([{ partNumber: 'GRM188', unitsA: 20, unitsB: 18 }]);
    expect(ab.explanation).toContain('only in A (TPS54331)');
    // Parts alone: Σmin = 1+1+18 = 20, Σmax = 1+1+20+1+1 = 24.
    expect(ab.partsScore).toBeCloseTo(20 / 24, 4);
    // By (part, position): LTC1688@U1 and the unpositioned GRM188 match (Σmin 1+18); ADUM1201 moved,
    // so U2 and U4 are two keys (Σmax 1+1+1+20+1+1 = 25).
    expect(ab.positionsScore).toBeCloseTo(19 / 25, 4);
    expect(ab.score).toBe(ab.positionsScore);
  });

  it('is 0 for disjoint sets and not comparable without part numbers', () => {
    expect(compareComponentSets(a, bom(['X1', null, 3])).score).toBe(0);
    expect(compareComponentSets(a, []).verdict).toBe('not comparable');
  });

  it('lists pairs above the threshold only', () => {
    const near = bom(['LTC1688', 'U1', 1], ['ADUM1201', 'U2', 1], ['GRM188', null, 20], ['TPS54332', 'U3', 1]);
    const far = bom(['STM32F405', 'U9', 1]);
    const pairs = similarPairs([{ itemId: 'a', features: a }, { itemId: 'b', features: near }, { itemId: 'c', features: far }], { identicalAt: 0.9, sisterAt: 0.5 });
    expect(pairs.map((p) => [p.a, p.b, p.similarity.verdict])).toEqual([['a', 'b', 'identical']]);
  });
});

describe('breakdowns and regions', () => {
  it('keeps an "other" bucket for capped rows so shares still sum to 100', () => {
    const b = toBreakdown(
      [{ key: 'US', units: 50, records: 50, ids: null }, { key: 'DE', units: 30, records: 30, ids: null }, { key: null, units: 5, records: 5, ids: null }],
      { totalUnits: 100, totalRecords: 100, idLimit: 0, limit: 2, label: (k) => k ?? 'unknown' },
    );
    expect(b.buckets.map((x) => [x.key, x.units])).toEqual([['US', 50], ['DE', 30], ['__other__', 15], [null, 5]]);
    expect(tenths(b.buckets.map((x) => x.share))).toBe(1000);
    expect(b.distinct).toBe(2);
  });

  it('places countries in UN M49 sub-regions', () => {
    expect(m49RegionOf('TW')?.name).toBe('Eastern Asia');
    expect(m49RegionOf('HK')?.name).toBe('Eastern Asia');
    expect(m49RegionOf('SG')?.name).toBe('South-eastern Asia');
    expect(m49RegionOf('DE')?.regionName).toBe('Europe');
    expect(m49RegionOf('ZZ')).toBeNull();
  });
});
