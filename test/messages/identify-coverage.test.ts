import { describe, expect, it } from 'vitest';
import { identify } from '../../src/markings/identify.js';
import { recognise, translateText } from '../../src/messages/index.js';
import { goldenCases } from '../markings/golden.js';

/**
 * Every sentence the identification engine says on the golden corpus (13,871 markings and
 * contexts) has a line template, so its Ukrainian exists: a new English reasoning or warning line
 * fails here until it is catalogued in src/messages/locales/{en,uk}/identify.json. The engine is
 * run live, not read from the recording, so a line added to the engine today is caught today.
 */
describe('identification reasoning templates', () => {
  const lines = new Set<string>();
  const notes = new Set<string>();
  const reasons = new Set<string>();
  for (const c of goldenCases()) {
    const result = identify(c.marking, c.ctx);
    for (const w of result.warnings) lines.add(w.message);
    for (const r of result.readings) {
      for (const l of r.reasoning) lines.add(l);
      for (const w of r.warnings) lines.add(w.message);
      for (const d of r.dates) for (const part of d.note.split('; ')) notes.add(part);
      for (const d of r.rejectedDates) reasons.add(d.reason);
    }
  }

  it('recognises every reasoning and warning line', () => {
    const missing = [...lines].filter((l) => !recognise(l));
    expect(lines.size).toBeGreaterThan(1000);
    expect(missing.slice(0, 20), `${missing.length} of ${lines.size} lines have no template`).toEqual([]);
  });

  it('recognises every part of every date-code note and every set-aside reason', () => {
    const missing = [...notes, ...reasons].filter((n) => !/^\d{4}(-\d{2})?$/.test(n) && !recognise(n));
    expect(missing.slice(0, 20), `${missing.length} fragments have no template`).toEqual([]);
  });

  it('renders every line in Ukrainian with no placeholder left over', () => {
    for (const l of lines) {
      const uk = translateText('uk', l);
      expect(uk, l).not.toMatch(/\{\{|\}\}/);
      // A line made only of data (names, codes) may read the same; one with English words may not.
      if (/\b(the|is|by|and|read|from|prefix)\b/.test(l.replace(/\([^)]*\)/g, ''))) expect(uk, l).not.toBe(l);
    }
  });

  it('translates the classification from the reference data (HS rules and CHPL tiers), not only its frame', () => {
    const classification = [...lines].filter((l) => l.startsWith('Classification: '));
    expect(classification.length).toBeGreaterThan(10);
    for (const l of classification) {
      // Two English words in a row would be untranslated prose; the list's own name is a proper name.
      expect(translateText('uk', l).replace('Common High Priority List', ''), l).not.toMatch(/\b[A-Za-z]{3,} [a-z]{3,}\b/);
    }
  });

  it('fails on a sentence nobody catalogued', () => {
    expect(recognise('Part family decided by tea leaves.')).toBeNull();
    expect(translateText('uk', 'Part family decided by tea leaves.')).toBe('Part family decided by tea leaves.');
  });

  it('translates the parts of a line, from the date convention notes to the owner', () => {
    expect(translateText('uk', 'Date code 1838160: 2018, week 38 (week 01 holds 1 January) → 2018-09-16…2018-09-23 (microchip-yywwnnn, 1).'))
      .toBe('Код дати 1838160: 2018, тиждень 38 (тиждень 01 містить 1 січня) → 2018-09-16…2018-09-23 (microchip-yywwnnn, 1).');
    expect(translateText('uk', 'International Rectifier: headquarters US; acquired by Infineon Technologies in 2015.'))
      .toBe('International Rectifier: штаб-квартира — US; придбано компанією Infineon Technologies у 2015.');
    expect(translateText('uk', '2BH: 3 readings would predate the introduction of LM358 (1999) and are set aside'))
      .toBe('2BH: 3 прочитання передували б появі LM358 (1999), тож їх відкинуто');
    expect(translateText('uk', '2BH: 5 readings would predate the introduction of LM358 (1999) and are set aside'))
      .toBe('2BH: 5 прочитань передували б появі LM358 (1999), тож їх відкинуто');
    expect(translateText('en', 'Lines read: "LM358".')).toBe('Lines read: "LM358".');
  });
});
