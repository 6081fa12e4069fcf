import { describe, expect, it } from 'vitest';
import { MatchIndex, type IndexEntityInput } from '../../src/screening/match-index.js';
import { compareNames, tokenSimilarity, DEFAULT_SCORING } from '../../src/screening/score.js';
import { normaliseName } from '../../src/screening/normalise.js';
import { syntheticList, syntheticQueries } from '../../src/screening/synthetic.js';

const entities: IndexEntityInput[] = [
  {
    key: 1, listId: 1, reference: 'KPe.001', schema: 'Organization', countries: ['kp'], identifiers: [],
    names: [
      { value: 'Korea Mining Development Trading Corporation (KOMID)', kind: 'primary' },
      { value: 'Changgwang Sinyong Corporation', kind: 'alias' },
    ],
  },
  {
    key: 2, listId: 1, reference: 'KPe.004', schema: 'Organization', countries: ['kp'], identifiers: [],
    names: [{ value: 'Namchongang Trading Corporation', kind: 'primary' }, { value: 'Nam Chon Gang Corporation', kind: 'alias' }],
  },
  { key: 3, listId: 1, reference: 'KPi.002', schema: 'Person', countries: ['kp'], identifiers: ['PD 472 310 099'], names: [{ value: 'Ri Je-son', kind: 'primary' }] },
  { key: 4, listId: 2, reference: 'V-1', schema: 'Vessel', countries: ['kp'], identifiers: ['IMO 8712362'], names: [{ value: 'Chon Myong 1', kind: 'primary' }] },
  { key: 5, listId: 1, reference: 'KPe.010', schema: 'Organization', countries: ['kp'], identifiers: [], names: [{ value: 'Green Pine Associated Corporation', kind: 'primary' }, { value: "Saeingp'il Company", kind: 'weak' }] },
];
const index = MatchIndex.from(entities);

describe('token similarity', () => {
  const sim = (a: string, b: string) => {
    const x = normaliseName(a);
    const y = normaliseName(b);
    return tokenSimilarity(x.tokens[0]!, x.keys[0]!, y.tokens[0]!, y.keys[0]!);
  };
  it('is 1 only for the same canonical word', () => {
    expect(sim('Pyeongyang', "P'yŏngyang")).toBe(1);
    expect(sim('Hyoksin', 'Hyuksin')).toBe(0.9);
    expect(sim('Minning', 'Mining')).toBeGreaterThan(0.85);
    expect(sim('Minning', 'Mining')).toBeLessThan(1);
  });
  it('keeps one-syllable and one-letter differences apart where they change the name', () => {
    expect(sim('chol', 'chon')).toBe(0);
    expect(sim('ho', 'hwa')).toBe(0);
    expect(sim('Western', 'Eastern')).toBe(0);
    expect(sim('Xinghua', 'Xinghe')).toBe(0);
    expect(tokenSimilarity('39', '39', '38', '38')).toBe(0);
  });
});

describe('compareNames', () => {
  const prep = (value: string) => ({ value, kind: 'primary' as const, ...normaliseName(value), weights: normaliseName(value).tokens.map(() => 1) });
  it('ignores token order and legal forms, merges split words', () => {
    expect(compareNames(prep('Trading Corporation Tangun Korea'), prep('Korea Tangun Trading Co., Ltd.')).score).toBe(1);
    expect(compareNames(prep('Nam Chon Gang Trading'), prep('Namchongang Trading')).score).toBe(1);
  });
  it('meets a shorter link of an Arabic name chain that starts with the same given name, not a father\'s chain inside his child\'s', () => {
    expect(compareNames(prep('Hamza bin Laden'), prep('Hamza Osama Muhammad bin Laden')).score).toBeGreaterThanOrEqual(0.85);
    expect(compareNames(prep('Masood Azhar'), prep('Mohammad Masood Azhar Alvi')).score).toBeGreaterThanOrEqual(0.85);
    // Outside the Arabic tradition the F1 keeps a two-word name below the threshold against a four-word one.
    expect(compareNames(prep('Peter Smith'), prep('Peter Paul Smith Jones')).score).toBeLessThan(0.8);
    // The child's chain contains the father's but starts elsewhere: no chain score, and the
    // child's given name left unmet keeps the person rule's discount (scoreSubject).
    for (const [father, child] of [['Muammar Mohammed Abu Minyar Qadhafi', 'Aisha Muammar Muhammed Abu Minyar Qadhafi'], ['Saddam Hussein al-Tikriti', 'Qusai Saddam Hussein al-Tikriti']] as const) {
      const c = compareNames(prep(father), prep(child));
      expect(c.leadUnmatched).toBe(true);
      expect(c.score).toBeLessThan(0.9);
    }
  });
  it('weighs generic company words like particles', () => {
    expect(compareNames(prep('China Telecom Group'), prep('China Telecom Corporation')).score).toBeGreaterThan(0.9);
    expect(compareNames(prep('Kalashnikov Concern JSC'), prep('Kalashnikov')).score).toBeGreaterThan(0.9);
  });
  it('reports which word met which', () => {
    const c = compareNames(prep('Korea Ryongbong General'), prep('Korea Ryonbong General'), true);
    expect(c.pairs).toContainEqual(expect.objectContaining({ query: 'ryongbong', listed: 'ryonbong', how: 'spelling' }));
  });
});

