import { describe, expect, it } from 'vitest';
import { checkRuling, compareWithFinding, findConflicts, quantityRange, rangesOverlap, type ClaimFacts } from '../../src/claims/index.js';

const claim = (id: string, over: Partial<ClaimFacts>): ClaimFacts => ({
  id, speaker: id, speakerOrganisation: null, saidOn: null, saidOnPrecision: 'day', quantity: null, quantityQualifier: null,
  countsWhat: null, place: null, eventFrom: null, eventTo: null, ...over,
});

describe('claimed ranges', () => {
  it('reads qualifiers and stated precision', () => {
    expect(quantityRange(9, 'at_least')).toEqual({ lo: 9, hi: Infinity, loOpen: false, hiOpen: true });
    expect(rangesOverlap(quantityRange(290, 'more_than'), quantityRange(290, 'exact'))).toBe(false);
    expect(rangesOverlap(quantityRange(290, 'more_than'), quantityRange(300, 'about'))).toBe(true);
    const r = quantityRange(75.5, 'exact', 'percent');
    expect(r.lo).toBeCloseTo(75.45);
    expect(r.hi).toBeCloseTo(75.55);
    expect(quantityRange(3, 'exact', 'launches')).toMatchObject({ lo: 3, hi: 3 });
  });
});

describe('conflicts', () => {
  const launches = { kind: 'quantity' as const, unit: 'launches', cumulative: true };
  const wood = claim('wood', { quantity: 9, quantityQualifier: 'at_least', saidOn: '2024-02-06', countsWhat: 'occasions' });
  const hwang = claim('hwang', { quantity: 3, quantityQualifier: 'exact', saidOn: '2024-02-01', saidOnPrecision: 'month', countsWhat: 'times' });
  const bolvinov = claim('bolvinov', { quantity: 5, quantityQualifier: 'exact', saidOn: '2024-02-07', place: 'Kharkiv', countsWhat: 'missiles' });
  const cherniak = claim('cherniak', { quantity: 60, quantityQualifier: 'at_least', saidOn: '2024-12-01', saidOnPrecision: 'month' });
  const kirby = claim('kirby', { quantity: 2, quantityQualifier: 'at_least', saidOn: '2024-01-04' });

  it('finds the launch-count conflicts of February 2024 and none with later, larger totals', () => {
    const found = findConflicts(launches, [kirby, wood, hwang, bolvinov, cherniak]);
    const pairs = found.map((c) => [c.a, c.b].sort().join('+')).sort();
    expect(pairs).toEqual(['bolvinov+hwang', 'hwang+wood']);
    const woodHwang = found.find((c) => [c.a, c.b].includes('wood') && [c.a, c.b].includes('hwang'))!;
    expect(woodHwang.reason).toContain('at least 9 launches');
    expect(woodHwang.caveat).toContain('occasions');
    expect(found.find((c) => [c.a, c.b].includes('bolvinov'))!.reason).toMatch(/Kharkiv alone/);
  });

  it('treats a running total that falls as a conflict, one that grows as none', () => {
    const early = claim('early', { quantity: 60, quantityQualifier: 'at_least', saidOn: '2024-06-01' });
    const later = claim('later', { quantity: 10, quantityQualifier: 'exact', saidOn: '2024-12-01' });
    expect(findConflicts(launches, [early, later])).toHaveLength(1);
    expect(findConflicts({ ...launches }, [later, early])).toHaveLength(1);
    const grows = claim('grows', { quantity: 100, quantityQualifier: 'exact', saidOn: '2025-01-01' });
    expect(findConflicts(launches, [early, grows])).toEqual([]);
    expect(findConflicts(launches, [later, grows])).toEqual([]);
    // Not a running total: 10 and 100 simply disagree.
    expect(findConflicts({ ...launches, cumulative: false }, [later, grows])).toHaveLength(1);
  });

  it('compares dates by window: "June" and "late June" agree, "28 July" does not', () => {
    const topic = { kind: 'date' as const, unit: null, cumulative: false };
    const july = claim('july', { eventFrom: '2024-07-28', eventTo: '2024-07-28' });
    const june = claim('june', { eventFrom: '2024-06-01', eventTo: '2024-06-30' });
    const lateJune = claim('late', { eventFrom: '2024-06-16', eventTo: '2024-06-30' });
    const found = findConflicts(topic, [july, june, lateJune]);
    expect(found.map((c) => [c.a, c.b])).toEqual([['july', 'june'], ['july', 'late']]);
    expect(found[0]!.reason).toContain('28 July 2024');
    expect(found[0]!.reason).toContain('June 2024');
  });

  it('does not compare statements', () => {
    expect(findConflicts({ kind: 'statement', unit: null, cumulative: false }, [wood, hwang])).toEqual([]);
  });
});

describe('claims against findings', () => {
  const c = claim('car', { quantity: 290, quantityQualifier: 'more_than' });
  it('says whether the documented figure lies within the claim, showing both', () => {
    const ok = compareWithFinding(c, { kind: 'quantity', unit: 'components' }, { kind: 'number', value: 294, unit: 'components', text: '294 components', refs: null }, true);
    expect(ok.verdict).toBe('matches');
    expect(ok.text).toBe('claimed more than 290 components; documented here: 294 components (computed over illustrative records)');
    const off = compareWithFinding(c, { kind: 'quantity', unit: 'components' }, { kind: 'number', value: 12, unit: 'components', text: '12 components', refs: null }, false);
    expect(off.verdict).toBe('differs');
    expect(compareWithFinding(c, { kind: 'quantity', unit: 'components' }, null, false).verdict).toBe('not comparable');
    const net = claim('net', { eventFrom: '2023-03-01', eventTo: '2023-03-31' });
    expect(compareWithFinding(net, { kind: 'date', unit: null }, { kind: 'date', window: { from: '2023-03-06', to: '2023-03-06' }, text: '', refs: null }, false).verdict).toBe('matches');
    expect(compareWithFinding(net, { kind: 'date', unit: null }, { kind: 'date', window: { from: '2023-05-06', to: '2023-05-06' }, text: '', refs: null }, false).verdict).toBe('differs');
  });
});

describe('ruling workflow', () => {
  it('allows first rulings, refuses flips without a dispute and rulings without a reason', () => {
    expect(checkRuling('unverified', 'corroborated', 'two reports agree')).toEqual([]);
    expect(checkRuling('corroborated', 'refuted', 'new evidence')[0]!.field).toBe('status');
    expect(checkRuling('corroborated', 'disputed', 'new evidence')).toEqual([]);
    expect(checkRuling('disputed', 'refuted', 'resolved')).toEqual([]);
    expect(checkRuling('refuted', 'refuted', 'again')[0]!.message).toMatch(/already/);
    expect(checkRuling('unverified', 'refuted', '  ')[0]!.field).toBe('reason');
  });
});
