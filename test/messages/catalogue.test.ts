import { describe, expect, it } from 'vitest';
import { CATALOGUES, compareCatalogues } from '../../src/messages/index.js';

/** The server's catalogues are complete in both languages (issue 24), and the check notices when one is not. */
describe('server message catalogues', () => {
  it('have every English key in Ukrainian with the same placeholders, and nothing extra', () => {
    expect(compareCatalogues(CATALOGUES.en, CATALOGUES.uk, 'uk')).toEqual([]);
  });

  it('fail on a fixture with a missing key, a changed placeholder and a stray key', () => {
    const en = { ...CATALOGUES.en, problems: { 'a.one': 'is {{x}}', 'a.two': 'no', 'w_one': 'one', 'w_other': '{{count}} of them' } };
    const uk = { ...CATALOGUES.uk, problems: { 'a.one': 'є {{y}}', 'w_one': 'один {{count}}', 'w_few': '{{count}}', 'w_other': '{{count}}', 'stray': 'x' } };
    expect(compareCatalogues(en, uk, 'uk')).toEqual([
      'problems:a.one has placeholders y in uk, x in English',
      'problems:a.two has no uk text',
      'problems:stray is in uk but not in English',
    ]);
  });
});
