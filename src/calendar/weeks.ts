/**
 * ISO 8601 weeks (Monday first; week 1 is the week holding 4 January, i.e. the first Thursday)
 * and the week counted from 1 January that some makers print in date codes.
 */
import { dayNumber, isLeap, weekday, yearOf } from './days.js';

/** Monday of ISO week 1 of ISO year `y`. */
export function isoWeekOneMonday(y: number): number {
  const jan4 = dayNumber(y, 1, 4);
  return jan4 - weekday(jan4);
}

/** An ISO year has 53 weeks when it starts on a Thursday, or is a leap year starting on a Wednesday. */
export function isLongIsoYear(y: number): boolean {
  const wd = weekday(dayNumber(y, 1, 1));
  return wd === 3 || (wd === 2 && isLeap(y));
}

/** First and last day of ISO week `w` of ISO year `y` (w = 53 in a short year gives the 53rd 7-day slot). */
export function isoWeek(y: number, w: number): [number, number] {
  const from = isoWeekOneMonday(y) + 7 * (w - 1);
  return [from, from + 6];
}

/** The ISO week-numbering year and week a day falls in (its week's Thursday decides the year). */
export function isoWeekOf(day: number): { year: number; week: number } {
  const thursday = day - weekday(day) + 3;
  const year = yearOf(thursday);
  return { year, week: Math.floor((thursday - dayNumber(year, 1, 1)) / 7) + 1 };
}

/**
 * Week `w` counted so that week 01 is the week containing 1 January (Microchip). Weeks are taken
 * to start on Sunday, the US convention; the window is widened by one day so a Monday start is
 * covered too, since the maker's guide does not say which day a week starts on.
 */
export function jan1Week(y: number, w: number): [number, number] {
  const jan1 = dayNumber(y, 1, 1);
  const sunday = jan1 - ((weekday(jan1) + 1) % 7);
  const from = Math.max(jan1, sunday + 7 * (w - 1));
  const to = Math.min(dayNumber(y, 12, 31), sunday + 7 * (w - 1) + 7);
  return [from, to];
}
