import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import type { TestDatabase } from '../support/db.js';
import type { App } from '../../src/http/app.js';
import { tokenFor } from './support.js';

/**
 * Who may change what, who may publish, what restricted means, and what the public sees — through
 * the real app with real bearer tokens for each role.
 */
let app: App;
let database: TestDatabase;
const tokens: Record<string, { id: string; token: string }> = {};
beforeAll(async () => {
  ({ app, database } = await testApp({ as: 'real' }));
  for (const [name, role] of [['fiona', 'field'], ['fred', 'field'], ['anna', 'analyst'], ['andy', 'analyst'], ['rose', 'reviewer'], ['vic', 'viewer'], ['ada', 'admin']] as const) {
    const t = await tokenFor(app, database, name, role);
    tokens[name] = { id: t.id, token: t.token };
  }
});

async function as(who: string | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  const headers = who ? { authorization: `Bearer ${tokens[who]!.token}` } : {};
  const r = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  return { status: r.statusCode, body: r.body ? (JSON.parse(r.body) as Record<string, any>) : null };
}

describe('role rules through the API', () => {
  it('lets field investigators create finds and change only their own unpublished ones', async () => {
    const item = await as('fiona', 'POST', '/api/items', { label: 'fin fragment' });
    expect(item.status).toBe(201);
    expect((await as('fiona', 'PATCH', `/api/items/${item.body!.id}`, { weaponModel: 'KN-23' })).status).toBe(200);
    expect((await as('fred', 'PATCH', `/api/items/${item.body!.id}`, { weaponModel: 'KN-24' })).status).toBe(403);
    expect((await as('fiona', 'POST', '/api/organisations', { name: 'Some Maker', kind: 'manufacturer' })).status).toBe(403);
    expect((await as('fiona', 'POST', '/api/items', { label: 'x', visibility: 'public' })).status).toBe(403);
    expect((await as('vic', 'POST', '/api/items', { label: 'x' })).status).toBe(403);
    // Analysts edit anyone's unpublished work.
    expect((await as('anna', 'PATCH', `/api/items/${item.body!.id}`, { weaponModel: 'KN-24' })).status).toBe(200);
    // Nothing refused was written.
    const n = await database.db.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(n.n).toBe(1);
  });

  it('publishes only by a reviewer, only inside public records, and records it as publishing', async () => {
    const inc = await as('anna', 'POST', '/api/incidents', { title: 'Strike on Kharkiv', occurredFrom: '2024-01-02', lat: 49.98765, lon: 36.23456, locationPrecision: 'exact', locationSensitive: true });
    const item = await as('anna', 'POST', '/api/items', { label: 'KN-23 remnant', incidentId: inc.body!.id });
    expect((await as('anna', 'PATCH', `/api/items/${item.body!.id}`, { visibility: 'public' })).status).toBe(403);
    expect((await as('anna', 'POST', '/api/publish', { recordType: 'items', recordId: item.body!.id })).status).toBe(403);

    const early = await as('rose', 'POST', '/api/publish', { recordType: 'items', recordId: item.body!.id });
    expect(early.status).toBe(409);
    expect(early.body!.detail).toContain(inc.body!.id);

    const pubInc = await as('rose', 'POST', '/api/publish', { recordType: 'incidents', recordId: inc.body!.id });
    expect(pubInc.status).toBe(200);
    expect(pubInc.body).toMatchObject({ visibility: 'public', previous: 'internal' });
    const pubItem = await as('rose', 'PATCH', `/api/items/${item.body!.id}`, { visibility: 'public' });
    expect(pubItem.status).toBe(200);

    const h = await as('vic', 'GET', `/api/history/items/${item.body!.id}`);
    expect(h.status).toBe(200);
    expect(h.body!.data.map((e: { action: string }) => e.action)).toEqual(['create', 'publish']);
    const hi = await as('vic', 'GET', `/api/incidents/${inc.body!.id}/history`);
    expect(hi.body!.data.at(-1)).toMatchObject({ action: 'publish', actorId: tokens.rose!.id });

    // Published: analysts may no longer change it; reviewers may, and may withdraw it.
    expect((await as('anna', 'PATCH', `/api/items/${item.body!.id}`, { weaponModel: 'x' })).status).toBe(403);
    expect((await as('anna', 'DELETE', `/api/items/${item.body!.id}`)).status).toBe(403);

    // What the public sees: no user ids, the sensitive location coarsened.
    const pub = await as(null, 'GET', `/api/incidents/${inc.body!.id}`);
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ createdBy: null, updatedBy: null, lat: 50, lon: 36.2, locationPrecision: 'region' });
    // History names who changed what and keeps earlier, unredacted versions: never for the public, published or not.
    expect((await as(null, 'GET', `/api/history/incidents/${inc.body!.id}`)).status).toBe(401);
    expect((await as(null, 'GET', `/api/incidents/${inc.body!.id}/history`)).status).toBe(401);
    const internalView = await as('vic', 'GET', `/api/incidents/${inc.body!.id}`);
    expect(internalView.body).toMatchObject({ lat: 49.98765, createdBy: tokens.anna!.id });

    const un = await as('rose', 'POST', '/api/unpublish', { recordType: 'items', recordId: item.body!.id });
    expect(un.status).toBe(200);
    expect((await as(null, 'GET', `/api/items/${item.body!.id}`)).status).toBe(404);
    const h2 = await as('vic', 'GET', `/api/history/items/${item.body!.id}`);
    expect(h2.body!.data.at(-1).action).toBe('unpublish');
  });

  it('never publishes trace correspondence', async () => {
    const src = await as('anna', 'POST', '/api/sources', { kind: 'correspondence', title: 'Reply from distributor, 2024-05-02' });
    expect(src.status).toBe(201);
    expect((await as('rose', 'POST', '/api/publish', { recordType: 'sources', recordId: src.body!.id })).status).toBe(409);
    // Through a write, the database's own rule answers, naming the field.
    const patch = await as('rose', 'PATCH', `/api/sources/${src.body!.id}`, { visibility: 'public' });
    expect(patch.status).toBe(400);
    expect(patch.body!.errors[0]).toMatchObject({ field: 'visibility', message: 'trace correspondence is never published' });
    expect((await as('ada', 'POST', '/api/sources', { kind: 'correspondence', title: 'x', visibility: 'public' })).status).toBe(400);
    // Nor directly in the database.
    await expect(database.db.updateTable('sources').set({ visibility: 'public' }).where('id', '=', src.body!.id).execute()).rejects.toThrow(/correspondence/);
  });

  it('never publishes a trace request or the correspondence filed with it', async () => {
    const org = await as('anna', 'POST', '/api/organisations', { name: 'Distributor X', kind: 'distributor' });
    const item = await as('anna', 'POST', '/api/items', { label: 'guidance section' });
    const comp = await as('anna', 'POST', '/api/components', { itemId: item.body!.id, markingRaw: 'XC3S500E' });
    const req = await as('anna', 'POST', '/api/trace-requests', { organisationId: org.body!.id, componentIds: [comp.body!.id], visibility: 'internal' });
    expect(req.status).toBe(201);
    const pub = await as('rose', 'POST', '/api/publish', { recordType: 'trace-requests', recordId: req.body!.id });
    expect(pub.status).toBe(409);
    expect(pub.body!.detail).toContain('never published');
    const boundary = 'BOUNDARY1';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="visibility"\r\n\r\ninternal\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="reply.txt"\r\nContent-Type: text/plain\r\n\r\nWe sold the lot to Y.\r\n--${boundary}--\r\n`;
    const file = await app.inject({
      method: 'POST', url: `/api/trace-requests/${req.body!.id}/correspondence`, payload,
      headers: { authorization: `Bearer ${tokens.anna!.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(file.statusCode, file.body).toBe(201);
    const pubFile = await as('rose', 'POST', '/api/publish', { recordType: 'evidence-files', recordId: file.json().id });
    expect(pubFile.status).toBe(409);
  });

  it('names the unknown record type when publishing', async () => {
    const r = await as('rose', 'POST', '/api/publish', { recordType: 'spaceships', recordId: '00000000-0000-4000-8000-000000000000' });
    expect(r.status).toBe(400);
    expect(r.body!.errors[0].field).toBe('recordType');
  });
});

