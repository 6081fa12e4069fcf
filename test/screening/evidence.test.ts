import { describe, expect, it } from 'vitest';
import { classifyIdentifier, compareIdentifiers, validImo, validInn, validIsin, validLei, validOgrn } from '../../src/screening/identifiers.js';
import { compareBirthDates, compareDates, parseListDate, parsePartialDate } from '../../src/screening/dates.js';
import { parseRemarks } from '../../src/screening/parsers/ofac.js';
import { MatchIndex } from '../../src/screening/match-index.js';
import { normaliseIdentifier } from '../../src/screening/normalise.js';

describe('identifier check digits', () => {
  it('accepts real numbers and refuses one changed digit', () => {
    // UN 1718 vessel CHON MYONG 1; Sberbank's INN, OGRN, LEI and ordinary-share ISIN.
    expect(validImo('8712362')).toBe(true);
    expect(validImo('8712363')).toBe(false);
    expect(validInn('7707083893')).toBe(true);
    expect(validInn('7707083894')).toBe(false);
    expect(validOgrn('1027700132195')).toBe(true);
    expect(validOgrn('1027700132196')).toBe(false);
    expect(validLei('549300WE6TAF5EEWQS81')).toBe(true);
    expect(validLei('549300WE6TAF5EEWQS82')).toBe(false);
    expect(validIsin('RU0009029540')).toBe(true);
    expect(validIsin('RU0009029541')).toBe(false);
  });

  it('classifies by shape and check, BIC branches by their first eight', () => {
    expect(classifyIdentifier(normaliseIdentifier('IMO 8712362'))).toEqual({ kind: 'imo', key: '8712362' });
    expect(classifyIdentifier('SABRRUMMXXX')).toEqual({ kind: 'bic', key: 'SABRRUMM' });
    expect(classifyIdentifier('8712363')).toBeNull();
  });

  it('a different number of a unique kind contradicts; a different ISIN never does', () => {
    expect(compareIdentifiers(['8712362'], ['7389704']).conflicts).toEqual([{ kind: 'imo', query: '8712362', listed: '7389704' }]);
    expect(compareIdentifiers(['RU000A0J2Q06'], ['RU0009029540']).conflicts).toEqual([]);
    expect(compareIdentifiers(['SABRRUMM'], ['SABRRUMMXXX']).shared).toBe('SABRRUMM');
    // A number failing its check digit is not trusted to contradict.
    expect(compareIdentifiers(['8712363'], ['7389704']).conflicts).toEqual([]);
  });
});

describe('birth dates', () => {
  it('agree to the precision both give', () => {
    expect(parsePartialDate('1957-05-13T00:00:00')).toBe('1957-05-13');
    expect(parsePartialDate('1957-13-01')).toBe('1957');
    expect(compareDates('1957', '1957-05-13')).toBe('agree');
    expect(compareDates('1957-06', '1957-05-13')).toBe('near');
    expect(compareDates('1958-05-13', '1957-05-13')).toBe('near');
    expect(compareDates('1966-05-13', '1957-05-13')).toBe('differ');
    expect(compareBirthDates(['1966'], ['1957-05-13', '1966-01-01']).agreement).toBe('agree');
    expect(compareBirthDates([], ['1957']).agreement).toBeNull();
  });
});

describe('birth dates as lists write them', () => {
  it.each([
    ['1944-10-13', '1944-10-13'],
    ['13 Oct 1944', '1944-10-13'],
    ['3 October 1944', '1944-10-03'],
    ['Oct 1944', '1944-10'],
    ['circa 1944', '1944'],
    ['1944', '1944'],
    ['unknown', null],
    ['13 Foo 1944', null],
  ])('%s → %s', (text, iso) => expect(parseListDate(text)).toBe(iso));

  it('OFAC remarks give DOB, alternatives and short ranges', () => {
    expect(parseRemarks('DOB 12 Oct 1954; alt. DOB 1955; nationality Korea, North.').birthDates).toEqual(['1954-10-12', '1955']);
    expect(parseRemarks('DOB 1960 to 1962; Passport 123.').birthDates).toEqual(['1960', '1961', '1962']);
  });
});

describe('evidence beyond the name in scores and explanations', () => {
  const index = MatchIndex.from([
    { key: 1, listId: 1, reference: 'KPi.024', schema: 'Person', countries: ['kp'], identifiers: [], birthDates: ['1946'], names: [{ value: 'KIM YONG CHOL', kind: 'primary' }] },
    { key: 2, listId: 1, reference: 'CHON MYONG 1', schema: 'Vessel', countries: ['kp'], identifiers: ['IMO 8712362'], names: [{ value: 'CHON MYONG 1', kind: 'primary' }] },
  ]);

  it('a birth date agreeing lifts, one a decade away vetoes, and each says so', () => {
    const [same] = index.match({ names: ['Kim Yong Chol'], schema: 'Person', birthDates: ['1946-02-18'] }, { explain: true });
    expect(same!.features?.birth_date_match).toBe(1);
    expect(same!.explanations?.birth_date_match?.contribution).toBe(0.05);
    const other = index.scoreEntity(index.findByKey(1), { names: ['Kim Yong Chol'], schema: 'Person', birthDates: ['1962'] });
    expect(other!.result.score).toBe(0.5);
    expect(other!.result.match).toBe(false);
    expect(other!.explanations?.birth_date_mismatch?.detail).toMatch(/1962 vs listed 1946.*another person/);
  });

  it('another IMO number vetoes the same vessel name', () => {
    const other = index.scoreEntity(index.findByKey(2), { names: ['Chon Myong 1'], schema: 'Vessel', identifiers: ['IMO 7389704'] });
    expect(other!.result.match).toBe(false);
    expect(other!.explanations?.identifier_mismatch?.detail).toMatch(/IMO 7389704 vs listed 8712362/);
    const same = index.scoreEntity(index.findByKey(2), { names: ['Chon Myong 1'], schema: 'Vessel', identifiers: ['8712362'] });
    expect(same!.result.match).toBe(true);
  });
});

describe('acronyms against full names', async () => {
  const { compareNames } = await import('../../src/screening/score.js');
  const { normaliseName } = await import('../../src/screening/normalise.js');
  const prep = (value: string) => {
    const n = normaliseName(value);
    return { value, kind: 'primary' as const, tokens: n.tokens, keys: n.keys, weights: n.tokens.map(() => 1) };
  };
  it('spelt by the initials: a near miss (0.7) that says why, never a match alone', () => {
    const cmp = compareNames(prep('CNOOC'), prep('China National Offshore Oil Corporation'), true);
    expect(cmp.score).toBe(0.7);
    expect(cmp.pairs[0]!.how).toBe('acronym');
    // Lower-case words are words, not acronyms.
    expect(compareNames(prep('Cnooc'), prep('China National Offshore Oil Corporation')).score).toBe(0);
  });
});
