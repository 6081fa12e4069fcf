import { describe, expect, it } from 'vitest';
import { extractClaims, type Candidate } from '../../src/claims/extract/index.js';

/** Mechanisms aimed at what failed on reports the extractor had never seen (issue 21, third round). Sentences written for the test. */
const figure = (cs: Candidate[], words: string) => cs.find((c) => c.figure?.text.includes(words));

describe('people counted by what happened to them', () => {
  it('counts casualties with the noun left out or not in the gazetteer', async () => {
    const text = 'The regional police said that three factory workers were killed in the strike. About 40 have been wounded, and the number of injured rose to 52 by the evening.';
    const cs = await extractClaims(text, { published: '2024-05-01' });
    expect(figure(cs, 'three')).toMatchObject({ quantity: 3, quantityKind: 'casualties' });
    expect(figure(cs, '40')).toMatchObject({ quantity: 40, quantityKind: 'casualties', quantityQualifier: 'about' });
    expect(figure(cs, '52')).toMatchObject({ quantity: 52, quantityKind: 'casualties' });
  });

  it('does not make casualties of a number with nothing harmed after it', async () => {
    const cs = await extractClaims('The Air Force said that 40 were launched and the number of drones rose to 52.', { published: '2024-05-01' });
    expect(cs.some((c) => c.quantityKind === 'casualties')).toBe(false);
  });
});

describe('a body acting as the subject, with no reporting verb', () => {
  it('makes the acting body the source of the figure, not the speaker of the sentence before', async () => {
    const text = 'The governor of the Odesa region said that the port had been hit overnight. Odesa region prosecutors have opened an investigation into the origin of four missiles used in the attack.';
    const cs = await extractClaims(text, { published: '2024-05-01' });
    expect(figure(cs, 'four missiles')).toMatchObject({ quantity: 4, speakerOrg: "Odesa Regional Prosecutor's Office" });
  });

  it('does not make a body of the attacking side, or a news outlet, the source', async () => {
    const text = 'The governor of the Odesa region said that the port had been hit overnight. The Russian Ministry of Defence launched four missiles at the port. Reuters published photos of three drones over the city.';
    const cs = await extractClaims(text, { published: '2024-05-01' });
    expect(figure(cs, 'four missiles')?.speakerOrg).not.toBe('Russian Ministry of Defence');
    expect(figure(cs, 'three drones')?.speakerOrg).not.toBe('Reuters');
  });
});

describe('a body named only by an official\'s role (the role → body map in roles.json)', () => {
  it('maps roles after a country to the body they speak for, through the gazetteer\'s names', async () => {
    const text = [
      "Ukraine's interior minister said that 12 drones were shot down over the capital.",
      'U.S. national security spokesman John Marsh said at least 20 missiles had been delivered.',
      "Ukraine's security council secretary Ivan Petrenko said 30 foreign components were found in the drone.",
    ].join('\n\n');
    const cs = await extractClaims(text, { published: '2024-05-01' });
    expect(figure(cs, '12 drones')?.speakerOrg).toBe('Ministry of Internal Affairs of Ukraine');
    expect(figure(cs, '20 missiles')).toMatchObject({ speaker: 'John Marsh', speakerOrg: 'National Security Council' });
    expect(figure(cs, '30 foreign components')?.speakerOrg).toBe('National Security and Defense Council of Ukraine');
  });
});

describe('a quotation with nobody named in it', () => {
  it('is the last named speaker\'s, also after a line of narration', async () => {
    const text = 'Air Force spokesman Ivan Koval said that 20 drones were shot down overnight.\nThe city was quiet in the morning after the attack.\n“Our air defence also destroyed 12 missiles over the city.”';
    const cs = await extractClaims(text, { published: '2024-05-01' });
    expect(figure(cs, '12 missiles')).toMatchObject({ speaker: 'Ivan Koval', speakerOrg: 'Ukrainian Air Force' });
  });

  it('is nobody\'s when nobody was named before it', async () => {
    const cs = await extractClaims('The city was quiet in the morning after the attack.\n“Our air defence also destroyed 12 missiles over the city.”', { published: '2024-05-01' });
    expect(figure(cs, '12 missiles')?.speakerOrg).toBeNull();
  });
});

describe('an official\'s role next to the name, with no country in the sentence', () => {
  it('names the role\'s body in the country whose officials the report named before', async () => {
    const text = 'Ukrainian officials said the strike on the city was the heaviest this month.\nPresidential aide Ivan Koval said that 12 missiles were of North Korean make.\nThe strike used 3 cruise missiles as well, said Petro Marchenko, a military intelligence spokesman.';
    const cs = await extractClaims(text, { published: '2024-05-01' });
    expect(figure(cs, '12 missiles')).toMatchObject({ speaker: 'Ivan Koval', speakerOrg: 'Office of the President of Ukraine' });
    expect(figure(cs, '3 cruise missiles')).toMatchObject({ speaker: 'Petro Marchenko', speakerOrg: 'Main Intelligence Directorate of Ukraine' });
  });

  it('leaves the body unknown when the report has named no country\'s officials', async () => {
    const cs = await extractClaims('Presidential aide Ivan Koval said that 12 missiles were of North Korean make.', { published: '2024-05-01' });
    expect(figure(cs, '12 missiles')?.speakerOrg).not.toBe('Office of the President of Ukraine');
  });
});

describe('statements about arms in general', () => {
  it('proposes an attributed statement about arms supply, not only about named kinds of weapon', async () => {
    const cs = await extractClaims('According to Ukrainian military intelligence chief Ivan Koval, Iran remains the main supplier of weapons to Russia.', { published: '2024-05-01' });
    expect(cs.find((c) => c.kind === 'statement')).toMatchObject({ speakerOrg: 'Main Intelligence Directorate of Ukraine' });
  });
});
