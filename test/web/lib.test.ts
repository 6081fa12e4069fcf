import { describe, expect, it } from 'vitest';
import { byTier, byYear, compareParts, countBy, productionYear, summarise, type ComponentLike } from '../../src/web/lib/aggregate.js';
import { groupClaims, quantitiesConflict } from '../../src/web/lib/claims.js';
import { locateQuotes } from '../../src/web/lib/highlight.js';
import { formatRange } from '../../src/web/lib/format.js';

const c = (over: Partial<ComponentLike>): ComponentLike => ({
  itemId: 'i1', makerId: null, makerCountry: null, productionFrom: null, productionTo: null, chplTier: null, subAssembly: null, partNumber: null, quantity: 1, ...over,
});

describe('component aggregates', () => {
  it('counts units, not records, and sorts largest first with ties by key', () => {
    const rows = [c({ makerCountry: 'US', quantity: 3 }), c({ makerCountry: 'JP' }), c({ makerCountry: 'US' }), c({ makerCountry: 'CH' })];
    expect(countBy(rows, (r) => r.makerCountry)).toEqual([{ key: 'US', count: 4 }, { key: 'CH', count: 1 }, { key: 'JP', count: 1 }]);
  });

  it('attributes a date window to its last year and sorts years with the undated last', () => {
    expect(productionYear(c({ productionFrom: '2021-12-27', productionTo: '2022-01-02' }))).toBe(2022);
    expect(productionYear(c({}))).toBeNull();
    expect(byYear([c({ productionTo: '2022-01-01' }), c({}), c({ productionTo: '2020-05-01' })]).map((b) => b.key)).toEqual(['2020', '2022', '']);
  });

  it('orders CHPL tiers by criticality, unclassified last', () => {
    expect(byTier([c({ chplTier: '3.A' }), c({}), c({ chplTier: '1' }), c({ chplTier: '2' })]).map((b) => b.key)).toEqual(['1', '2', '3.A', '']);
  });

  it('summarises makers, countries, identified units and the newest year', () => {
    const s = summarise([c({ makerId: 'm1', makerCountry: 'US', productionTo: '2023-01-15', quantity: 2 }), c({ makerId: 'm2', makerCountry: 'US' }), c({ partNumber: 'X' }), c({})]);
    expect(s).toMatchObject({ components: 5, records: 4, makers: 2, countries: 1, identified: 4, latestYear: 2023, topCountry: { key: 'US', count: 3 } });
  });

  it('compares items by part numbers with a Jaccard similarity', () => {
    const r = compareParts([c({ partNumber: 'A' }), c({ partNumber: 'B' }), c({})], [c({ partNumber: 'B' }), c({ partNumber: 'C' })]);
    expect(r).toEqual({ shared: ['B'], onlyHere: ['A'], onlyThere: ['C'], similarity: 1 / 3 });
    expect(compareParts([], []).similarity).toBe(0);
  });
});

describe('claims ledger grouping', () => {
  const claim = (id: string, quantity: number | null, quantityQualifier: string | null, countsWhat = 'missiles launched', weaponType = 'KN-23') => ({ id, quantity, quantityQualifier, countsWhat, weaponType });

  it('reads qualifiers: "at least 20" and "24" agree, "at least 20" and "about 10" do not', () => {
    expect(quantitiesConflict(claim('a', 20, 'at_least'), claim('b', 24, 'exact'))).toBe(false);
    expect(quantitiesConflict(claim('a', 20, 'at_least'), claim('b', 10, 'about'))).toBe(true);
    expect(quantitiesConflict(claim('a', 50, 'about'), claim('b', 24, 'exact'))).toBe(true);
    expect(quantitiesConflict(claim('a', null, null), claim('b', 24, 'exact'))).toBe(false);
  });

  it('groups claims counting the same thing, whatever the case and punctuation, conflicts first', () => {
    const groups = groupClaims([
      claim('a', 20, 'at_least'), claim('b', 24, 'exact', 'Missiles  launched.'), claim('c', 50, 'about'),
      claim('d', 5, 'exact', 'launchers'), claim('e', 5, 'exact', 'launchers'), claim('f', 1, 'exact', 'alone'),
    ]);
    expect(groups.map((g) => [g.claims.map((x) => x.id), g.conflicting])).toEqual([[['a', 'b', 'c'], true], [['d', 'e'], false]]);
  });
});

describe('quote location in source text', () => {
  it('finds quotes across line breaks, case and curly quotes, and lists the rest', () => {
    const text = 'He said: “At least 20\nmissiles” were fired. Later, about 50.';
    const r = locateQuotes(text, [{ id: 'q1', quote: 'at least 20 missiles' }, { id: 'q2', quote: 'about 50' }, { id: 'q3', quote: 'never said' }, { id: 'q4', quote: null }]);
    expect(r.spans.map((s) => [s.id, text.slice(s.start, s.end)])).toEqual([['q1', 'At least 20\nmissiles'], ['q2', 'about 50']]);
    expect(r.missing).toEqual(['q3', 'q4']);
  });

  it('never nests marks: an overlapping quote is listed instead', () => {
    const r = locateQuotes('one two three', [{ id: 'a', quote: 'one two' }, { id: 'b', quote: 'two three' }]);
    expect(r.spans.map((s) => s.id)).toEqual(['a']);
    expect(r.missing).toEqual(['b']);
  });
});

describe('date ranges', () => {
  it('are as short as they can be read', () => {
    expect(formatRange('2020-10-05', '2020-10-11')).toBe('5–11 Oct 2020');
    expect(formatRange('2020-09-28', '2020-10-04')).toBe('28 Sept – 4 Oct 2020'.replace('Sept', new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(new Date('2020-09-01T00:00:00Z'))));
    expect(formatRange('2019-12-30', '2020-01-05')).toBe('30 Dec 2019 – 5 Jan 2020');
    expect(formatRange(null, null)).toBe('—');
    expect(formatRange('2020-01-01', null)).toBe('1 Jan 2020');
  });
});