describe('restricted records', () => {
  it('are read by their creator, admins and named users only; history and grants follow', async () => {
    const r = await as('anna', 'POST', '/api/sources', { kind: 'field_note', title: 'Interview with a witness', visibility: 'restricted' });
    expect(r.status).toBe(201);
    const id = r.body!.id as string;
    expect((await as('anna', 'GET', `/api/sources/${id}`)).status).toBe(200);
    expect((await as('ada', 'GET', `/api/sources/${id}`)).status).toBe(200);
    for (const who of ['andy', 'rose', 'vic', null]) expect((await as(who, 'GET', `/api/sources/${id}`)).status, String(who)).toBe(404);
    expect((await as('andy', 'GET', `/api/sources?q=witness`)).body!.total).toBe(0);
    expect((await as('andy', 'GET', `/api/sources/${id}/history`)).status).toBe(404);
    expect((await as('andy', 'PATCH', `/api/sources/${id}`, { title: 'x' })).status).toBe(404);

    // Only the creator (or an admin) names readers.
    expect((await as('andy', 'POST', '/api/grants', { recordType: 'sources', recordId: id, userId: tokens.andy!.id })).status).toBe(404);
    const g = await as('anna', 'POST', '/api/grants', { recordType: 'sources', recordId: id, userId: tokens.vic!.id });
    expect(g.status).toBe(200);
    expect(g.body!.data.map((x: { username: string }) => x.username)).toEqual(['vic']);
    expect((await as('vic', 'GET', `/api/sources/${id}`)).status).toBe(200);
    expect((await as('vic', 'GET', `/api/sources?q=witness`)).body!.total).toBe(1);
    expect((await as('vic', 'GET', `/api/sources/${id}/history`)).status).toBe(200);
    expect((await as('vic', 'POST', '/api/grants', { recordType: 'sources', recordId: id, userId: tokens.andy!.id })).status).toBe(403);
    expect((await as('andy', 'GET', `/api/sources/${id}`)).status).toBe(404);

    // A deleted restricted record's history stays as closed as the record was.
    expect((await as('anna', 'DELETE', `/api/grants/sources/${id}/${tokens.vic!.id}`)).status).toBe(204);
    expect((await as('vic', 'GET', `/api/sources/${id}`)).status).toBe(404);
    expect((await as('anna', 'DELETE', `/api/sources/${id}`)).status).toBe(204);
    expect((await as('anna', 'GET', `/api/sources/${id}/history`)).status).toBe(200);
    expect((await as('andy', 'GET', `/api/sources/${id}/history`)).status).toBe(404);
    expect((await as('andy', 'GET', `/api/history/sources/${id}`)).status).toBe(404);
    const actions = (await as('ada', 'GET', `/api/audit?recordType=sources&recordId=${id}`)).body!.data.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['create', 'grant', 'revoke-grant', 'delete']);
  });

  it('keeps the audit log to admins', async () => {
    for (const who of ['rose', 'anna', 'vic']) expect((await as(who, 'GET', '/api/audit')).status, who).toBe(403);
    expect((await as(null, 'GET', '/api/audit')).status).toBe(401);
    expect((await as('ada', 'GET', '/api/audit/verify')).body).toMatchObject({ ok: true });
  });
});

describe('test support', () => {
  it('acts as a given role without signing in (testApp({ as }))', async () => {
    const v = await testApp({ as: 'viewer' });
    expect((await v.app.inject({ method: 'POST', url: '/api/items', payload: { label: 'x' } })).statusCode).toBe(403);
    expect((await v.app.inject({ method: 'GET', url: '/api/auth/me' })).json().user).toMatchObject({ username: 'test-viewer', role: 'viewer' });
    const f = await testApp({ as: 'field' });
    const made = await f.app.inject({ method: 'POST', url: '/api/items', payload: { label: 'x' } });
    expect(made.statusCode).toBe(201);
    expect(made.json().createdBy).toBe(f.actor!.id);
    const p = await testApp({ as: 'public' });
    expect((await p.app.inject({ method: 'POST', url: '/api/items', payload: { label: 'x' } })).statusCode).toBe(401);
  });
});
