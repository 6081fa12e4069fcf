import { describe, expect, it } from 'vitest';
import { identify } from '../../src/markings/identify.js';
import type { IdentifyContext, IdentifyResult } from '../../src/markings/types.js';
import { mulberry32 } from '../../src/random.js';

/**
 * Property tests: random and mutated strings up to 10 kB, random contexts. Whatever comes in,
 * identify never throws, always returns a reading, never returns a window in the future, after
 * the recovery date or with from > to, and gives the same answer twice. Seeded, so a failure
 * reproduces; the seed and the input are in the assertion message.
 */

const SEEDS = [
  'STM32F405 / RGT6 / GH25Q 93 / CHN 215', 'ADSP-21060 / KS-160 / 2341', '113', 'LTC2057 / 2147', 'TI / LM358 / 2BK AF3E', 'PIC18F4550-I/PT / 2215ABC',
  'XILINX / XC3S400 / PQ208AGQ0525 / D1234567A', 'ON / MC7805 / M2141', 'VISHAY / 293D106X9016 / P045XA', 'IRF540N / 1412', 'NEO-M8N / 1853',
  'MCIMX6Q5EYM10AC / QAB1107', 'ALTERA / EP4CE22F17C8N / AB12CD2341X', 'INFINEON / BSC016N06NS / H1830', 'LPC1768FBD100 / HNN1312B', '주체113',
  'MADE IN TAIWAN / 4812', 'T491A106K016AT', 'XC6206P332MR', 'ST / GD32F103C8T6 / 2215', 'FAIRCHILD / FDN340P / Z141', '74HC595D / 1530',
];
const ALPHABETS = [
  '0123456789', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz', ' / ', '\n\r\t |', '-.#*()&+,;:_"\'', '주체北朝鮮ÄÖßéİı', '\u0000\u0007\u001b\u200b\ufeff',
];
const ALL = ALPHABETS.join('');

function randomString(r: () => number, max: number): string {
  const n = Math.floor(r() ** 3 * max);
  let s = '';
  const alphabet = r() < 0.5 ? ALL : ALPHABETS[Math.floor(r() * ALPHABETS.length)]!;
  for (let i = 0; i < n; i++) {
    // Now and then any BMP character, or an emoji (a surrogate pair).
    if (r() < 0.01) s += String.fromCodePoint(r() < 0.5 ? Math.floor(r() * 0xd7ff) : 0x1f600 + Math.floor(r() * 80));
    else s += alphabet[Math.floor(r() * alphabet.length)];
  }
  return s;
}

function mutate(r: () => number, s: string): string {
  const steps = 1 + Math.floor(r() * 8);
  for (let k = 0; k < steps; k++) {
    const i = Math.floor(r() * (s.length + 1));
    const c = ALL[Math.floor(r() * ALL.length)]!;
    switch (Math.floor(r() * 9)) {
      case 0: s = s.slice(0, i) + c + s.slice(i); break;
      case 1: s = s.slice(0, i) + s.slice(i + 1); break;
      case 2: s = s.slice(0, i) + c + s.slice(i + 1); break;
      case 3: s = s + ' / ' + SEEDS[Math.floor(r() * SEEDS.length)]; break;
      case 4: s = s.split(' / ').reverse().join(' / '); break;
      case 5: s = s.slice(0, i) + String(Math.floor(r() * 10000)).padStart(4, '0') + s.slice(i); break;
      case 6: s = r() < 0.5 ? s.toLowerCase() : s.toUpperCase(); break;
      case 7: s = s.repeat(1 + Math.floor(r() * 3)); break;
      default: s = s.slice(0, i) + ' ' + s.slice(i); break;
    }
  }
  return s.slice(0, 10_240);
}

