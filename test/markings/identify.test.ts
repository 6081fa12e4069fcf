import { describe, expect, it } from 'vitest';
import { identify } from '../../src/markings/identify.js';
import { identify as identifyFace, suggestComponentFields } from '../../src/markings/index.js';
import type { IdentifyContext, Reading } from '../../src/markings/types.js';

const TODAY = '2026-11-21';
const read = (marking: string, ctx: IdentifyContext = {}) => identify(marking, { today: TODAY, ...ctx });
const best = (marking: string, ctx: IdentifyContext = {}): Reading => read(marking, ctx).readings[0]!;
const codes = (r: Reading) => r.warnings.map((w) => w.code);

/** What a maker family's marking must read as (fields left out are not checked). */
interface FamilyCase {
  marking: string;
  ctx?: IdentifyContext;
  maker: string | null;
  country?: string | null;
  parent?: [string, number];
  partNumber?: string | null;
  category?: string | null;
  hs6?: string | null;
  tier?: string | null;
  /** First window `from…to` and its rule, or null for no surviving window. */
  date?: [string, string] | null;
  lot?: string;
  site?: string;
  assembly?: string;
  owner?: string;
  warnings?: string[];
}

const FAMILIES: FamilyCase[] = [
  // The three examples.
  {
    marking: 'STM32F405 / RGT6 / GH25Q 93 / CHN 215', ctx: { recoveryDate: '2024-01-02' }, maker: 'stmicro', country: 'CH',
    partNumber: 'STM32F405RGT6', category: 'mcu', hs6: '854231', tier: '1', date: ['2022-04-11…2022-04-17', 'st-yww'], lot: 'GH25Q', assembly: 'CN',
    warnings: ['clone-risk', 'ambiguous-date'],
  },
  {
    marking: 'ADSP-21060 / KS-160 / 2341', maker: 'adi', country: 'US', partNumber: 'ADSP-21060KS-160', category: 'processor', hs6: '854231', tier: '1',
    date: ['2023-10-09…2023-10-15', 'adi-yyww'], warnings: ['unconfirmed-rule'],
  },
  { marking: '113', ctx: { recoveryDate: '2024-08-15', dprk: true }, maker: null, partNumber: null, hs6: null, date: ['2024-01-01…2024-08-15', 'juche-year'], warnings: ['ambiguous-date'] },
  // Acquired makers keep their brand; the acquirer and the owner at production follow.
  { marking: 'LTC2057 / 2147', maker: 'linear', country: 'US', parent: ['adi', 2017], category: 'data-converter', hs6: '854239', date: ['2021-11-22…2021-11-28', 'adi-yyww'], owner: 'adi' },
  { marking: 'MAXIM / MAX2769 / 2210', maker: 'maxim', parent: ['adi', 2021], category: 'gnss-ic', hs6: '854239', tier: '1', date: ['2022-03-07…2022-03-13', 'adi-yyww'], warnings: ['ambiguous-date'] },
  { marking: 'DS18B20 / 2230C4', maker: 'dallas', parent: ['maxim', 2001], category: 'sensor-ic' },
  { marking: 'OPA2134 / 2341', maker: 'burr-brown', parent: ['ti', 2000], category: 'amplifier', hs6: '854233', tier: '1' },
  { marking: 'XILINX / XC3S400 / PQ208AGQ0525 / D1234567A / 4C', maker: 'xilinx', parent: ['amd', 2022], partNumber: 'XC3S400', category: 'fpga', hs6: '854239',
    date: ['2005-06-20…2005-06-26', 'xilinx-yyww'], lot: 'D1234567A', owner: 'xilinx' },
  { marking: 'ALTERA / EP4CE22F17C8N / AB12CD2341X', maker: 'altera', parent: ['intel', 2015], category: 'fpga', date: ['2023-10-09…2023-10-15', 'intel-altera-yyww'], owner: 'intel' },
  { marking: 'MCIMX6Q5EYM10AC / QAB1107', maker: 'freescale', country: 'US', parent: ['nxp', 2015], category: 'processor', hs6: '854231',
    date: ['2011-02-14…2011-02-20', 'freescale-awlyyww'], site: 'Q', lot: 'AB', owner: 'freescale' },
  { marking: 'T491A106K016AT', maker: 'kemet', country: 'US', parent: ['yageo', 2020], category: 'capacitor-tantalum', hs6: '853221', tier: '2', date: null },
  { marking: 'INFINEON / BSC016N06NS / H1830', maker: 'infineon', country: 'DE', category: 'transistor-power', hs6: '854129', tier: '3.A', date: ['2018-07-23…2018-07-29', 'infineon-yyww'] },
  // Maker conventions for lot and site.
  { marking: 'TI / LM358 / 2BK AF3E', ctx: { recoveryDate: '2024-01-02' }, maker: 'ti', category: 'amplifier', hs6: '854233', date: ['2022-11-01…2022-11-30', 'ti-ym'], site: 'K', lot: 'AF3E' },
  { marking: 'PIC18F4550-I/PT / 2215ABC', maker: 'microchip', category: 'mcu', date: ['2022-04-03…2022-04-10', 'microchip-yywwnnn'], lot: 'ABC' },
  { marking: 'ON / MC7805 / M2141', maker: 'onsemi', category: 'power-ic', date: ['2021-10-11…2021-10-17', 'onsemi-xxyy'], site: 'M' },
  { marking: 'FAIRCHILD / FDN340P / Z141', ctx: { introducedYear: 2015 }, maker: 'fairchild', parent: ['onsemi', 2016], category: 'transistor-small', hs6: '854121', date: ['2021-10-11…2021-10-17', 'onsemi-xyy'], site: 'Z' },
  { marking: 'VISHAY / 293D106X9016 / P045XA', ctx: { introducedYear: 2015 }, maker: 'vishay', category: 'capacitor-tantalum', hs6: '853221', date: ['2020-11-02…2020-11-08', 'vishay-pyww'], lot: 'XA' },
  { marking: 'LPC1768FBD100 / HNN1312B', maker: 'nxp', country: 'NL', category: 'mcu', date: ['2013-03-18…2013-03-24', 'nxp-yyww'], site: 'HNN' },
  { marking: '74HC595D / 1530', maker: 'nexperia', parent: ['wingtech', 2019], category: 'logic', owner: 'nxp', warnings: ['ambiguous-prefix'] },
  // Modules, passives, mechanical parts.
  { marking: 'NEO-M8N / 1853', maker: 'ublox', country: 'CH', category: 'gnss-module', hs6: '852691', tier: '2', warnings: ['week-53-short-year'] },
  { marking: 'SIM800L / 1930', maker: 'simcom', country: 'CN', category: 'cellular-module', hs6: '851762', tier: '2' },
  { marking: 'ESP32-D0WD / 2125', maker: 'espressif', country: 'CN', category: 'rf-ic' },
  { marking: 'MURATA GRM188R71H104KA93D', maker: 'murata', country: 'JP', category: 'capacitor-mlcc', hs6: '853224', tier: '2' },
  { marking: 'NDK NX3225SA 16.000MHZ', maker: 'ndk', country: 'JP', category: 'crystal', hs6: '854160', tier: '3.A' },
  { marking: 'SKF 6203-2Z', maker: 'skf', country: 'SE', category: 'bearing', hs6: '848210', tier: '3.B' },
  { marking: 'AMPHENOL D38999/26WB35PN', maker: 'amphenol', category: 'connector', hs6: '853669', tier: '3.A' },
  { marking: 'FLIR / TAU2 / 336', maker: 'flir', parent: ['teledyne', 2021], category: 'camera', hs6: '852589' },
  { marking: 'STIM300 / 1912', maker: 'sensonor', country: 'NO', parent: ['safran', 2022], category: 'imu', hs6: '901420', tier: '3.B' },
  { marking: 'QMC5883L', maker: 'qst', country: 'CN', category: 'mems-sensor', hs6: '854151', tier: '3.A' },
  { marking: 'HMC5883L', maker: 'honeywell', category: 'mems-sensor', warnings: ['clone-risk', 'ambiguous-prefix'] },
  { marking: 'GD / GD32F103 / C8T6 / 2215', maker: 'gigadevice', country: 'CN', partNumber: 'GD32F103C8T6', category: 'mcu' },
  { marking: 'CH32V003 / F4P6', maker: 'wch', country: 'CN', partNumber: 'CH32V003F4P6' },
  { marking: 'SAMSUNG / K4B4G1646E / 2034', maker: 'samsung', country: 'KR', category: 'memory', hs6: '854232', tier: '1' },
  { marking: 'W25Q128JVSQ / 2215', maker: 'winbond', country: 'TW', category: 'memory', hs6: '854232' },
  // No catalogued prefix: the part number stands without a maker.
  { marking: 'XYZ123 / 2341', maker: null, partNumber: 'XYZ123', category: null, hs6: null, date: ['2023-10-09…2023-10-15', 'ecia-yyww'] },
];

