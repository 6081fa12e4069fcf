import { describe, expect, it } from 'vitest';
import { identify } from '../../src/markings/identify.js';
import type { IdentifyContext, Reading } from '../../src/markings/types.js';
import { FAMILY_RESTORATIONS, SERIAL_FORMATS, TOPSIDE_CODE_COUNT, DATE_CONVENTION_SOURCES } from '../../src/markings/knowledge.js';
import { RULES } from '../../src/markings/rules.js';
import topside from '../../src/markings/knowledge/topside-codes.json' with { type: 'json' };
import ordering from '../../src/markings/knowledge/ordering-codes.json' with { type: 'json' };

/**
 * The marking knowledge base (src/markings/knowledge/*.json) and the issue's known failures: each
 * case is a marking as printed and what the engine must (or must never) read from it.
 */
const TODAY = '2026-11-21';
const best = (m: string, ctx: IdentifyContext = {}): Reading => identify(m, { today: TODAY, ...ctx }).readings[0]!;
const all = (m: string, ctx: IdentifyContext = {}) => identify(m, { today: TODAY, ...ctx });
const codes = (r: { warnings: { code: string }[] }) => r.warnings.map((w) => w.code);

describe('the knowledge base files', () => {
  it('cite a source for every entry', () => {
    for (const e of FAMILY_RESTORATIONS) expect(e.source.length, String(e.pattern)).toBeGreaterThan(20);
    for (const e of SERIAL_FORMATS) expect(e.source.length, String(e.pattern)).toBeGreaterThan(20);
    for (const e of topside.entries) expect(e.source.length, e.code).toBeGreaterThan(20);
    for (const e of ordering.entries) expect(e.source.length, e.pattern).toBeGreaterThan(20);
    expect(TOPSIDE_CODE_COUNT).toBe(topside.entries.length);
  });

  it('give the source of every date rule', () => {
    for (const id of Object.keys(RULES)) expect(DATE_CONVENTION_SOURCES.get(id), id).toBeTruthy();
  });
});

describe('part numbers printed without their family letters', () => {
  it.each([
    ['12C508A / 0410017', 'PIC12C508A', 'microchip'],
    ['33EP256MU / 810-I/PT / 1310017', 'DSPIC33EP256MU810-I/PT', 'microchip'],
    ['3S250E / C5AGQ / 4C', 'XC3S250E', 'xilinx'],
    ['N52833 / QIAAA0 / 2024AB', 'NRF52833', 'nordic'],
    ['6043I / 304256', 'MCP6043-I', 'microchip'],
    ['GB30V60DF', 'STGB30V60DF', 'stmicro'],
  ])('%s → %s', (marking, pn, maker) => {
    const r = best(marking);
    expect(r.partNumber).toBe(pn);
    expect(r.maker?.id).toBe(maker);
    expect(r.makerEvidence).toBe('family-letters');
    // An inference from the marking's shape: below a printed prefix's confidence.
    expect(r.confidence).toBeLessThan(0.9);
  });

  it('leaves a digit-led shape alone when it shares its line with other words (a date and lot line)', () => {
    expect(best('XYZ / 2436E 1234').maker).toBeNull();
  });
});

describe('topside codes and serial lines', () => {
  it('reads a maker-specific topside code as its part and maker', () => {
    expect(best('PLII')).toMatchObject({ partNumber: 'TPS2041B', makerEvidence: 'topside-code' });
    expect(best('PLII').maker?.id).toBe('ti');
    expect(best('CP57').partNumber).toBe('TC77-5.0MCTTR');
  });

  it('gives the part but no maker for a code several makers print', () => {
    const r = best('6B');
    expect(r.partNumber).toBe('BC817-25');
    expect(r.maker).toBeNull();
    expect(r.makerCandidates.length).toBeGreaterThan(1);
  });

  it('reads a Jieli serial line as its maker and date', () => {
    const r = best('AB1526CG3X1F.1-82E');
    expect(r.maker?.id).toBe('jieli');
    expect(r.dates[0]).toMatchObject({ from: '2015-06-22', to: '2015-06-28', rule: 'jieli-serial' });
  });
});