function iso(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function randomContext(r: () => number): IdentifyContext & { today: string } {
  const today = iso(2000 + Math.floor(r() * 31), 1 + Math.floor(r() * 12), 1 + Math.floor(r() * 28));
  const ctx: IdentifyContext & { today: string } = { today };
  if (r() < 0.6) ctx.recoveryDate = iso(1990 + Math.floor(r() * 45), 1 + Math.floor(r() * 12), 1 + Math.floor(r() * 28));
  if (r() < 0.2) ctx.introducedYear = [1850, 1995, 2011, 2019, 2300, Number.NaN, 2020.5][Math.floor(r() * 7)]!;
  if (r() < 0.1) ctx.maker = ['ti', 'STMicroelectronics', 'maxim', 'nobody', ''][Math.floor(r() * 5)]!;
  if (r() < 0.3) ctx.explain = false;
  return ctx;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const TIERS = new Set(['1', '2', '3.A', '3.B', '4.A', '4.B']);

function check(result: IdentifyResult, ctx: IdentifyContext & { today: string }, label: string): void {
  expect(result.readings.length, label).toBeGreaterThan(0);
  const limit = ctx.recoveryDate && ctx.recoveryDate < ctx.today ? ctx.recoveryDate : ctx.today;
  for (const reading of result.readings) {
    expect(reading.confidence, label).toBeGreaterThanOrEqual(0);
    expect(reading.confidence, label).toBeLessThanOrEqual(1);
    if (reading.hs6 !== null) expect(reading.hs6, label).toMatch(/^\d{6}$/);
    if (reading.chplTier !== null) expect(TIERS.has(reading.chplTier), label).toBe(true);
    for (const d of reading.dates) {
      expect(d.from, label).toMatch(ISO);
      expect(d.to, label).toMatch(ISO);
      if (!(d.from <= d.to)) throw new Error(`from > to in ${label}: ${JSON.stringify(d)}`);
      if (!(d.to <= limit)) throw new Error(`window after ${limit} in ${label}: ${JSON.stringify(d)}`);
      expect(d.confidence, label).toBeGreaterThan(0);
      expect(d.confidence, label).toBeLessThanOrEqual(1);
    }
    for (const d of reading.rejectedDates) expect(d.reason.length, label).toBeGreaterThan(0);
  }
}

describe('identify on random and mutated input (property tests)', () => {
  it('never throws and never returns a window in the future, after recovery, or inverted: random strings up to 10 kB', () => {
    const r = mulberry32(20240102);
    for (let i = 0; i < 3000; i++) {
      const m = randomString(r, i % 100 === 0 ? 10_240 : 200);
      const ctx = randomContext(r);
      const label = `random #${i} ${JSON.stringify(m.slice(0, 120))} ${JSON.stringify(ctx)}`;
      let result: IdentifyResult;
      try {
        result = identify(m, ctx);
      } catch (e) {
        throw new Error(`threw on ${label}: ${(e as Error).stack}`);
      }
      check(result, ctx, label);
    }
  });

  it('holds the same properties on mutations of real markings', () => {
    const r = mulberry32(113);
    for (let i = 0; i < 4000; i++) {
      const m = mutate(r, SEEDS[i % SEEDS.length]!);
      const ctx = randomContext(r);
      const label = `mutant #${i} ${JSON.stringify(m.slice(0, 160))} ${JSON.stringify(ctx)}`;
      let result: IdentifyResult;
      try {
        result = identify(m, ctx);
      } catch (e) {
        throw new Error(`threw on ${label}: ${(e as Error).stack}`);
      }
      check(result, ctx, label);
    }
  });

  it('gives the same answer twice (pure: no clock, no randomness, no state)', () => {
    const r = mulberry32(7);
    for (let i = 0; i < 300; i++) {
      const m = i % 2 ? mutate(r, SEEDS[i % SEEDS.length]!) : randomString(r, 300);
      const ctx = randomContext(r);
      expect(JSON.stringify(identify(m, ctx))).toBe(JSON.stringify(identify(m, ctx)));
    }
  });

  it('survives non-string input from untyped callers', () => {
    for (const v of [null, undefined, 42, {}, [], Symbol.iterator.toString()]) {
      expect(() => identify(v as string, { today: '2026-11-21' })).not.toThrow();
    }
  });
});