describe('index matching and explanations', () => {
  it('finds a legal-form and transliteration variant, explaining the features', () => {
    const [hit] = index.match({ names: ['KOREA MINING DEVELOPMENT TRADING CO., LTD'], schema: 'Company', countries: ['kp'] }, { explain: true });
    expect(hit!.reference).toBe('KPe.001');
    expect(hit!.result.score).toBe(1);
    expect(hit!.result.match).toBe(true);
    expect(hit!.features).toMatchObject({ name_match: 1, country_match: 1 });
    expect(hit!.explanations!.name_match!.detail).toContain('Korea Mining Development Trading Corporation');
    expect(hit!.explanations!.country_match!.contribution).toBe(DEFAULT_SCORING.countryMatchBonus);
  });

  it('finds an alias, including the acronym split from the listed name', () => {
    const [hit] = index.match({ names: ['Komid'] }, { explain: true });
    expect(hit!.reference).toBe('KPe.001');
    expect(hit!.features).toHaveProperty('alias_match', 1);
  });

  it('discounts weak aliases', () => {
    const [hit] = index.match({ names: ['Saeingpil Company'] }, { explain: true });
    expect(hit!.result.score).toBeCloseTo(0.9, 3);
    expect(hit!.explanations!.alias_match!.detail).toContain('weak alias');
  });

  it('penalises a country mismatch and a schema conflict, and says so', () => {
    const [other] = index.match({ names: ['Namchongang Trading'], countries: ['cn'] }, { explain: true });
    expect(other!.result.score).toBeCloseTo(0.9, 3);
    expect(other!.features).toHaveProperty('country_mismatch', 1);
    const person = index.match({ names: ['Namchongang Trading'], schema: 'Person' }, { explain: true, cutoff: 0 });
    expect(person[0]!.features).toHaveProperty('schema_mismatch', 1);
    expect(person[0]!.result.match).toBe(false);
  });

  it('lets a shared identifier carry a weak name match', () => {
    const [hit] = index.match({ names: ['Unknown Tanker'], schema: 'Vessel', identifiers: ['8712362'] }, { explain: true, cutoff: 0.5 });
    expect(hit!.reference).toBe('V-1');
    expect(hit!.result.score).toBeGreaterThanOrEqual(0.95);
    expect(hit!.explanations!.identifier_match!.detail).toContain('8712362');
  });

  it('returns nothing above the cutoff for unrelated names, and honours list filters', () => {
    expect(index.match({ names: ['Siemens AG'] }, { cutoff: 0.5 })).toEqual([]);
    expect(index.match({ names: ['Chon Myong 1'] }, { listIds: [1] })).toEqual([]);
  });
});

describe('synthetic list', () => {
  it('is deterministic and finds perturbed listed names', () => {
    const list = syntheticList({ entities: 3000, seed: 1 });
    const again = syntheticList({ entities: 3000, seed: 1 });
    expect(list.nameOf(1234)).toBe(again.nameOf(1234));
    const idx = MatchIndex.from(list.entities());
    const queries = syntheticQueries(list, 200, 3000, 3).filter((q) => q.truth !== null);
    const found = queries.filter((q) => idx.match(q, { cutoff: 0.5, limit: 10 }).some((h) => h.key === q.truth)).length;
    // Not every perturbation keeps a name recognisable (a dropped letter in a
    // one-syllable given name makes it another name); most do.
    expect(found / queries.length).toBeGreaterThan(0.9);
  });
});
