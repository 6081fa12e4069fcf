import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testUser } from '../support/app.js';
import type { App } from '../../src/http/app.js';
import type { Actor } from '../../src/access/index.js';

/** A case's history at `/api/history/cases/:id`, as the case dashboard shows it: its own writes and member changes. */
let app: App;
let who: Actor | null = null;
let analyst: Actor;

beforeAll(async () => {
  const t = await testApp({ resolveActor: async () => who });
  app = t.app;
  analyst = await testUser(t.database, 'analyst');
});

const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
  const r = await app.inject({ method, url, ...(payload ? { payload } : {}) });
  return { status: r.statusCode, body: r.json() };
};

describe('case history', () => {
  it('lists who opened, changed and filled a case, for signed-in users only', async () => {
    who = analyst;
    const made = await call('POST', '/api/cases', { title: 'Case A' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const id = made.body.id as string;
    expect((await call('PATCH', `/api/cases/${id}`, { summary: 'Parts from one shipment' })).status).toBe(200);
    const item = await call('POST', '/api/items', { label: 'guidance section' });
    expect((await call('POST', `/api/cases/${id}/members`, { itemIds: [item.body.id] })).status).toBe(200);

    const h = await call('GET', `/api/history/cases/${id}`);
    expect(h.status).toBe(200);
    expect(h.body.data.map((e: { action: string }) => e.action)).toEqual(['create', 'update', 'add-members']);
    expect(h.body.data[1]).toMatchObject({ actorId: analyst.id, after: { summary: 'Parts from one shipment' } });

    who = null;
    expect((await call('GET', `/api/history/cases/${id}`)).status).toBe(401);
  });
});
