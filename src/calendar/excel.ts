/**
 * Spreadsheet date serials. Excel's day 1 is 1900-01-01, and it counts a 29 February 1900 that
 * never was (serial 60, kept from Lotus 1-2-3), so serials after it are one day ahead.
 */
import { dayNumber, isoOf } from './days.js';

const DAY_ZERO = dayNumber(1899, 12, 31);
/** Serial 2,958,465 is 9999-12-31, the last day Excel shows. */
const LAST_SERIAL = 2_958_465;

function dayOfSerial(serial: number): number {
  return serial > 60 ? serial - 1 : serial;
}

/** The calendar date of a serial's whole day; null outside 1 … 9999-12-31. */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > LAST_SERIAL) return null;
  return isoOf(DAY_ZERO + dayOfSerial(Math.floor(serial)));
}

/** The instant a serial stands for, its fraction being the time of day (read as UTC), to the millisecond. */
export function excelSerialToInstant(serial: number): Date {
  return new Date(DAY_ZERO * 86_400_000 + Math.round(dayOfSerial(serial) * 86_400_000));
}
