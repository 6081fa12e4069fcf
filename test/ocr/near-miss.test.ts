import { describe, expect, it } from 'vitest';
import { correctedText, lookAlikeKey, nearMisses, MAX_NEAR_MISSES } from '../../src/ocr/index.js';

/** Near misses of an OCR reading against the catalogue's part-number prefixes (src/ocr/near-miss.ts). */
describe('near misses against catalogued part numbers', () => {
  it('reads a look-alike letter between digits as the digit: STM32F4O7 → STM32F407', () => {
    expect(nearMisses('STM32F4O7')).toEqual([{ read: 'STM32F4O7', corrected: 'STM32F407', partNumber: 'STM32F407', maker: 'STMicroelectronics', distance: 1, reason: 'look-alike' }]);
  });
  it('keeps the ordering suffix and ignores the other lines', () => {
    expect(nearMisses('STM32F4O7VGT6\nCHN 2315').map((m) => m.partNumber)).toEqual(['STM32F407VGT6']);
  });
  it('restores a look-alike in the catalogued prefix itself (5TM32F407, GD32F1O3), but a Z between digits stays a Z', () => {
    expect(nearMisses('5TM32F407')[0]).toMatchObject({ partNumber: 'STM32F407', distance: 1 });
    expect(nearMisses('ATMEGA3Z8P')).toEqual([]);
    expect(nearMisses('GD32F1O3')[0]).toMatchObject({ partNumber: 'GD32F103', maker: 'GigaDevice Semiconductor' });
  });
  it('reads a run of O and I between digits as digits', () => {
    expect(nearMisses('STM32F4OI7')[0]?.partNumber).toBe('STM32F4017');
  });
  it('keeps S, B, Z and G between digits: real part numbers print them there (MKL25Z128, XC3S200A, W9751G6KB)', () => {
    for (const word of ['MKL25Z128VLK4', 'XC3S200A', 'W9751G6KB-25']) expect(correctedText(word, nearMisses(word))).toBe(word);
  });
  it('offers nothing for a word read exactly, or for a gain-group letter at the end (BC547B stays)', () => {
    expect(nearMisses('STM32F407')).toEqual([]);
    expect(nearMisses('SN74HC595N')).toEqual([]);
    expect(nearMisses('BC547B').every((m) => m.partNumber !== 'BC5478')).toBe(true);
  });
  it('finds a prefix one edit off (a letter lost in print) and names it as such', () => {
    const misses = nearMisses('STM32F40');
    expect(misses).toEqual([]);
    const lost = nearMisses('ATMEG328P');
    expect(lost.some((m) => m.partNumber === 'ATMEGA328P' && m.reason === 'one-edit')).toBe(true);
  });
  it('never offers more than a handful', () => {
    expect(nearMisses('XXXX1234 STM3F4O7 ATMEG328P 5N74HCO4 LM3I7 AD7O5 GD32F1O3').length).toBeLessThanOrEqual(MAX_NEAR_MISSES);
  });
  it('keys look-alikes together: O/0, I/1, S/5, B/8, Z/2', () => {
    expect(lookAlikeKey('OISBZ')).toBe('01582');
    expect(lookAlikeKey('STM32F4O7')).toBe(lookAlikeKey('5TM32F407'));
  });
});

describe('ordering codes', () => {
  it('reads a lone digit between a hyphen and a slash as the temperature letter: PIC16F818-1/P → PIC16F818-I/P', () => {
    expect(nearMisses('PIC16F818-1/P').map((m) => m.partNumber)).toContain('PIC16F818-I/P');
    // Two digits there are a frequency option, left as they are.
    expect(nearMisses('PIC16C924-04/CL')).toEqual([]);
  });
  it('reads the package code after the slash as letters, and a 1 after a two-digit speed as the temperature letter I', () => {
    expect(correctedText('PIC16F628/S0', nearMisses('PIC16F628/S0'))).toBe('PIC16F628/SO');
    expect(correctedText('PIC18F2520-E/S0', nearMisses('PIC18F2520-E/S0'))).toBe('PIC18F2520-E/SO');
    expect(correctedText('PIC16F84-041/P', nearMisses('PIC16F84-041/P'))).toBe('PIC16F84-04I/P');
  });
});

describe('the corrected text', () => {
  it('replaces each word that has a near miss by its closest correction, and keeps the rest as read', () => {
    const text = 'P1C16F818-1/P\n0210017';
    expect(correctedText(text, nearMisses(text))).toBe('PIC16F818-I/P\n0210017');
    expect(correctedText('STM32F4O7 VGT6', nearMisses('STM32F4O7 VGT6'))).toBe('STM32F407 VGT6');
  });
  it('prefers a prefix printed as catalogued: AD560 stays AD (not ADS6 with the 5 read as S)', () => {
    expect(nearMisses('AD560KW0A44HJ').every((m) => !m.corrected.startsWith('ADS'))).toBe(true);
  });
  it('reads O beside a digit as 0 in words with two digits or more, with or without a catalogued prefix (IR3EO6N, LE26FV1ON1TS)', () => {
    expect(correctedText('CGB-REG IR3EO6N 0046 A', [])).toBe('CGB-REG IR3E06N 0046 A');
    expect(correctedText('LE26FV1ON1TS-10', [])).toBe('LE26FV10N1TS-10');
    // Not an O away from digits, nor in a word with fewer than two digits.
    expect(correctedText('MXO-55GB-2C CTS SINGAPORE MMMO1', [])).toBe('MXO-55GB-2C CTS SINGAPORE MMMO1');
  });
  it('reads two or more O after a digit as zeros (XC3S2OOA), but not other look-alike runs (55GB)', () => {
    expect(correctedText('XC3S2OOA', nearMisses('XC3S2OOA'))).toBe('XC3S200A');
    expect(nearMisses('MXO-55GB-2C').every((m) => !m.corrected.includes('5568'))).toBe(true);
  });
});
