import { describe, expect, it } from 'vitest';
import { RULES, type RuleEnv } from '../../src/markings/rules.js';
import { dayNumber, isLongIsoYear, isoOf, isoWeek, jan1Week, parseDay, weekday } from '../../src/markings/calendar.js';
import { mulberry32 } from '../../src/random.js';

/**
 * Every date rule, table-driven: each row is a token, what the rule must read (first window by
 * confidence, with every window it returns), or null when the token does not fit the convention.
 */
const TODAY = dayNumber(2026, 11, 21);
const env = (floor = 1997): RuleEnv => ({ today: TODAY, todayYear: 2026, oneDigitFloor: floor });

interface Case {
  rule: string;
  token: string;
  /** Windows as `from…to`, in the order returned (most likely first); null when the rule must refuse. */
  windows: string[] | null;
  floor?: number;
  site?: string;
  lot?: string;
  flag?: string;
}

const CASES: Case[] = [
  // ECIA YYWW: both centuries kept when plausible; future years are the caller's to refuse.
  { rule: 'ecia-yyww', token: '2341', windows: ['2023-10-09…2023-10-15'] },
  { rule: 'ecia-yyww', token: '1243', windows: ['2012-10-22…2012-10-28'] },
  { rule: 'ecia-yyww', token: '2436A', windows: ['2024-09-02…2024-09-08'] },
  { rule: 'ecia-yyww', token: '9912', windows: ['2099-03-16…2099-03-22', '1999-03-22…1999-03-28'] },
  { rule: 'ecia-yyww', token: '4812', windows: ['2048-03-16…2048-03-22'] },
  { rule: 'ecia-yyww', token: '2060', windows: null },
  { rule: 'ecia-yyww', token: '2300', windows: null },
  { rule: 'ecia-yyww', token: '23411', windows: null },
  { rule: 'ecia-yyww', token: 'AB12', windows: null },
  { rule: 'ecia-yyww', token: '2341ABC', windows: null },
  { rule: 'ecia-yyww', token: '1853', windows: ['2018-12-25…2018-12-31'], flag: 'week-53-short-year' },
  { rule: 'ecia-yyww', token: '2053', windows: ['2020-12-28…2021-01-03'] },
  // WWYY: the same digits read week first.
  { rule: 'ecia-wwyy', token: '4812', windows: ['2012-11-26…2012-12-02'] },
  { rule: 'ecia-wwyy', token: '1412', windows: ['2012-04-02…2012-04-08'] },
  { rule: 'ecia-wwyy', token: '1243', windows: ['2043-03-16…2043-03-22'] },
  { rule: 'ecia-wwyy', token: '6012', windows: null },
  // YWW: one-digit year, most recent decade first, from the floor (introduction year or 30 years back).
  { rule: 'ecia-yww', token: '215', windows: ['2022-04-11…2022-04-17', '2012-04-09…2012-04-15', '2002-04-08…2002-04-14'] },
  { rule: 'ecia-yww', token: '215', floor: 2011, windows: ['2022-04-11…2022-04-17', '2012-04-09…2012-04-15'] },
  { rule: 'ecia-yww', token: '699', windows: null },
  { rule: 'ecia-yww', token: '2155', windows: null },
  // TI YM, YMS, YMSLLLL.
  { rule: 'ti-ym', token: '2B', windows: ['2022-11-01…2022-11-30', '2012-11-01…2012-11-30', '2002-11-01…2002-11-30'] },
  { rule: 'ti-ym', token: '2BK', floor: 2015, windows: ['2022-11-01…2022-11-30'], site: 'K' },
  { rule: 'ti-ym', token: '39KAF3E', floor: 2015, windows: ['2023-09-01…2023-09-30'], site: 'K', lot: 'AF3E' },
  { rule: 'ti-ym', token: '2D', windows: null },
  { rule: 'ti-ym', token: '2341', windows: null },
  // Microchip YYWWNNN: week 01 holds 1 January (2023 began on a Sunday).
  { rule: 'microchip-yywwnnn', token: '2301ABC', windows: ['2023-01-01…2023-01-08'], lot: 'ABC' },
  { rule: 'microchip-yywwnnn', token: '2341256', windows: ['2023-10-08…2023-10-15'], lot: '256' },
  { rule: 'microchip-yywwnnn', token: '2360ABC', windows: null },
  { rule: 'microchip-yywwnnn', token: '23411AB', windows: ['2023-10-08…2023-10-15'], lot: '1AB' },
  // ST YWW with an optional site letter.
  { rule: 'st-yww', token: '215', floor: 2011, windows: ['2022-04-11…2022-04-17', '2012-04-09…2012-04-15'] },
  { rule: 'st-yww', token: 'Z215', floor: 2015, windows: ['2022-04-11…2022-04-17'], site: 'Z' },
  // ST prints YWW first: four digits are YWW and a trailing character (issue 15: 2303 is 2022 week 30, not 2023 week 3).
  { rule: 'st-yww', token: '2303', floor: 2011, windows: ['2022-07-25…2022-07-31', '2012-07-23…2012-07-29'] },
  { rule: 'st-yww', token: '2155', floor: 2011, windows: ['2022-04-11…2022-04-17', '2012-04-09…2012-04-15'] },
  { rule: 'st-yww', token: '2605', floor: 2011, windows: null },
  // YYWW run together with the lot.
  { rule: 'ecia-yyww-lot', token: '0037K7027', windows: ['2000-09-11…2000-09-17'], lot: 'K7027' },
  { rule: 'ecia-yyww-lot', token: '0037K', windows: null },
  // A site or revision letter before YYWW, lot digits and a hyphenated letter after (Sharp, BSI, Macronix labels).
  { rule: 'letter-yyww', token: 'A9802', windows: ['2098-01-06…2098-01-12', '1998-01-05…1998-01-11'] },
  { rule: 'letter-yyww', token: 'C983938-M', windows: ['2098-09-22…2098-09-28', '1998-09-21…1998-09-27'], lot: '38' },
  { rule: 'letter-yyww', token: 'A9860', windows: null },
  { rule: 'letter-yyww', token: 'S2827V52155', windows: null },
  { rule: 'ecia-yyww-lot', token: '0060K7027', windows: null },
  // Microchip: package code run together with YYWW; YWWNNN; small-package YWW.
  { rule: 'microchip-yyww', token: 'SN0648', windows: ['2006-11-26…2006-12-03'] },
  { rule: 'microchip-yyww', token: 'I/SN0310', windows: ['2003-03-02…2003-03-09'] },
  { rule: 'microchip-yyww', token: '0510', windows: ['2005-02-27…2005-03-06'] },
  { rule: 'microchip-yyww', token: 'SN0660', windows: null },
  { rule: 'microchip-yyww', token: 'ABCD0510', windows: null },
  { rule: 'microchip-ywwnnn', token: '215025', windows: ['2022-04-03…2022-04-10', '2012-04-08…2012-04-15', '2002-04-07…2002-04-14'], lot: '025' },
  { rule: 'microchip-ywwnnn', token: '260025', windows: null },
  { rule: 'microchip-yww', token: 'I133', floor: 2011, windows: ['2021-08-08…2021-08-15', '2011-08-07…2011-08-14'] },
  { rule: 'microchip-yww', token: '1X33', windows: null },
  // Jieli serial line; Xilinx letters + YYWW printed apart from the package.
  { rule: 'jieli-serial', token: 'AB1526CG3X1F.1-82E', windows: ['2015-06-22…2015-06-28'] },
  { rule: 'jieli-serial', token: 'AC20AP2J262-1A8', windows: ['2020-01-01…2020-12-31'] },
  { rule: 'jieli-serial', token: 'AB1560CG3X1F', windows: null },
  { rule: 'xilinx-yyww-split', token: 'AGQ0625', windows: ['2006-06-19…2006-06-25'] },
  { rule: 'xilinx-yyww-split', token: 'AGQ0660', windows: null },
  { rule: 'xilinx-lot-yyww', token: 'F1234567-0525', windows: ['2005-06-20…2005-06-26'], lot: 'F1234567' },
  { rule: 'xilinx-lot-yyww', token: 'F1234567-0560', windows: null },
  { rule: 'xilinx-lot-yyww', token: 'F123456-0525', windows: null },
  // NXP site letters + YYWW + die revision.
  { rule: 'nxp-yyww', token: 'HNN1312B', windows: ['2013-03-18…2013-03-24'], site: 'HNN' },
  { rule: 'nxp-yyww', token: 'Z2036', windows: ['2020-08-31…2020-09-06'], site: 'Z' },
  { rule: 'nxp-yyww', token: 'ABCD1312', windows: null },
  { rule: 'nxp-yyww', token: 'HN1399', windows: null },
  // Freescale AWLYYWW.
  { rule: 'freescale-awlyyww', token: 'QAB1107', windows: ['2011-02-14…2011-02-20'], site: 'Q', lot: 'AB' },
  { rule: 'freescale-awlyyww', token: 'QA11107', windows: null },
  // Xilinx package + pins + letters + YYWW.
  { rule: 'xilinx-yyww', token: 'PQ208AGQ0525', windows: ['2005-06-20…2005-06-26'] },
  { rule: 'xilinx-yyww', token: 'FGG484ABX1923', windows: ['2019-06-03…2019-06-09'] },
  { rule: 'xilinx-yyww', token: 'PQ208AGQ0560', windows: null },
  // Intel/Altera: characters 7–10 of an 11-character code.
  { rule: 'intel-altera-yyww', token: 'AB12CD2341X', windows: ['2023-10-09…2023-10-15'] },
  { rule: 'intel-altera-yyww', token: '12345678901', windows: null },
  { rule: 'intel-altera-yyww', token: 'AB12CD2341', windows: null },
  // Infineon with E/G/H leads, and YM (unconfirmed).
  { rule: 'infineon-yyww', token: 'H1830', windows: ['2018-07-23…2018-07-29'] },
  { rule: 'infineon-yyww', token: 'G2205', windows: ['2022-01-31…2022-02-06'] },
  { rule: 'infineon-yyww', token: 'X1830', windows: null },
  { rule: 'infineon-yww', token: 'G830', floor: 2010, windows: ['2018-07-23…2018-07-29'] },
  { rule: 'infineon-yww', token: 'G860', windows: null },
  { rule: 'infineon-ym', token: '3A', floor: 2015, windows: ['2023-10-01…2023-10-31'], flag: 'unconfirmed-rule' },
  { rule: 'infineon-ym', token: '3D', windows: null },
  // Vishay P + YWW + line.
  { rule: 'vishay-pyww', token: 'P045XA', floor: 2005, windows: ['2020-11-02…2020-11-08', '2010-11-08…2010-11-14'], lot: 'XA' },
  { rule: 'vishay-pyww', token: 'P045XA', floor: 2008, windows: ['2020-11-02…2020-11-08', '2010-11-08…2010-11-14'] },
  { rule: 'vishay-pyww', token: '045', windows: null },
  { rule: 'vishay-pyww', token: 'P065XA', windows: null },
  // Fairchild/onsemi XXYY, XYY, XY.
  { rule: 'onsemi-xxyy', token: 'M2141', windows: ['2021-10-11…2021-10-17'], site: 'M' },
  { rule: 'onsemi-xxyy', token: 'M2199', windows: null },
  { rule: 'onsemi-xxyy', token: 'MM2141', windows: null },
  { rule: 'onsemi-xyy', token: '141', floor: 2015, windows: ['2021-10-11…2021-10-17'] },
  { rule: 'onsemi-xyy', token: 'M160', windows: null },
  { rule: 'onsemi-xy', token: '34', floor: 2015, windows: ['2023-06-12…2023-07-23'] },
  { rule: 'onsemi-xy', token: '39', floor: 2020, windows: ['2022-12-26…2023-02-05', '2023-12-25…2024-02-04'] },
  { rule: 'onsemi-xy', token: '30', windows: null },
  // Juche years.
  { rule: 'juche-year', token: '113', windows: ['2024-01-01…2024-12-31'] },
  { rule: 'juche-year', token: '112', windows: ['2023-01-01…2023-12-31'] },
  { rule: 'juche-year', token: '199', windows: null },
  { rule: 'juche-year', token: '12', windows: null },
  // ADI/Maxim YYWW: same reading as ECIA, flagged as unconfirmed.
  { rule: 'adi-yyww', token: '2341', windows: ['2023-10-09…2023-10-15'], flag: 'unconfirmed-rule' },
  { rule: 'adi-yyww', token: '2360', windows: null },
];