describe('words that are not dates', () => {
  it('reads ordering, package, temperature and speed codes as suffixes, never dates or makers', () => {
    for (const m of ['XC3S250E / FGG484 / -4', 'PIC16F818 / I/SN', 'PIC16F818 / E/ML', 'AT29LV512 / -70']) {
      const r = best(m);
      expect(r.dates, m).toEqual([]);
      expect(codes(r), m).not.toContain('undecoded-date');
    }
  });

  it('reads a crystal frequency as a frequency, not a date', () => {
    expect(best('8.000 / 4194').dates).toEqual([]);
    const ndk = best('NDK / 4194 / 2215');
    expect(ndk.dates.map((d) => d.chars)).not.toContain('4194');
    expect(ndk.dateToken).toBe('2215');
  });

  it('reads a date run together with its lot (0037K7027 = 2000 week 37), and a lot as no date (CC8310 is not 1983)', () => {
    expect(best('NEC JAPAN D442012AGY-BB85X-MJH 0037K7027').dates[0]).toMatchObject({ from: '2000-09-11', rule: 'ecia-yyww-lot' });
    expect(best('NEC JAPAN D442012AGY-BB85X-MJH 0037K7027').lot).toBe('K7027');
    for (const d of best('CC8310').dates) expect(d.from >= '1990', d.from).toBe(true);
  });

  it('reads ST four-digit codes as YWW (2303 = 2022 week 30, not 2023 week 3)', () => {
    expect(best('ST / 2303').dates[0]).toMatchObject({ from: '2022-07-25', rule: 'st-yww' });
  });

  it('reads a TI year-month code, never a Juche year, on a TI part', () => {
    const r = best('TI / 91');
    expect(r.dates[0]).toMatchObject({ from: '2019-01-01', rule: 'ti-ym' });
    for (const x of all('TI / 91').readings) expect(x.dates.map((d) => d.rule)).not.toContain('juche-year');
  });
});

describe('markings as they are really typed', () => {
  it('reads look-alike characters the other way where the catalogue supports it, and says so', () => {
    const r = all('5TM32F405 / RGT6 / 2Z15');
    expect(r.readings[0]!.maker?.id).toBe('stmicro');
    expect(r.readings[0]!.partNumber).toBe('STM32F405RGT6');
    expect(codes(r)).toContain('ocr-corrected');
    expect(r.readings[0]!.confidence).toBeLessThan(0.9);
    expect(best('24AA256 / I/P 017 / O510').dates[0]).toMatchObject({ from: '2005-02-27', rule: 'microchip-yyww' });
    expect(codes(best('24AA256 / I/P 017 / O510'))).toContain('ocr-corrected');
    // G and 6 are confused too (the evaluation's noise swaps them): 0G48 is week 48 of 2006.
    expect(best('MCP1403 / E/P256 / 0G48').dates[0]).toMatchObject({ from: '2006-11-26', rule: 'microchip-yyww' });
    expect(codes(best('MCP1403 / E/P256 / 0G48'))).toContain('ocr-corrected');
    // A date run together with its trace code, the date typed with look-alikes: O41BCDK is 0418 + CDK.
    expect(best('PIC16F54-E/SO / O41BCDK').dates[0]).toMatchObject({ from: '2004-04-25', rule: 'microchip-yywwnnn' });
    // A short lot code is not read that way: TI's B413V stays a lot, with no correction claimed.
    const ti = best('TI / LM358 / 56K B413V');
    expect(codes(ti)).not.toContain('ocr-corrected');
    expect(ti.dates.every((d) => d.rule === 'ti-ym')).toBe(true);
  });

  it('reads a logo with a look-alike digit', () => {
    expect(best('TOSHI8A TC58NVG0S3 / 2215').maker?.id).toBe('toshiba');
  });

  it('splits lines joined by / without spaces, but not package codes or MIL-spec numbers', () => {
    expect(all('STM32F405/RGT6/2215').lines).toEqual(['STM32F405', 'RGT6', '2215']);
    expect(all('16F630-I / 0215/017').lines).toEqual(['16F630-I', '0215', '017']);
    expect(all('PIC18F4550-I/PT / 2215ABC').lines).toEqual(['PIC18F4550-I/PT', '2215ABC']);
    expect(all('AMPHENOL D38999/26WB35PN').lines).toEqual(['AMPHENOL D38999/26WB35PN']);
  });
});

