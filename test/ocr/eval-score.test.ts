import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { characterAccuracy, exactLines, partNumberRead } from '../../eval/ocr/score.js';
import { buildCases, selectMarkings, LEVELS } from '../../eval/ocr/render.js';

/** The OCR evaluation's scoring and its set (eval/ocr/): real markings, frozen split, enough images. */
describe('OCR evaluation scoring', () => {
  it('scores characters, lines and the part number', () => {
    expect(characterAccuracy('STM32F407\nVGT6', ['STM32F407', 'VGT6'])).toBe(1);
    expect(characterAccuracy('STM32F4O7\nVGT6', ['STM32F407', 'VGT6'])).toBeCloseTo(1 - 1 / 14);
    expect(characterAccuracy('', ['ABC'])).toBe(0);
    expect(exactLines('STM32F407\nVGT8', ['STM32F407', 'VGT6'])).toBe(0.5);
    expect(exactLines('  STM32F407 ', ['STM32F407'])).toBe(1);
    expect(partNumberRead('BP15698TKE\nJL6976M4', 'JL6976M')).toBe(true);
    expect(partNumberRead('STM32F4O7', 'STM32F407')).toBe(false);
  });
});

describe('OCR evaluation set', () => {
  const markings = readFileSync(new URL('../../eval/markings/markings.jsonl', import.meta.url), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; marking: string; split: string });
  const byId = new Map(markings.map((m) => [m.id, m]));
  it('draws only real markings of the markings set, with their frozen split, and prints each part number', () => {
    for (const { m, lines } of selectMarkings()) {
      expect(byId.get(m.id)?.marking).toBe(m.marking);
      expect(byId.get(m.id)?.split).toBe(m.split);
      for (const line of lines) expect(m.marking.split(' / ')).toContain(line);
      expect(lines.some((l) => l.includes(m.truth.partNumber!))).toBe(true);
    }
  });
  it('has at least 60 images, every level in both splits', () => {
    const cases = buildCases();
    expect(cases.length).toBeGreaterThanOrEqual(60);
    for (const split of ['dev', 'heldout']) for (const level of LEVELS) expect(cases.filter((c) => c.split === split && c.level === level).length).toBeGreaterThanOrEqual(20);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });
});
