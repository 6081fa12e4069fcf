import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';

/** The identification answer in the reader's language at the HTTP edge (issue 24). */
describe('POST /api/identify in Ukrainian', async () => {
  const { app } = await testApp({ as: 'public' });
  const payload = { marking: 'IR / IRF540N / 1412', context: { today: '2026-11-21', recoveryDate: '2024-08-15' } };

  it('gives the reasoning, warnings and notes in Ukrainian when asked, the same data otherwise', async () => {
    const en = (await app.inject({ method: 'POST', url: '/api/identify', payload })).json();
    const uk = (await app.inject({ method: 'POST', url: '/api/identify', headers: { 'accept-language': 'uk' }, payload })).json();
    expect(en.readings[0].reasoning[0]).toBe('Lines read: "IR" | "IRF540N" | "1412".');
    expect(uk.readings[0].reasoning[0]).toBe('Прочитані рядки: "IR" | "IRF540N" | "1412".');
    expect(uk.readings[0].reasoning).toContain('International Rectifier: штаб-квартира — US; придбано компанією Infineon Technologies у 2015.');
    expect(uk.readings[0].dates[0].note).toBe('2014, тиждень ISO 12');
    expect(uk.suggestion.window.note).toBe('2014, тиждень ISO 12');
    expect(uk.readings[0].warnings[0].message).toMatch(/^1412 має кілька можливих проміжків/);
    // Only the words change: codes, dates, makers and the stored suggestion's fields are the same.
    expect(uk.readings[0].warnings.map((w: { code: string }) => w.code)).toEqual(en.readings[0].warnings.map((w: { code: string }) => w.code));
    expect({ ...uk.suggestion, warnings: [], window: null, alternatives: [], classificationReason: '' }).toEqual({ ...en.suggestion, warnings: [], window: null, alternatives: [], classificationReason: '' });
  });
});
