import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { translateText } from '../../src/messages/index.js';

/** Findings notes in the reader's language (issue 24): the figures are the same, the notes are Ukrainian. */
describe('findings notes in Ukrainian', async () => {
  const { app } = await testApp({ as: 'public' });

  it('translates every note of a findings answer when asked, and nothing else', async () => {
    const en = (await app.inject({ method: 'GET', url: '/api/findings' })).json<{ notes: string[]; computedAt: string }>();
    const uk = (await app.inject({ method: 'GET', url: '/api/findings', headers: { 'accept-language': 'uk' } })).json<{ notes: string[]; computedAt: string }>();
    expect(en.notes).toContain('computed for the public: only published records are counted');
    expect(uk.notes).toContain('обчислено для публіки: враховано лише оприлюднені записи');
    expect(uk.notes.length).toBe(en.notes.length);
    for (const n of uk.notes) expect(n).toMatch(/[а-яіїєґ]/);
    expect({ ...uk, notes: [], computedAt: '' }).toEqual(JSON.parse(JSON.stringify({ ...localiseAll(en), notes: [], computedAt: '' })));
  });

  it('translates a note made of clauses clause by clause', () => {
    expect(translateText('uk', 'assembled no earlier than 2023-10-09: the latest production lower bound among 12 dated components; 2 windows are the engine\'s suggestion, not confirmed by a person'))
      .toBe('складено не раніше ніж 2023-10-09: найпізніша нижня межа виробництва серед датованих компонентів (12); проміжків, що є лише пропозицією рушія, не підтвердженою людиною: 2');
  });
});

/** The English answer with its nested notes run through the same translation: the rest must be equal. */
function localiseAll<T>(v: T): T {
  return JSON.parse(JSON.stringify(v), (k, x: unknown) => (k === 'note' && typeof x === 'string' ? translateText('uk', x) : x)) as T;
}
