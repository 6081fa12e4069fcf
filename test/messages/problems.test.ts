import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';

/**
 * Problems in the reader's language (issue 24): `errors[].field` stays the path, `type` stays the
 * English slug, the words are Ukrainian when asked for, and a client that does not ask gets the
 * English bytes it always got.
 */
const ENGLISH_400 =
  '{"type":"https://remnant.invalid/problems/invalid-input","title":"Invalid input","status":400,"detail":"marking: is required","instance":"/api/identify","errors":[{"field":"marking","message":"is required"}]}';

describe('problems in the reader\u2019s language', async () => {
  const { app, database, actor } = await testApp({ as: 'analyst' });

  it('answers a client that does not ask in today\u2019s English, byte for byte', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/identify', payload: {} });
    expect(res.statusCode).toBe(400);
    expect(res.payload).toBe(ENGLISH_400);
  });

  it('answers Accept-Language: uk with Ukrainian messages for the same fields', async () => {
    const en = (await app.inject({ method: 'POST', url: '/api/identify', payload: { marking: 'x', context: { today: '2024-13-45', introducedYear: 'soon' } } })).json();
    const res = await app.inject({ method: 'POST', url: '/api/identify', headers: { 'accept-language': 'uk-UA,uk;q=0.9,en;q=0.5' }, payload: { marking: 'x', context: { today: '2024-13-45', introducedYear: 'soon' } } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const uk = res.json();
    expect(uk.type).toBe(en.type);
    expect(uk.title).toBe('Неправильні вхідні дані');
    expect(uk.errors.map((e: { field: string }) => e.field)).toEqual(en.errors.map((e: { field: string }) => e.field));
    const byField = Object.fromEntries(uk.errors.map((e: { field: string; message: string }) => [e.field, e.message]));
    expect(byField['context.today']).toBe('має бути датою у форматі РРРР-ММ-ДД');
    expect(byField['context.introducedYear']).toBe('має бути: число');
    expect(uk.detail).toBe(uk.errors.map((e: { field: string; message: string }) => `${e.field}: ${e.message}`).join('; '));
  });

  it('translates a not-found detail, record type included', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/items/00000000-0000-4000-8000-000000000000', headers: { 'accept-language': 'uk' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ type: 'https://remnant.invalid/problems/not-found', title: 'Не знайдено', detail: 'не знайдено (предмет) з ідентифікатором 00000000-0000-4000-8000-000000000000' });
  });

  it('keeps English for a language it does not speak', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/identify', headers: { 'accept-language': 'de-DE, fr;q=0.8' }, payload: {} });
    expect(res.payload).toBe(ENGLISH_400);
  });

  it('lets the signed-in user\u2019s own setting win over the header', async () => {
    await database.db.updateTable('users').set({ language: 'uk' }).where('id', '=', actor!.id).execute();
    const res = await app.inject({ method: 'POST', url: '/api/identify', headers: { 'accept-language': 'en' }, payload: {} });
    expect(res.json().errors).toEqual([{ field: 'marking', message: 'обов’язкове поле' }]);
    await database.db.updateTable('users').set({ language: null }).where('id', '=', actor!.id).execute();
    const back = await app.inject({ method: 'POST', url: '/api/identify', headers: { 'accept-language': 'en' }, payload: {} });
    expect(back.payload).toBe(ENGLISH_400);
  });
});