describe('honest confidence', () => {
  it('says maker unknown when no maker is likely enough, and lists the candidates', () => {
    const r = all('IRF540N / 1412').readings;
    expect(r[0]!.maker).toBeNull();
    expect(codes(r[0]!)).toContain('maker-unknown');
    expect(r[0]!.makerCandidates.length).toBe(2);
  });

  it('gives 0.9 or more only to a long printed prefix, a logo that agrees, or a confirmed maker', () => {
    expect(best('STM32F405 / RGT6').confidence).toBe(0.9);
    expect(best('SC25').confidence).toBeLessThan(0.9);
    expect(best('179050 / EDB1005 / 256').maker?.id).toBe('microchip');
  });

  it('is no surer than the first window of an ambiguous date word, but names the maker still', () => {
    // `215` on an ST part is 2022 week 15 or 2012 week 15: the first window holds only its share.
    const r = best('STM32F405 / RGT6 / 215');
    expect(codes(r)).toContain('ambiguous-date');
    expect(r.dates.length).toBeGreaterThan(1);
    expect(r.confidence).toBe(Math.max(0.5, r.dates[0]!.confidence));
    expect(r.confidence).toBeLessThan(0.9);
    expect(r.maker?.id).toBe('stmicro');
  });

  it('is less sure of a part number that looks mistyped, and keeps the maker', () => {
    for (const m of ['PIC16FI823 / 0910017', '24LCZ56 / I/SM / 2133I3F', 'PIC16F1516-E/5P / 1248017', 'MX23C4002-Z0', 'XC3SSOA / TQI44AGQ062S']) {
      expect(best(m).confidence, m).toBeLessThanOrEqual(0.6);
      expect(best(m).maker, m).not.toBeNull();
    }
    // As printed, the same families keep their confidence.
    for (const m of ['PIC16F1823 / 0910017', 'PIC16F1516-E/SP / 1248017', '24LC256I']) expect(best(m).confidence, m).toBeGreaterThanOrEqual(0.9);
    // Letters printed for themselves beside digits are not doubted: STM32's pin code, Atmel's pin-count letter, TI's temperature grade.
    for (const m of ['STM32H743ZIT6', 'ATSAMD21G18A']) expect(best(m).confidence, m).toBeGreaterThanOrEqual(0.9);
    expect(best('ADS1256IDBR').confidence).toBeGreaterThan(0.6);
  });

  it('joins a part number carried over to the next line, and doubts one left incomplete', () => {
    expect(best('dsPIC / 33FJ32MC304 / -E/ML / 0730235').partNumber).toBe('DSPIC33FJ32MC304');
    expect(best('PIC24FJ256GA / 108 / 1920017').partNumber).toBe('PIC24FJ256GA108');
    expect(best('PIC12F / 635/MF / 0610 / 017').partNumber).toBe('PIC12F635');
    expect(best('dsPIC33FJ256 GP710A-I/PT 0510017').partNumber).toBe('DSPIC33FJ256GP710A-I/PT');
    expect(best('12F510/P / 017 / 0410').partNumber).toBe('PIC12F510');
    // A complete part number is not glued to the date line below it.
    expect(best('PIC16F84A / 0610').partNumber).toBe('PIC16F84A');
    const alone = best('dsPIC / 0730235');
    expect(alone.partNumber).toBe('DSPIC');
    expect(alone.confidence).toBeLessThanOrEqual(0.6);
  });
});

describe('device-number shapes (knowledge/device-shapes.json)', () => {
  it('trust a part number built as its family numbers devices, even with a letter beside digits', () => {
    // The three the look-alike heuristic used to doubt (issue 15): Kinetis' Z, TI's Little Logic 1G, Altera's SI8N.
    expect(best('MKL25Z128').confidence).toBeGreaterThanOrEqual(0.85);
    for (const m of ['SN74LVC1G08', 'EPCS16SI8N']) expect(best(m).confidence, m).toBeGreaterThanOrEqual(0.9);
    // Microchip's run-on speed, temperature and package codes fit the shape.
    for (const m of ['PIC16F818-04SO', 'DSPIC30F3010-30I', '24LC256I', 'PIC16C54C']) expect(best(m).confidence, m).toBeGreaterThanOrEqual(0.9);
  });

  it('doubt one that does not fit, keeping the maker', () => {
    for (const m of ['PIC16FS4-I/P', 'PIC16F54-E/55', 'PIC18C60I-I/PT', '24AA25G', 'MX23L3206-128', 'TC6468CPA', 'DSPIC33FJ3ZMC304']) {
      expect(best(m).confidence, m).toBeLessThanOrEqual(0.6);
      expect(best(m).maker, m).not.toBeNull();
    }
  });
});

describe('line layouts that name their maker (knowledge/layouts.json)', () => {
  it("read Microchip's package marking when no prefix or logo names the maker", () => {
    for (const m of ['3002 / I/P 256 / 1130', '606 / I545 / 256', '1411NE / 635256', '4A256UID / SN 1321 / 017', '1824/ST / 1110 / 017']) {
      const r = best(m);
      expect(r.maker?.id, m).toBe('microchip');
      expect(r.makerEvidence, m).toBe('layout');
      expect(r.confidence, m).toBeLessThan(0.9);
    }
    // The date is then read by Microchip's week rule (week 01 holds 1 January), not the ISO week.
    expect(best('3002 / I/P 256 / 1130').dates[0]).toMatchObject({ from: '2011-07-17' });
  });

  it('leave other arrangements alone', () => {
    // A logo speaks for the maker; four lines, a lone two-line date and a serial below a full part number are not the layout.
    expect(best('MAXIM / X2769 / 2210 / 113').makerEvidence).not.toBe('layout');
    expect(best('m)ax)m / ma x2769 / 2210 / 113').makerEvidence).not.toBe('layout');
    expect(best('DzS18B20 / 2230C4').makerEvidence).not.toBe('layout');
    expect(best('9853 6912').makerEvidence).not.toBe('layout');
  });
});

describe('a site letter before the date (letter-yyww)', () => {
  it('reads the week of memory labels and keeps the letter out of the date', () => {
    expect(best('LH52256CN-10LL SHARP A9802 3 EC').dates[0]).toMatchObject({ from: '1998-01-05', to: '1998-01-11' });
    expect(best('J9720-M MX23C4002-20 DMG-ATAJ-0 E1 43282F').dates[0]).toMatchObject({ from: '1997-05-12' });
    expect(best('TOSHIBA 9144EAI TC531001CF DMG-FAE-0 C1 J619 JAPAN')).toMatchObject({ partNumber: 'TC531001CF', maker: { id: 'toshiba' } });
  });
});
