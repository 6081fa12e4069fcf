import { describe, expect, it } from 'vitest';
import { bodiesIn, bodyName } from '../../src/claims/extract/bodies.js';
import { ORGANISATIONS } from '../../src/claims/extract/lexicon.js';
import { extractClaims } from '../../src/claims/extract/index.js';

// Sentences written for these tests (not from the evaluation set): bodies the gazetteer does not list.
const bodies = (s: string) => bodiesIn(s, ORGANISATIONS.all(s)).map((h) => h.canonical);

describe('organisations recognised by the shape of their names', () => {
  it('reads a capitalised name with a body word, joiners included, without the article', () => {
    expect(bodies('The figures were published by the State Emergency Service of Ukraine on Monday.')).toEqual(['State Emergency Service of Ukraine']);
    expect(bodies('According to the National Anti-Corruption Bureau, the parts came through Armenia.')).toEqual(['National Anti-Corruption Bureau']);
  });

  it('ends the name at its body word when a title and a person follow', () => {
    expect(bodies('Foreign Intelligence Service Director Oleh Ivashchenko said 12 launches were recorded.')).toEqual(['Foreign Intelligence Service']);
  });

  it('does not run a name into a day of the week, and marks news agencies as outlets', () => {
    const s = 'The Lithuanian News Agency on Friday quoted the figures.';
    expect(bodiesIn(s, [])).toMatchObject([{ canonical: 'Lithuanian News Agency', kind: 'media' }]);
  });

  it('folds a known body written another way to the gazetteer name', () => {
    expect(bodies("Ukraine's Security Service said two drones fell.")).toEqual(['Security Service of Ukraine']);
  });

  it('reads collective bodies after a demonym or a possessive: the gazetteer body when it knows one, else the country', () => {
    expect(bodies("Ukraine's army said 40 drones were shot down.")).toEqual(['Armed Forces of Ukraine']);
    expect(bodies("Russia's military denied it.")).toEqual(['Russian Armed Forces']);
    expect(bodies('Polish authorities said a drone crossed the border.')).toEqual([]); // no Polish demonym: nothing claimed
    expect(bodies('German officials said 3 parts were German.')).toEqual(['Germany']);
  });

  it('tells a publishing body from a news outlet', () => {
    expect(bodyName('Ukrainian Air Force')).toMatchObject({ canonical: 'Ukrainian Air Force', kind: 'military' });
    expect(bodyName('State Emergency Service of Ukraine')).toMatchObject({ kind: 'body' });
    expect(bodyName('Reuters')).toMatchObject({ kind: 'media' });
    expect(bodyName('Svidomi')).toBeNull();
  });
});

describe('speaker organisation from bodies the gazetteer does not know', () => {
  it('attributes "according to" and "X said" to the body named', async () => {
    const text = 'Investigators found 14 foreign components in the drone, according to the National Anti-Corruption Bureau. '
      + 'The State Emergency Service of Ukraine said 12 missiles hit the region.';
    const cs = await extractClaims(text, { published: '2025-03-01' });
    expect(cs.find((c) => c.quantity === 14)?.speakerOrg).toBe('National Anti-Corruption Bureau');
    expect(cs.find((c) => c.quantity === 12)?.speakerOrg).toBe('State Emergency Service of Ukraine');
  });

  it('gives a body publishing its own statement the figures nobody else is named for, and an outlet none', async () => {
    const text = 'Overnight, 12 Shahed drones were launched at Odesa Oblast.';
    const own = await extractClaims(text, { published: '2025-03-01', publisher: 'Ukrainian Air Force' });
    expect(own[0]).toMatchObject({ quantity: 12, speakerOrg: 'Ukrainian Air Force' });
    expect(own[0]!.notes).toContain("said by the report's publisher");
    const relayed = await extractClaims(text, { published: '2025-03-01', publisher: 'Reuters' });
    expect(relayed[0]).toMatchObject({ quantity: 12, speakerOrg: null });
  });
});