describe('maker families', () => {
  it.each(FAMILIES.map((c) => [c.marking, c] as const))('%s', (_m, c) => {
    const r = best(c.marking, c.ctx);
    expect(r.maker?.id ?? null).toBe(c.maker);
    if (c.country !== undefined) expect(r.maker?.country ?? null).toBe(c.country);
    if (c.parent) expect([r.maker?.parent?.id, r.maker?.parent?.year]).toEqual(c.parent);
    if (c.partNumber !== undefined) expect(r.partNumber).toBe(c.partNumber);
    if (c.category !== undefined) expect(r.category).toBe(c.category);
    if (c.hs6 !== undefined) expect(r.hs6).toBe(c.hs6);
    if (c.tier !== undefined) expect(r.chplTier).toBe(c.tier);
    if (c.date === null) expect(r.dates).toEqual([]);
    else if (c.date) expect([`${r.dates[0]?.from}…${r.dates[0]?.to}`, r.dates[0]?.rule]).toEqual(c.date);
    if (c.lot) expect(r.lot).toBe(c.lot);
    if (c.site) expect(r.site?.code).toBe(c.site);
    if (c.assembly) expect(r.assemblyCountry).toBe(c.assembly);
    if (c.owner) expect(r.ownerAtProduction?.id).toBe(c.owner);
    for (const w of c.warnings ?? []) expect(codes(r), `${w} in ${JSON.stringify(r.warnings)}`).toContain(w);
    expect(r.classificationReason.length).toBeGreaterThan(10);
    expect(r.reasoning.length).toBeGreaterThan(1);
  });
});