describe('date rules', () => {
  it.each(CASES.map((c) => [`${c.rule} ${c.token}${c.floor ? ` (floor ${c.floor})` : ''}`, c] as const))('%s', (_name, c) => {
    const rule = RULES[c.rule]!;
    expect(rule, c.rule).toBeDefined();
    const got = rule.fn(c.token, env(c.floor));
    if (c.windows === null) {
      expect(got).toBeNull();
      return;
    }
    expect(got).not.toBeNull();
    const sorted = [...got!].sort((a, b) => b.confidence - a.confidence);
    expect(sorted.map((r) => `${isoOf(r.from)}…${isoOf(r.to)}`)).toEqual(c.windows);
    const total = got!.reduce((s, r) => s + r.confidence, 0);
    if (!c.flag) expect(total).toBeCloseTo(1, 6);
    for (const r of got!) {
      expect(r.rule).toBe(c.rule);
      expect(r.token).toBe(c.token);
      expect(r.from).toBeLessThanOrEqual(r.to);
      expect(c.token.includes(r.chars)).toBe(true);
    }
    if (c.site) expect(sorted[0]!.site).toBe(c.site);
    if (c.lot) expect(sorted[0]!.lot).toBe(c.lot);
    if (c.flag) expect(sorted[0]!.flag).toBe(c.flag);
  });

  it('covers every rule with at least one reading and one refusal', () => {
    for (const id of Object.keys(RULES)) {
      expect(CASES.some((c) => c.rule === id && c.windows), `${id} reads`).toBe(true);
      expect(CASES.some((c) => c.rule === id && !c.windows), `${id} refuses`).toBe(true);
    }
  });

  it('documents an example for every rule that the rule itself reads', () => {
    for (const r of Object.values(RULES)) {
      const token = r.example.split(' ')[0]!;
      expect(r.fn(token, env(2000)), `${r.id}: ${r.example}`).not.toBeNull();
    }
  });
});

