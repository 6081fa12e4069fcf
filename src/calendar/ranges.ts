/**
 * Ranges of days: what a date said with less than a day's precision ("February 2024", "2024")
 * covers. Day-number ranges for arithmetic, ISO windows for storage and display.
 */
import { dayNumber, daysInMonth, isoOf } from './days.js';

export type DatePrecision = 'day' | 'month' | 'year';

/** A window of days, both ends inclusive (`YYYY-MM-DD`). */
export interface DateWindow {
  from: string;
  to: string;
}

export function monthRange(y: number, m: number): [number, number] {
  return [dayNumber(y, m, 1), dayNumber(y, m, daysInMonth(y, m))];
}

export function yearRange(y: number): [number, number] {
  return [dayNumber(y, 1, 1), dayNumber(y, 12, 31)];
}

function windowOfRange([from, to]: [number, number]): DateWindow {
  return { from: isoOf(from), to: isoOf(to) };
}

export function yearWindow(y: number): DateWindow {
  return windowOfRange(yearRange(y));
}

export function monthWindow(y: number, m: number): DateWindow {
  return windowOfRange(monthRange(y, m));
}

/** The days a date said at `precision` covers: `2024-02-17` at month precision is all of February 2024. */
export function windowAt(date: string, precision: DatePrecision): DateWindow {
  const y = Number(date.slice(0, 4));
  if (precision === 'year') return yearWindow(y);
  if (precision === 'month') return monthWindow(y, Number(date.slice(5, 7)));
  return { from: date, to: date };
}
