/**
 * The production window a demo date code stands for, so that the illustrative components are
 * loaded with their derived dates already filled (loading must not depend on the identification
 * engine). Only the conventions the demo uses; src/markings is the real decoder. Pure.
 */
import { dayNumber, isoOf, isoWeek as isoWeekDays, monthWindow, weekday, type DateWindow } from '../../calendar/index.js';

export type DateRule =
  | 'ecia-yyww' // YYWW, ISO week (also ADI, Linear, Maxim, Cypress, Intersil, Renesas, Nuvoton, Winbond, Avago, GigaDevice)
  | 'ecia-yww' // YWW on small packages; decade 202x from context
  | 'ecia-wwyy' // WWYY (some modules), unambiguous when YYWW would lie in the future
  | 'ti-yms' // Texas Instruments: last digit of year, month 1–9/A/B/C, assembly site letter
  | 'microchip-yywwnnn' // Microchip: week containing 1 January is week 01
  | 'st-yww' // STMicroelectronics: YWW beside a site letter
  | 'nxp-site-yyww' // NXP: site letters + YYWW + die revision
  | 'xilinx-line2' // Xilinx: package, pins, mask, fab, process, then YYWW
  | 'altera-11' // Intel/Altera: 11 characters, YYWW at positions 7–10
  | 'infineon-gyyww' // Infineon: G (RoHS) + YYWW
  | 'vishay-pywwxx' // Vishay: P (Pb-free), Y, WW, line letters
  | 'onsemi-ayww'; // onsemi: assembly site letter, Y, WW

/** Monday of ISO week `week` of `year` (week 1 holds 4 January). */
export function isoWeek(year: number, week: number): DateWindow {
  const [from, to] = isoWeekDays(year, week);
  return { from: isoOf(from), to: isoOf(to) };
}

/** Microchip's week: week 01 is the (Monday-based) week containing 1 January, cut to the year. */
export function microchipWeek(year: number, week: number): DateWindow {
  const jan1 = dayNumber(year, 1, 1);
  const start = jan1 - weekday(jan1) + (week - 1) * 7;
  return { from: isoOf(Math.max(start, jan1)), to: isoOf(start + 6) };
}

const TI_MONTHS = '123456789ABC';

export function windowFor(rule: DateRule, code: string): DateWindow {
  const num = (s: string) => Number(s);
  switch (rule) {
    case 'ecia-yyww':
    case 'nxp-site-yyww':
    case 'xilinx-line2':
    case 'infineon-gyyww': {
      const m = /(\d{2})(\d{2})[A-Z]?$/.exec(code.replace(/^G/, ''));
      if (!m) throw new Error(`${rule}: cannot read ${code}`);
      return isoWeek(2000 + num(m[1]!), num(m[2]!));
    }
    case 'altera-11':
      return isoWeek(2000 + num(code.slice(6, 8)), num(code.slice(8, 10)));
    case 'ecia-yww':
    case 'st-yww': {
      const m = /(\d)(\d{2})$/.exec(code);
      if (!m) throw new Error(`${rule}: cannot read ${code}`);
      return isoWeek(2020 + num(m[1]!), num(m[2]!));
    }
    case 'ecia-wwyy':
      return isoWeek(2000 + num(code.slice(2, 4)), num(code.slice(0, 2)));
    case 'ti-yms': {
      const month = TI_MONTHS.indexOf(code[1]!) + 1;
      if (month < 1) throw new Error(`${rule}: bad month in ${code}`);
      return monthWindow(2020 + num(code[0]!), month);
    }
    case 'microchip-yywwnnn':
      return microchipWeek(2000 + num(code.slice(0, 2)), num(code.slice(2, 4)));
    case 'vishay-pywwxx':
      return isoWeek(2020 + num(code[1]!), num(code.slice(2, 4)));
    case 'onsemi-ayww':
      return isoWeek(2020 + num(code[1]!), num(code.slice(2, 4)));
  }
}
