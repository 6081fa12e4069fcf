import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays, civil, dayNumber, daysBetween, InvalidDate, isIsoDate, isoOf, isoOfYmd, isoWeek, isoWeekOf, isLongIsoYear,
  excelSerialToInstant, excelSerialToIso, monthWindow, parseDay, toDayNumber, today, weekday, windowAt, yearWindow,
} from '../../src/calendar/index.js';

const DAY_MS = 86_400_000;
// Day numbers of 0001-01-01 … 9999-12-31: the years a four-digit ISO date can write.
const anyDay = fc.integer({ min: -719162, max: 2932896 });

/** The reference: JavaScript's own UTC calendar. */
function dateIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

describe('day numbers agree with Date', () => {
  it('isoOf and civil give what Date gives for any day of years 1–9999', () => {
    fc.assert(fc.property(anyDay, (day) => {
      expect(isoOf(day)).toBe(dateIso(day));
      const d = new Date(day * DAY_MS);
      expect(civil(day)).toEqual([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]);
      expect(weekday(day)).toBe((d.getUTCDay() + 6) % 7);
    }), { numRuns: 5000 });
  });

  it('parseDay and toDayNumber invert isoOf', () => {
    fc.assert(fc.property(anyDay, (day) => {
      expect(parseDay(isoOf(day))).toBe(day);
      expect(toDayNumber(isoOf(day))).toBe(day);
      expect(dayNumber(...civil(day))).toBe(day);
    }), { numRuns: 5000 });
  });

  it('addDays and daysBetween match millisecond arithmetic on Date', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2_800_000 }), fc.integer({ min: -100_000, max: 100_000 }), (day, n) => {
      const from = isoOf(day);
      const to = dateIso(day + n);
      expect(addDays(from, n)).toBe(to);
      expect(daysBetween(from, to)).toBe(n);
    }), { numRuns: 3000 });
  });

  it('a year/month/day is a date exactly when Date.UTC does not roll it over', () => {
    fc.assert(fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
      const t = new Date(Date.UTC(y, m - 1, d));
      const real = m >= 1 && m <= 12 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
      const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      expect(isoOfYmd(y, m, d)).toBe(real ? text : null);
      expect(isIsoDate(text)).toBe(real);
      expect(parseDay(text)).toBe(real ? t.getTime() / DAY_MS : null);
    }), { numRuns: 5000 });
  });
});

describe('impossible dates are refused', () => {
  it.each(['2023-02-29', '2024-02-30', '2024-04-31', '2024-13-01', '2024-00-10', '1900-02-29'])('%s', (s) => {
    expect(parseDay(s)).toBeNull();
    expect(() => toDayNumber(s)).toThrow(InvalidDate);
    expect(() => addDays(s, 1)).toThrow(/not a calendar date/);
  });

  it('accepts leap days that exist', () => {
    expect(isoOf(toDayNumber('2024-02-29') + 1)).toBe('2024-03-01');
    expect(toDayNumber('2000-02-29')).toBe(11016);
  });

  it('the strict form wants exactly YYYY-MM-DD; the lenient one reads a timestamp\'s day', () => {
    expect(() => toDayNumber('2024-02-01T10:00:00Z')).toThrow(/YYYY-MM-DD/);
    expect(() => toDayNumber('1/2/2024')).toThrow(InvalidDate);
    expect(parseDay('2024-02-01T10:00:00Z')).toBe(toDayNumber('2024-02-01'));
    expect(parseDay(new Date('2024-02-01T23:59:59Z'))).toBe(toDayNumber('2024-02-01'));
    expect(parseDay(new Date('nonsense'))).toBeNull();
  });
});

describe('ISO weeks', () => {
  it('isoWeekOf agrees with the ISO rule (the week of its Thursday) and isoWeek gives back its Monday–Sunday', () => {
    fc.assert(fc.property(fc.integer({ min: -100_000, max: 200_000 }), (day) => {
      const { year, week } = isoWeekOf(day);
      const [from, to] = isoWeek(year, week);
      expect(day).toBeGreaterThanOrEqual(from);
      expect(day).toBeLessThanOrEqual(to);
      expect(weekday(from)).toBe(0);
      expect(week).toBeLessThanOrEqual(isLongIsoYear(year) ? 53 : 52);
      const thursday = new Date((from + 3) * DAY_MS);
      expect(thursday.getUTCFullYear()).toBe(year);
    }), { numRuns: 3000 });
  });

  it('known weeks', () => {
    expect(isoWeekOf(toDayNumber('2021-01-03'))).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOf(toDayNumber('2024-12-30'))).toEqual({ year: 2025, week: 1 });
    expect(isoWeek(2024, 1).map(isoOf)).toEqual(['2024-01-01', '2024-01-07']);
    expect(isLongIsoYear(2020)).toBe(true);
    expect(isLongIsoYear(2024)).toBe(false);
  });
});

describe('ranges with precision', () => {
  it('a month or year covers all of its days', () => {
    expect(monthWindow(2024, 2)).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthWindow(2023, 2)).toEqual({ from: '2023-02-01', to: '2023-02-28' });
    expect(yearWindow(2024)).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(windowAt('2024-02-17', 'month')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(windowAt('2024-02-17', 'year')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(windowAt('2024-02-17', 'day')).toEqual({ from: '2024-02-17', to: '2024-02-17' });
  });
});

describe('today', () => {
  it('is the UTC date of the injected clock or instant, whatever the offset it was written with', () => {
    expect(today(() => new Date('2024-04-30T23:30:00-10:00'))).toBe('2024-05-01');
    expect(today(new Date('2024-05-01T00:00:00+02:00'))).toBe('2024-04-30');
    expect(today()).toBe(new Date().toISOString().slice(0, 10));
  });
});

describe('spreadsheet serials', () => {
  it('count from 1900-01-01 with Excel\'s phantom 29 February 1900', () => {
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(45000)).toBe('2023-03-15');
    expect(excelSerialToIso(45000.75)).toBe('2023-03-15');
    expect(excelSerialToIso(2_958_465)).toBe('9999-12-31');
    expect(excelSerialToIso(2_958_466)).toBeNull();
    expect(excelSerialToIso(0)).toBeNull();
    expect(excelSerialToInstant(45000.75).toISOString()).toBe('2023-03-15T18:00:00.000Z');
  });
});
