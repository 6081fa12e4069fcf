import { describe, expect, it } from 'vitest';
import { MatchIndex } from '../../src/screening/match-index.js';
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
  // Tried: an acronym the entry lists as an alias at 0.8 against a full name
  // with its initials, found through the index by the query's initials. On
  // 1,000,000 synthetic entities 41% of unlisted three-word names then
  // matched some listed acronym, so initials alone stay below the threshold
  // in both directions.
  it('scores initials 0.7 in either direction, below the threshold, whether or not the list gives the acronym as an alias', () => {
    expect(score('China National Offshore Oil Corporation', ['CNOOC'], 'Organization', ['alias'])).toBeCloseTo(0.7, 5);
    expect(score('KKBC', ['Korea Kwangson Banking Corporation'], 'Organization')).toBeCloseTo(0.7, 5);
    expect(score('KKBC', ['Korea Kwangmyong Banking Corporation'], 'Organization')).toBeCloseTo(0.7, 5);
  });
});

describe('Chinese company names (issue 20)', () => {
  it('weighs the registration place before the trade name like a particle in names of three words or more', () => {
    expect(score('Dahua Technology', ['Zhejiang Dahua Technology Co., Ltd.'], 'Organization')).toBeGreaterThanOrEqual(0.8);
    expect(score('Dandong Hongxiang Trading', ['Dandong Zhicheng Trading'], 'Organization')).toBeLessThan(0.8);
    expect(score('Shenzhen Technology', ['Beijing Technology'], 'Organization')).toBeLessThan(0.8);
  });
});
