import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { layoutNoise, ocrNoise, rngFor } from '../../eval/markings/noise.js';
import { answerOf, loadItems, presented } from '../../eval/markings/run.js';
import {
  makerMatches, partMatches, partRoot, scoreItem, summarise, windowMatches,
  type EngineAnswer, type EvalItem, type ItemScore,
} from '../../eval/markings/score.js';

const item = (truth: Partial<EvalItem['truth']>): EvalItem => ({
  id: 't1', marking: 'X', split: 'dev', context: {}, source: { kind: 'test', ref: 'test' },
  truth: { maker: null, partNumber: null, date: null, ...truth },
});
const answer = (a: Partial<EngineAnswer>): EngineAnswer => ({ makerNames: [], partNumber: null, firstWindow: null, confidence: 0.5, ...a });
const week10 = { from: '2002-03-04', to: '2002-03-10' };

describe('scoring one answer', () => {
  it('counts a wrong maker as wrong and an abstention as unknown, never as right', () => {
    const i = item({ maker: 'Texas Instruments' });
    expect(scoreItem(i, answer({ makerNames: ['Analog Devices', 'adi'] })).maker).toBe('wrong');
    expect(scoreItem(i, answer({ makerNames: [] })).maker).toBe('unknown');
    expect(scoreItem(i, answer({ makerNames: ['Texas Instruments', 'ti'] })).maker).toBe('right');
  });

  it('does not score a field the source gives no truth for', () => {
    const s = scoreItem(item({}), answer({ makerNames: ['Intel'], partNumber: 'X1', firstWindow: week10 }));
    expect([s.maker, s.part, s.date, s.allRight]).toEqual(['na', 'na', 'na', null]);
  });

  it('matches makers by company, ignoring legal form, and accepts the brand’s owner', () => {
    expect(makerMatches('Maxim Integrated', ['Maxim Integrated Products, Inc.'])).toBe(true);
    expect(makerMatches('Analog Devices', ['Linear Technology', 'linear', 'Analog Devices'])).toBe(true);
    expect(makerMatches('Microchip Technology', ['Micron Technology', 'micron'])).toBe(false);
  });

  it('accepts a part number with or without its ordering code, but not a different device or a missing family prefix', () => {
    expect(partRoot('PIC16F818-I/P')).toBe('PIC16F818');
    expect(partRoot('MAX4684EBC+T')).toBe('MAX4684');
    expect(partMatches('PIC16F818-I/P', 'PIC16F818')).toBe(true);
    expect(partMatches('PIC16F818-I/P', 'pic16f818-i/p')).toBe(true);
    expect(partMatches('MAX4684EBC+T', 'MAX4684')).toBe(true);
    expect(partMatches('PIC16F818-I/P', '16F818')).toBe(false);
    expect(partMatches('PIC16F818-I/P', 'PIC16F819')).toBe(false);
    expect(partMatches('PIC16F818-I/P', 'PIC16F818-E/SO')).toBe(false);
    expect(partMatches('TPS2041B', '2041B')).toBe(false);
  });

  it('counts a window right only when it and the truth are nested', () => {
    const truthYear = { from: '2015-01-01', to: '2015-12-31' };
    expect(windowMatches(truthYear, { from: '2015-06-22', to: '2015-06-28' })).toBe(true); // finer than the truth
    expect(windowMatches(week10, { from: '2002-01-01', to: '2002-12-31' })).toBe(true); // coarser, holds it
    expect(windowMatches(week10, { from: '2002-03-03', to: '2002-03-09' })).toBe(true); // another week convention
    expect(windowMatches(week10, { from: '2012-03-04', to: '2012-03-10' })).toBe(false); // wrong decade
    expect(windowMatches(truthYear, { from: '2015-07-01', to: '2016-06-30' })).toBe(false); // overlaps only
  });
});

