import { describe, expect, it } from 'vitest';
import { MatchIndex, type IndexEntityInput } from '../../src/screening/match-index.js';
import { consonantKey, splitCompounds } from '../../src/screening/arabic.js';
import type { NameKind } from '../../src/screening/types.js';

/** Score of `query` against one listed entity with these names (the first primary, the rest aliases). */
function score(query: string, names: string[], schema = 'Person', kinds?: NameKind[], countries: { q?: string[]; l?: string[] } = {}): number {
  const index = MatchIndex.from([
    {
      key: 1, listId: 1, reference: 'x', schema, countries: countries.l ?? [], identifiers: [],
      names: names.map((value, i) => ({ value, kind: kinds?.[i] ?? (i === 0 ? 'primary' : 'alias') })),
    },
  ]);
  return index.scoreEntity(0, { schema, names: [query], countries: countries.q ?? [] })?.result.score ?? 0;
}

describe('Arabic compound names (issue 20)', () => {
  it('splits -uddin and -ullah compounds into their first part and one canonical second part, not Abd Allah', () => {
    expect(splitCompounds(['sirajuddin', 'jallaloudine', 'haqqani'])).toEqual(['siraj', 'uddin', 'jallal', 'uddin', 'haqqani']);
    expect(splitCompounds(['siraj', 'al', 'din', 'haqqani'])).toEqual(['siraj', 'uddin', 'haqqani']);
    expect(splitCompounds(['hibatullah'])).toEqual(['hibat', 'ullah']);
    expect(splitCompounds(['abdullah'])).toEqual(['abdullah']);
    expect(splitCompounds(['kim', 'jong', 'un'])).toEqual(['kim', 'jong', 'un']);
  });

  it('matches Siraj with Sirajuddin and with سراج الدین, and keeps a different first part apart', () => {
    expect(score('Siraj Haqqani', ['Sirajuddin Haqqani'])).toBeGreaterThanOrEqual(0.8);
    expect(score('Siraj Haqqani', ['سراج الدین حقانی'])).toBeGreaterThanOrEqual(0.8);
    expect(score('Siraj ud-Din Haqqani', ['Sirajuddin Haqqani'])).toBeGreaterThanOrEqual(0.9);
    expect(score('Jalaluddin Haqqani', ['Sirajuddin Haqqani'])).toBeLessThan(0.8);
  });

  it('reads a final -ah/-eh as the vowel it writes (Jamileh = Jamila)', () => {
    expect(consonantKey('jamileh')).toBe(consonantKey('jameela'));
    expect(consonantKey('hamzah')).toBe(consonantKey('hamza'));
    expect(consonantKey('haqqani')).toBe('hkn');
    expect(score('Jamileh Abdullah AL-SHANTI', ['Jameela Abdallah EL-SHANTI'])).toBeGreaterThanOrEqual(0.8);
  });
});

describe('Korean surname 백 (issue 20)', () => {
  it('is one surname as Baek, Paek, Paik and in Hangul, and not 박 Pak', () => {
    expect(score('PAEK CHANG-HO', ['백창호'])).toBeGreaterThanOrEqual(0.9);
    expect(score('Baek Chang-ho', ['Paik Chang Ho'])).toBeGreaterThanOrEqual(0.9);
    expect(score('Pak Chang-ho', ['백창호'])).toBeLessThan(0.8);
  });
});

describe('Han names read syllable by syllable', () => {
  it('does not merge the surname into the given name when the query has it on its own', () => {
    expect(score('WU Weihua', ['武维华'])).toBeGreaterThanOrEqual(0.9);
  });
});

describe('acronyms (issue 20)', () => {
  const cnooc = ['China National Offshore Oil Corporation', 'CNOOC'];

  it('matches a full name against an acronym the entry itself lists, at the threshold; a shared country adds, another country takes it below', () => {
    expect(score('China National Offshore Oil Corporation', ['CNOOC'], 'Organization', ['alias'])).toBeCloseTo(0.8, 5);
    expect(score('China National Offshore Oil Corporation', ['CNOOC'], 'Organization', ['alias'], { q: ['cn'], l: ['cn'] })).toBeGreaterThan(0.8);
    expect(score('China National Offshore Oil Corporation', ['CNOOC'], 'Organization', ['alias'], { q: ['kp'], l: ['cn'] })).toBeLessThan(0.8);
  });

  it('leaves an acronym in the query at 0.7 against full names (KKBC spells two banks)', () => {
    expect(score('KKBC', ['Korea Kwangson Banking Corporation'], 'Organization')).toBeCloseTo(0.7, 5);
    expect(score('KKBC', ['Korea Kwangmyong Banking Corporation'], 'Organization')).toBeCloseTo(0.7, 5);
  });

  it('finds the listed acronym through the index although it shares no word with the query', () => {
    const entities: IndexEntityInput[] = [
      { key: 1, listId: 1, reference: 'cnooc', schema: 'Organization', countries: ['cn'], identifiers: [], names: [{ value: 'Zhongguo Haiyang Shiyou', kind: 'primary' }, { value: 'CNOOC', kind: 'alias' }] },
      { key: 2, listId: 1, reference: 'smic', schema: 'Organization', countries: ['cn'], identifiers: [], names: [{ value: 'Zhongxin Guoji', kind: 'primary' }, { value: 'SMIC', kind: 'alias' }] },
      { key: 3, listId: 1, reference: 'other', schema: 'Organization', countries: ['cn'], identifiers: [], names: [{ value: 'China National Oil Trading', kind: 'primary' }] },
    ];
    const index = MatchIndex.from(entities);
    const hits = index.match({ schema: 'Company', names: ['Semiconductor Manufacturing International Corporation'], countries: ['cn'] }, { cutoff: 0.8 });
    expect(hits.map((h) => h.reference)).toEqual(['smic']);
    expect(index.match({ schema: 'Company', names: [cnooc[0]!] }, { cutoff: 0.8 }).map((h) => h.reference)).toEqual(['cnooc']);
  });
});

describe('Chinese company names (issue 20)', () => {
  it('weighs the registration place before the trade name like a particle in names of three words or more', () => {
    expect(score('Dahua Technology', ['Zhejiang Dahua Technology Co., Ltd.'], 'Organization')).toBeGreaterThanOrEqual(0.8);
    expect(score('Dandong Hongxiang Trading', ['Dandong Zhicheng Trading'], 'Organization')).toBeLessThan(0.8);
    expect(score('Shenzhen Technology', ['Beijing Technology'], 'Organization')).toBeLessThan(0.8);
  });
});