describe('ambiguity stays visible', () => {
  it('gives one reading per maker for a shared prefix (IRF: Vishay and International Rectifier)', () => {
    const r = read('IRF540N / 1412');
    // Neither maker is likely enough to name: the first reading says maker unknown and lists both.
    const [unknown, ...named] = r.readings;
    expect(unknown!.maker).toBeNull();
    expect(codes(unknown!)).toContain('maker-unknown');
    expect([...unknown!.makerCandidates].sort()).toEqual(['International Rectifier', 'Vishay Intertechnology']);
    expect(unknown!.partNumber).toBe('IRF540N');
    const makers = named.map((x) => x.maker?.id).sort();
    expect(makers).toEqual(['international-rectifier', 'vishay']);
    for (const x of named) {
      expect(x.makerEvidence).toBe('ambiguous-prefix');
      expect(codes(x)).toContain('ambiguous-prefix');
      expect(x.makerCandidates.length).toBe(1);
    }
  });

  it('lets a logo settle an ambiguous prefix', () => {
    const r = read('IR / IRF540N / 1412');
    expect(r.readings.map((x) => x.maker?.id)).toEqual(['international-rectifier']);
    expect(r.readings[0]!.makerEvidence).toBe('logo+prefix');
  });

  it('keeps both the Torex regulator and the Xilinx XC6200 readings of XC62', () => {
    const r = read('XC6206P332MR');
    expect(r.readings[0]!.maker).toBeNull();
    expect(r.readings.slice(1).map((x) => x.maker?.id).sort()).toEqual(['torex', 'xilinx']);
  });

  it('keeps YYWW and WWYY readings of 1412 until the recovery date rules one out', () => {
    const open = best('IRF540N / 1412');
    expect(open.dates.map((d) => d.from.slice(0, 4)).sort()).toEqual(['2012', '2014']);
    expect(codes(open)).toContain('ambiguous-date');
    const narrowed = best('IRF540N / 1412', { recoveryDate: '2013-06-01' });
    expect(narrowed.dates.map((d) => d.from)).toEqual(['2012-04-02']);
    expect(narrowed.rejectedDates.map((d) => d.from)).toEqual(['2014-03-17']);
    expect(narrowed.rejectedDates[0]!.reason).toMatch(/recovery date/);
    expect(codes(narrowed)).toContain('after-recovery');
  });

  it('reads 4812 only as WWYY (2048 is in the future) and 1243 only as YYWW (1943 predates ICs)', () => {
    const a = best('4812');
    expect(a.dates.map((d) => [d.from, d.rule])).toEqual([['2012-11-26', 'ecia-wwyy']]);
    expect(a.rejectedDates.some((d) => d.from.startsWith('2048') && /after today/.test(d.reason))).toBe(true);
    const b = best('1243');
    expect(b.dates.map((d) => d.rule)).toEqual(['ecia-yyww']);
    expect(b.dates[0]!.from).toBe('2012-10-22');
  });

  it('reports a logo that contradicts the part number as a conflict with both readings', () => {
    const r = read('ST / GD32F103C8T6 / 2215');
    expect(r.readings.map((x) => x.maker?.id).sort()).toEqual(['gigadevice', 'stmicro']);
    for (const x of r.readings) expect(codes(x)).toContain('maker-conflict');
  });

  it('shows the Juche reading of a bare number first on a DPRK item, and the ECIA readings after it', () => {
    const r = best('113', { dprk: true });
    expect(r.dates[0]!.rule).toBe('juche-year');
    expect(r.dates.slice(1).every((d) => d.rule === 'ecia-yww')).toBe(true);
    expect(r.dates.reduce((s, d) => s + d.confidence, 0)).toBeCloseTo(1, 2);
  });

  it('never reads a bare number as a Juche year outside a DPRK context', () => {
    for (const m of ['113', '91', 'TI / 91', 'LM7805 / 91', '-70']) {
      for (const x of identify(m, { today: TODAY }).readings) expect(x.dates.map((d) => d.rule), m).not.toContain('juche-year');
    }
    expect(best('113', { dprk: false }).dates.map((d) => d.rule)).not.toContain('juche-year');
    // A part that prints its DPRK origin counts as a DPRK context.
    expect(best('PRK / 113').dates[0]!.rule).toBe('juche-year');
  });
});