describe('calendar', () => {
  it('knows the long ISO years the reference lists', () => {
    const long = [];
    for (let y = 2000; y <= 2030; y++) if (isLongIsoYear(y)) long.push(y);
    expect(long).toEqual([2004, 2009, 2015, 2020, 2026]);
  });

  it('starts ISO week 1 on the Monday of the week holding 4 January', () => {
    for (let y = 1990; y <= 2035; y++) {
      const [from] = isoWeek(y, 1);
      expect(weekday(from)).toBe(0);
      expect(from).toBeLessThanOrEqual(dayNumber(y, 1, 4));
      expect(dayNumber(y, 1, 4) - from).toBeLessThan(7);
    }
  });

  it('counts Microchip weeks from the week holding 1 January', () => {
    const [from, to] = jan1Week(2024, 1); // 1 January 2024 was a Monday
    expect(isoOf(from)).toBe('2024-01-01');
    expect(to - from).toBeLessThanOrEqual(7);
    expect(isoOf(jan1Week(2021, 1)[0])).toBe('2021-01-01');
  });

  it('parses ISO dates and refuses impossible ones', () => {
    expect(parseDay('2024-02-29')).toBe(dayNumber(2024, 2, 29));
    expect(parseDay('2023-02-29')).toBeNull();
    expect(parseDay('2024-13-01')).toBeNull();
    expect(parseDay('yesterday')).toBeNull();
    expect(parseDay(new Date('2024-01-02T10:00:00Z'))).toBe(dayNumber(2024, 1, 2));
    expect(isoOf(dayNumber(1970, 1, 1))).toBe('1970-01-01');
    expect(isoOf(dayNumber(2000, 2, 29))).toBe('2000-02-29');
  });
});

describe('rules marked digitFirst', () => {
  it('read nothing that starts with a letter (the engine skips such tokens for them)', () => {
    const env: RuleEnv = { today: dayNumber(2026, 11, 21), todayYear: 2026, oneDigitFloor: 1997 };
    const marked = Object.values(RULES).filter((r) => r.digitFirst);
    expect(marked.map((r) => r.id).sort()).toEqual(['adi-yyww', 'ecia-wwyy', 'ecia-yww', 'ecia-yyww', 'ecia-yyww-lot', 'juche-year', 'microchip-ywwnnn', 'microchip-yywwnnn', 'ti-ym']);
    const alnum = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const any = alnum + alnum + '-./#';
    const next = mulberry32(7);
    for (let i = 0; i < 20_000; i++) {
      let t = alnum[10 + Math.floor(next() * 26)]!;
      const n = Math.floor(next() * 12);
      for (let k = 0; k < n; k++) t += any[Math.floor(next() * any.length)];
      for (const r of marked) expect(r.fn(t, env), `${r.id} read ${t}`).toBeNull();
    }
    // The same tokens after a digit are read: the test would notice a rule that reads nothing.
    expect(RULES['ecia-yyww']!.fn('2341', env)).not.toBeNull();
  });
});