describe('adding up', () => {
  const s = (over: Partial<ItemScore>): ItemScore => ({ id: 'x', maker: 'na', part: 'na', date: 'na', confidence: 0.5, allRight: null, ...over });

  it('separates unknown from wrong and counts confident wrong answers', () => {
    const sum = summarise([
      s({ maker: 'right', confidence: 0.95, allRight: true }),
      s({ maker: 'wrong', confidence: 0.95, allRight: false }),
      s({ maker: 'wrong', confidence: 0.5, allRight: false }),
      s({ maker: 'unknown', confidence: 0.1 }),
      s({ date: 'wrong', confidence: 1, allRight: false }),
    ]);
    expect(sum.maker).toMatchObject({ total: 4, right: 1, wrong: 2, unknown: 1, accuracy: 0.25 });
    expect(sum.maker.precision).toBeCloseTo(1 / 3);
    expect(sum.confidentWrong).toEqual({ maker: 1, part: 0, date: 1, any: 2 });
  });

  it('puts each judged answer in its confidence bucket, 1.0 in the last, and leaves abstentions out', () => {
    const sum = summarise([
      s({ maker: 'right', confidence: 1, allRight: true }),
      s({ maker: 'wrong', confidence: 0.9, allRight: false }),
      s({ maker: 'right', confidence: 0.25, allRight: true }),
      s({ maker: 'unknown', confidence: 0.25, allRight: null }),
    ]);
    const last = sum.calibration.at(-1)!;
    expect([last.count, last.right, last.observed]).toEqual([2, 1, 0.5]);
    expect(sum.calibration[1]).toMatchObject({ from: 0.2, count: 1, observed: 1 });
  });
});

describe('noise', () => {
  it('swaps only confusable characters, at the rate asked, the same way every time', () => {
    const marking = 'PIC18F4550-I/PT / 0810017 SOB';
    expect(ocrNoise(marking, 0, rngFor(1, 'a'))).toBe(marking);
    expect(ocrNoise(marking, 1, rngFor(1, 'a'))).toBe('P1CIBF4SSO-1/PT / OBIOOI7 508');
    expect(ocrNoise(marking, 0.25, rngFor(7, 'a'))).toBe(ocrNoise(marking, 0.25, rngFor(7, 'a')));
    expect(ocrNoise(marking, 0.25, rngFor(7, 'a'))).not.toBe(marking);
  });

  it('damages the layout of a several-line marking without changing its characters', () => {
    const marking = 'TI 21A / AB7K LM2596S';
    const seen = new Set<string>();
    for (let seed = 0; seed < 30; seed++) {
      const { text, damage } = layoutNoise(marking, rngFor(seed, 'x'));
      seen.add(damage);
      expect(text).not.toBe(marking);
      expect(text.replace(/[\s/]/g, '')).toBe(marking.replace(/[\s/]/g, ''));
    }
    expect(seen).toEqual(new Set(['slash-no-spaces', 'run-together', 'spaces-dropped']));
  });

  it('presents a clean marking unchanged', () => {
    expect(presented({ ...item({}), marking: 'LM358 / 2041' }, 'clean', 1)).toBe('LM358 / 2041');
  });
});

describe('the engine’s answer', () => {
  it('takes the best reading’s maker with its owners, part number, first window and confidence', () => {
    const a = answerOf({
      confidence: 0.8, partNumber: 'LTC3588', dates: [{ from: '2023-01-02', to: '2023-01-08' }, { from: '2013-01-07', to: '2013-01-13' }],
      maker: { id: 'linear', name: 'Linear Technology', country: 'US', jep106: null,
        parent: { id: 'adi', name: 'Analog Devices', country: 'US', year: 2017 }, ultimateParent: null },
    } as never);
    expect(a).toEqual({ makerNames: ['Linear Technology', 'linear', 'Analog Devices'], partNumber: 'LTC3588', firstWindow: { from: '2023-01-02', to: '2023-01-08' }, confidence: 0.8 });
    expect(answerOf(undefined)).toEqual({ makerNames: [], partNumber: null, firstWindow: null, confidence: 0 });
  });
});

describe('the data file', () => {
  const items = loadItems(fileURLToPath(new URL('../../eval/markings/markings.jsonl', import.meta.url)));

  it('has unique ids and markings, a source for each item and truth to score', () => {
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(new Set(items.map((i) => i.marking)).size).toBe(items.length);
    for (const i of items) {
      expect(i.source.ref.length, i.id).toBeGreaterThan(5);
      expect(i.truth.maker !== null || i.truth.partNumber !== null || i.truth.date !== null, i.id).toBe(true);
      if (i.truth.date) expect(i.truth.date.from <= i.truth.date.to, i.id).toBe(true);
    }
  });

  it('keeps the frozen split: held-out items are exactly those the hash rule picks, less those the engine was built from', () => {
    for (const i of items.filter((x) => x.split === 'heldout' && x.untuned !== true)) {
      const h = Number.parseInt(createHash('sha256').update(i.marking, 'utf8').digest('hex').slice(0, 8), 16);
      expect(h % 5, i.id).toBe(0);
    }
  });

  it('keeps every untuned addition held out (they were frozen before the engine ever read them)', () => {
    const untuned = items.filter((x) => x.untuned === true);
    for (const i of untuned) expect(i.split, i.id).toBe('heldout');
  });
});