describe('context narrows readings', () => {
  it('sets aside every window after the recovery date', () => {
    const r = best('LTC2057 / 2147', { recoveryDate: '2021-06-01' });
    expect(r.dates).toEqual([]);
    expect(r.rejectedDates.length).toBeGreaterThan(0);
    expect(codes(r)).toContain('after-recovery');
  });

  it('clamps a window that straddles the recovery date', () => {
    const r = best('113', { recoveryDate: '2024-03-10', dprk: true });
    expect(r.dates[0]).toMatchObject({ from: '2024-01-01', to: '2024-03-10', rule: 'juche-year' });
  });

  it('sets aside windows before the family was introduced', () => {
    const r = best('STM32F405RGT6 / 0805');
    expect(r.introduced).toBe(2011);
    expect(r.dates).toEqual([]);
    expect(codes(r)).toContain('before-introduction');
  });

  it("uses the analyst's introduction year to fix the decade of a one-digit year", () => {
    expect(best('215').dates.filter((d) => d.rule === 'ecia-yww').length).toBe(3);
    const r = best('215', { introducedYear: 2015 });
    expect(r.dates.filter((d) => d.rule === 'ecia-yww').map((d) => d.from)).toEqual(['2022-04-11']);
  });

  it('takes a confirmed maker, and says so when the prefix points elsewhere', () => {
    const agree = best('LM358 / 2341', { maker: 'Texas Instruments' });
    expect(agree.maker?.id).toBe('ti');
    expect(agree.makerEvidence).toBe('context');
    expect(agree.category).toBe('amplifier');
    const other = best('LM358 / 2341', { maker: 'infineon' });
    expect(other.maker?.id).toBe('infineon');
    expect(codes(other)).toContain('maker-conflict');
    const unknown = read('LM358', { maker: 'No Such Maker Ltd' });
    expect(unknown.warnings.map((w) => w.code)).toContain('maker-conflict');
  });

  it('accepts recoveredOn as the recovery date', () => {
    expect(best('113', { recoveredOn: '2024-03-10', dprk: true }).dates[0]!.to).toBe('2024-03-10');
  });

  it('decodes no date without "today", and the face supplies it', () => {
    const r = identify('ADSP-21060 / KS-160 / 2341');
    expect(r.readings[0]!.dates).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toContain('undecoded-date');
    expect(identifyFace('ADSP-21060 / KS-160 / 2341').readings[0]!.dates.length).toBe(1);
  });
});

describe('invalid and odd input', () => {
  it.each(['', '   ', '/', ' / / ', '????', '—', '\u0000\u0001', '🙂 / 🙂', 'e3 / #'])('reads %j without a maker or a date', (m) => {
    const r = read(m);
    expect(r.readings.length).toBe(1);
    expect(r.readings[0]!.maker).toBeNull();
    expect(r.readings[0]!.dates).toEqual([]);
  });

  it('reports date-like tokens no rule can read', () => {
    expect(codes(best('STM32F405 / 6570'))).toContain('undecoded-date');
    expect(codes(best('9999'))).toContain('undecoded-date');
  });

  it('reads Hangul-prefixed Juche years (주체113) and lower-case markings', () => {
    expect(best('주체113').dates[0]!.rule).toBe('juche-year');
    expect(best('stm32f405 / rgt6 / 215').maker?.id).toBe('stmicro');
  });

  it('cuts very long input and says so', () => {
    const r = read('LM358 '.repeat(2000));
    expect(r.warnings.map((w) => w.code)).toContain('truncated');
    expect(r.marking.length).toBe(2000);
  });

  it('skips the reasoning text when asked, and nothing else changes', () => {
    const full = read('STM32F405 / RGT6 / GH25Q 93 / CHN 215');
    const lean = read('STM32F405 / RGT6 / GH25Q 93 / CHN 215', { explain: false });
    expect(lean.readings[0]!.reasoning).toEqual([]);
    expect({ ...lean.readings[0]!, reasoning: [] }).toEqual({ ...full.readings[0]!, reasoning: [] });
  });
});