describe('officials, unnamed sources and lists of places', () => {
  it('gives an official the body their role names, for their country', async () => {
    const cs = await extractClaims("Denmark's Foreign Minister Lars Holm said 12 components in the drone were Danish-made.", { published: '2025-03-01' });
    expect(cs[0]).toMatchObject({ quantity: 12, speaker: 'Lars Holm', speakerOrg: 'Ministry of Foreign Affairs of Denmark' });
    const us = await extractClaims('U.S. Secretary of State Jane Roe said Washington is sanctioning four companies over the missiles.', { published: '2025-03-01' });
    expect(us[0]).toMatchObject({ quantity: 4, speakerOrg: 'US State Department' });
  });

  it('does not hand a figure an unnamed source gives to the speaker of the sentence before', async () => {
    const text = 'The Ukrainian Air Force said 40 drones were shot down. Western intelligence believes about 300 missiles were delivered.';
    const cs = await extractClaims(text, { published: '2025-03-01' });
    expect(cs.find((c) => c.quantity === 40)?.speakerOrg).toBe('Ukrainian Air Force');
    expect(cs.find((c) => c.quantity === 300)?.speakerOrg).toBeNull();
  });

  it('reads "all 14 enemy drones" and names no one place for a list of regions', async () => {
    const cs = await extractClaims('The air force said all 14 enemy drones were shot down over Mykolaiv, Kherson and Poltava regions.', { published: '2025-03-01' });
    expect(cs[0]).toMatchObject({ quantity: 14, quantityKind: 'drones', place: null });
  });
});

describe('regions, capitals and "according to"', () => {
  it('names a region\'s bodies through the region: governor, prosecutors, police', async () => {
    const gov = await extractClaims('The governor of the northeastern region of Poltava said that two missiles were not Russian-made.', { published: '2025-03-01' });
    expect(gov[0]).toMatchObject({ quantity: 2, speakerOrg: 'Poltava Regional Military Administration' });
    const pros = await extractClaims('Odesa region prosecutors said four drones hit the port.', { published: '2025-03-01' });
    expect(pros[0]).toMatchObject({ quantity: 4, speakerOrg: "Odesa Regional Prosecutor's Office" });
  });

  it('reads a capital as its government and not as the place of the claim', async () => {
    const cs = await extractClaims('Russia fired six missiles from the north, a senior Kyiv official said.', { published: '2025-03-01' });
    expect(cs[0]).toMatchObject({ quantity: 6, speakerOrg: 'Ukraine', place: null });
  });

  it('lets a quoted person speak before a country "according to" names, and takes the first of two countries', async () => {
    const wood = await extractClaims('Ambassador Robert Wood stated that according to American data, Russia used at least nine missiles.', { published: '2025-03-01' });
    expect(wood[0]).toMatchObject({ quantity: 9, speaker: 'Robert Wood' });
    const two = await extractClaims('More than 10,000 troops have been deployed, according to US and South Korean officials.', { published: '2025-03-01' });
    expect(two[0]).toMatchObject({ quantity: 10000, speakerOrg: 'United States' });
  });
});

describe('attribution from the sentence after, and a body named again in short', () => {
  it('makes a fact nobody was named for a statement of whoever "this was reported by" names', async () => {
    const text = 'Fragments of a Kh-101 missile were found at the hospital. This was reported by the National Guard of Ukraine.';
    const cs = await extractClaims(text, { published: '2025-03-01' });
    expect(cs).toMatchObject([{ kind: 'statement', weapon: 'Kh-101', speakerOrg: 'National Guard of Ukraine', notes: expect.arrayContaining(['attributed from the sentence after']) }]);
    // Without the attributing sentence nothing is proposed.
    expect(await extractClaims('Fragments of a Kh-101 missile were found at the hospital.', { published: '2025-03-01' })).toEqual([]);
  });

  it('reads "the National Guard added" as the body named in full before, and counts children', async () => {
    const text = 'The National Guard of Ukraine said drones struck the base. The National Guard added that three children were wounded.';
    const cs = await extractClaims(text, { published: '2025-03-01' });
    expect(cs.find((c) => c.quantity === 3)).toMatchObject({ quantityKind: 'casualties', speakerOrg: 'National Guard of Ukraine' });
  });
});
