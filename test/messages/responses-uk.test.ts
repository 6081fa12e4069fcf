import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import type { App } from '../../src/http/app.js';

/**
 * Response text shown to people that is not a problem (issue 24), asked for in Ukrainian at its
 * route: the same answer as in English but for the sentences, which are in Ukrainian.
 */
let app: App;
beforeAll(async () => {
  ({ app } = await testApp());
});

const UK = { 'accept-language': 'uk' };
const post = async (url: string, payload: Record<string, unknown>) => {
  const r = await app.inject({ method: 'POST', url, payload });
  expect(r.statusCode, r.body).toBe(201);
  return r.json<{ id: string }>();
};

describe('a delete refusal in Ukrainian', () => {
  it('names what still refers to the record, with its counts, in the dialog and in the refusal', async () => {
    const incident = await post('/api/incidents', { title: 'Strike', occurredFrom: '2024-01-02' });
    await post('/api/items', { label: 'Debris', incidentId: incident.id });
    await post('/api/items', { label: 'Debris 2', incidentId: incident.id });
    await post('/api/cases', { title: 'Case', incidentIds: [incident.id] });

    const en = await app.inject({ method: 'GET', url: `/api/incidents/${incident.id}/references` });
    const uk = await app.inject({ method: 'GET', url: `/api/incidents/${incident.id}/references`, headers: UK });
    expect(en.json().references).toEqual([{ label: 'items', count: 2 }, { label: 'cases', count: 1 }]);
    expect(uk.json().references).toEqual([{ label: 'предмети', count: 2 }, { label: 'справи', count: 1 }]);

    const enDel = await app.inject({ method: 'DELETE', url: `/api/incidents/${incident.id}` });
    expect(enDel.json().detail).toBe('this incident is still referenced by 2 items, 1 cases; remove or re-link those first');
    const ukDel = await app.inject({ method: 'DELETE', url: `/api/incidents/${incident.id}`, headers: UK });
    expect(ukDel.statusCode).toBe(409);
    expect(ukDel.json().title).toBe('Конфлікт');
    expect(ukDel.json().detail).toBe('на цей запис (інцидент) досі посилаються: 2 предмети, 1 справа; спершу вилучіть їх або перепривʼяжіть');
  });
});
