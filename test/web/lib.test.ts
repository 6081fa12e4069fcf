import { describe, expect, it } from 'vitest';
import { locateQuotes } from '../../src/web/lib/highlight.js';
import { formatDateAt, formatRange as formatRangeIntl } from '../../src/web/lib/format.js';

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
    // Intl's own range format (lib/format.ts), the same rule in every language; ICU puts thin
    // spaces around the dash, read here as plain ones.
    const formatRange = (a: string | null, b: string | null) => formatRangeIntl(a, b).replace(/\s/g, ' ');
    expect(formatRange('2020-10-05', '2020-10-11')).toBe('5 – 11 Oct 2020');
    expect(formatRange('2020-09-28', '2020-10-04')).toBe('28 Sept – 4 Oct 2020'.replace('Sept', new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(new Date('2020-09-01T00:00:00Z'))));
    expect(formatRange('2019-12-30', '2020-01-05')).toBe('30 Dec 2019 – 5 Jan 2020');
    expect(formatRange(null, null)).toBe('—');
    expect(formatRange('2020-01-01', null)).toBe('1 Jan 2020');
  });
});

describe('dates at their precision', () => {
  it('never show a month-only or year-only date as a day', () => {
    expect(formatDateAt('2024-02-01', 'month')).toBe('Feb 2024');
    expect(formatDateAt('2024-01-01', 'year')).toBe('2024');
    expect(formatDateAt('2024-07-28', 'day')).toBe('28 Jul 2024');
    expect(formatDateAt(null, 'month')).toBe('—');
  });
});
