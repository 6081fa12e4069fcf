import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractClaims, loadNlp, numberValue, readPlainText, resolveDate, type Candidate } from '../../src/claims/extract/index.js';

const reports = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'eval', 'claims', 'reports');
const seed = (id: string) => readPlainText(readFileSync(path.join(reports, `${id}.txt`), 'utf8')).text;
const figure = (cs: Candidate[], words: string) => cs.find((c) => c.figure?.text.includes(words));

describe('candidate claims from a seed report (US at the Security Council, February 2024)', () => {
  const text = seed('seed-003-us-nine-launches');

  it('reads "at least nine occasions" as Wood\'s, for the United States, said at the 6 February meeting', async () => {
    const cs = await extractClaims(text, { published: '2024-02-10' });
    const nine = figure(cs, 'nine occasions')!;
    expect(nine).toMatchObject({ kind: 'quantity', quantity: 9, quantityQualifier: 'at_least', quantityKind: 'occasions', speaker: 'Robert Wood', speakerOrg: 'United States', dateSaid: '2024-02-06' });
  });

  it('reads "five KN-23 missiles" in Kharkiv as the Kharkiv police\'s, said on 7 February', async () => {
    const cs = await extractClaims(text, { published: '2024-02-10' });
    expect(figure(cs, 'five KN-23')).toMatchObject({ quantity: 5, quantityKind: 'missiles', weapon: 'KN-23', place: 'Kharkiv', speaker: 'Serhii Bolvinov', speakerOrg: 'Kharkiv Oblast police', dateSaid: '2024-02-07' });
  });

  it('keeps the offsets of every span: the sentence and the figure are the source text at start..end', async () => {
    const cs = await extractClaims(text, { published: '2024-02-10' });
    expect(cs.length).toBeGreaterThan(5);
    for (const c of cs) {
      expect(text.slice(c.start, c.end)).toBe(c.text);
      if (c.figure) expect(text.slice(c.figure.start, c.figure.end)).toBe(c.figure.text);
    }
  });

  it('resolves "December 30th" against a January publication date to the year before', async () => {
    const cs = await extractClaims(text, { published: '2024-01-05' });
    expect(figure(cs, 'at least one North Korean')?.eventDate).toBe('2023-12-30');
  });
});

describe('what is skipped, and what is counted', () => {
  it('skips years, quoted markings, model numbers and back-references', async () => {
    const cs = await extractClaims(
      'CAR said the missile, a KN-23 fitted with a 9M723 seeker, was made in 2023 and bore the mark “113”. '
      + 'Of the 450 components, 317 components were made by US companies, the researchers said.',
    );
    expect(cs.filter((c) => c.kind === 'quantity').map((c) => c.quantity)).toEqual([317]);
  });

  it('counts a list of countries where it is about where parts come from', async () => {
    const cs = await extractClaims('Conflict Armament Research said the components were made by companies in China, Germany, Japan, Switzerland, the Netherlands, Taiwan, the UK and the US.');
    expect(cs.find((c) => c.quantityKind === 'countries')).toMatchObject({ quantity: 8, speakerOrg: 'Conflict Armament Research' });
  });

  it('resolves "the agency" to the organisation last named, and expands an acronym the report defines', async () => {
    const cs = await extractClaims(
      'Ukraine’s military intelligence published new figures on Monday. The agency said Russia had launched at least 60 KN-23 missiles. '
      + 'The Kyiv Independent Anti-Corruption Network (KIACN) studied the debris. KIACN said it found 26 companies.',
      { published: '2024-12-19' },
    );
    expect(figure(cs, '60')).toMatchObject({ speakerOrg: 'Main Intelligence Directorate of Ukraine', weapon: 'KN-23', quantityQualifier: 'at_least' });
    expect(figure(cs, '26 companies')?.speakerOrg).toBe('Kyiv Independent Anti-Corruption Network');
  });

  it('proposes an attributed statement without a figure, and no statement for an appeal', async () => {
    const cs = await extractClaims('Jonah Leff of Conflict Armament Research said the missile remnants found in Kharkiv originated from North Korea. Leff said the world must act now on these missiles.');
    expect(cs).toHaveLength(1);
    expect(cs[0]).toMatchObject({ kind: 'statement', quantity: null, speakerOrg: 'Conflict Armament Research', place: 'Kharkiv' });
  });
});

describe('values and dates', () => {
  it('reads written numbers', () => {
    expect(numberValue('1,000')).toBe(1000);
    expect(numberValue('twenty-six')).toBe(26);
    expect(numberValue('75.5%')).toBe(75.5);
    expect(numberValue('two dozen')).toBe(24);
    expect(numberValue('several')).toBeNull();
  });

  it('resolves year-less and relative dates against the publication date, and not without one', () => {
    expect(resolveDate('February 6th', '2024-02-10')).toBe('2024-02-06');
    expect(resolveDate('last February', '2024-12-19')).toBe('2024-02');
    expect(resolveDate('last February', '2024-02-19')).toBe('2023-02');
    expect(resolveDate('Wednesday', '2024-12-19')).toBe('2024-12-18');
    expect(resolveDate('early December', '2024-12-19')).toBe('2024-12');
    expect(resolveDate('Dec. 18, 2024', null)).toBe('2024-12-18');
    expect(resolveDate('July 28', null)).toBeNull();
  });

  it('loads the model once per process', () => {
    expect(loadNlp()).toBe(loadNlp());
  });
});