describe('what callers pass and get', () => {
  it('reads a context the same whatever way it was built', () => {
    const marking = 'STM32F405 / RGT6 / GH25Q 93 / CHN 215';
    const plain = JSON.stringify(read(marking, { recoveryDate: '2024-01-02', introducedYear: 2015, maker: 'st' }));
    // Spread plus a new field (each object gets a map of its own), no prototype, getters on a class.
    const base = { today: TODAY, recoveryDate: '2024-01-02' };
    const spread = Array.from({ length: 20 }, () => ({ ...base, introducedYear: 2015, maker: 'st' }));
    for (const ctx of spread) expect(JSON.stringify(identify(marking, ctx))).toBe(plain);
    const bare = Object.assign(Object.create(null) as IdentifyContext, { today: TODAY, recoveryDate: '2024-01-02', introducedYear: 2015, maker: 'st' });
    expect(JSON.stringify(identify(marking, bare))).toBe(plain);
    class Ctx {
      get today() { return TODAY; }
      get recoveryDate() { return '2024-01-02'; }
      get introducedYear() { return 2015; }
      get maker() { return 'st'; }
    }
    expect(JSON.stringify(identify(marking, new Ctx()))).toBe(plain);
  });

  it('gives every answer lists of its own: changing one answer does not change the next', () => {
    const marking = 'IRF540N / 1412';
    const before = JSON.stringify(read(marking, { recoveryDate: '2013-06-01' }));
    const first = read(marking, { recoveryDate: '2013-06-01' });
    for (const r of first.readings) {
      r.dates.length = 0;
      r.rejectedDates.push({ from: '2000-01-01', to: '2000-01-01', rule: 'x', chars: 'x', reason: 'x' });
      r.warnings.length = 0;
      r.makerCandidates.push('x');
      r.reasoning.length = 0;
    }
    expect(JSON.stringify(read(marking, { recoveryDate: '2013-06-01' }))).toBe(before);
  });
});

describe('component suggestion', () => {
  it('shapes the best reading with its first window, the others as alternatives', () => {
    const s = suggestComponentFields('STM32F405 / RGT6 / GH25Q 93 / CHN 215', { recoveryDate: '2024-01-02', today: TODAY });
    const best = identifyFace('STM32F405 / RGT6 / GH25Q 93 / CHN 215', { recoveryDate: '2024-01-02', today: TODAY }).readings[0]!;
    expect(s).toMatchObject({
      partNumber: 'STM32F405RGT6', makerName: 'STMicroelectronics', makerCountry: 'CH', dateCodeText: '215',
      productionFrom: best.dates[0]!.from, productionTo: best.dates[0]!.to, hs6: '854231', chplTier: '1', category: 'mcu', lot: 'GH25Q', makerCatalogueId: 'stmicro',
    });
    // `215`: 2022 or 2012, week 15 — the first is stored, the other kept beside it, the envelope spans both.
    expect([s.productionFrom, s.productionTo]).toEqual(['2022-04-11', '2022-04-17']);
    expect(s.ambiguous).toBe(true);
    expect(s.alternatives.map((w) => [w.from, w.to])).toEqual([['2012-04-09', '2012-04-15']]);
    expect([s.envelopeFrom, s.envelopeTo]).toEqual(['2012-04-09', '2022-04-17']);
    expect(s.warningCodes).toContain('ambiguous-date');
    expect(s.warnings.length).toBe(s.warningCodes.length);
  });

  it('gives nulls, not guesses, for an unreadable marking', () => {
    const s = suggestComponentFields('????', { today: TODAY });
    expect(s).toMatchObject({ partNumber: null, makerName: null, makerCountry: null, productionFrom: null, productionTo: null, hs6: null, chplTier: null });
    expect([s.ambiguous, s.alternatives, s.envelopeFrom, s.window]).toEqual([false, [], null, null]);
  });
});
