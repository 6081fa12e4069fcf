import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testApp } from '../support/app.js';
import { buildApp, type App } from '../../src/http/app.js';
import { loadConfig } from '../../src/config.js';
import type { TestDatabase } from '../support/db.js';
import { validateFtm } from './ftm-validate.js';

const JPEG = readFileSync(new URL('../fixtures/tracing/chip.jpg', import.meta.url));

let app: App;
let publicApp: App;
let database: TestDatabase;

function multipart(fields: Record<string, string>, file: { name: string; content: Buffer }) {
  const boundary = '----remnant' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
  parts.push(file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, on: App = app) {
  const res = await on.inject({ method, url, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const type = String(res.headers['content-type'] ?? '');
  return { status: res.statusCode, type, body: type.includes('json') && !type.includes('ndjson') ? res.json() : res.body, raw: res.rawPayload };
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  ({ app, database } = await testApp());
  publicApp = await buildApp({ db: database.db, config: { ...loadConfig({}), maxUploadBytes: 1024 * 1024 }, resolveActor: async () => null });
  await publicApp.ready();
  const org = async (name: string, kind: string, country: string) => (await call('POST', '/api/organisations', { name, kind, country })).body.id as string;
  ids.maker = await org('Example Semiconductor Inc.', 'manufacturer', 'US');
  ids.hk = await org('Example Components (HK) Ltd', 'distributor', 'HK');
  const item = await call('POST', '/api/items', { label: 'KN-23 remnant A (test)', weaponModel: 'KN-23', recoveredOn: '2024-01-03' });
  ids.item = item.body.id;
  const comp = async (partNumber: string) =>
    (await call('POST', '/api/components', { itemId: ids.item, markingRaw: `${partNumber} 2213`, partNumber, lot: 'L2213', makerId: ids.maker, dateCodeText: '2213' })).body.id as string;
  ids.c1 = await comp('EXQ100');
  ids.c2 = await comp('EXQ200');
  const up = await app.inject({ method: 'POST', url: `/api/evidence-files?componentId=${ids.c1}`, ...multipart({ caption: 'marking side' }, { name: 'chip.jpg', content: JPEG }) });
  expect(up.statusCode).toBe(201);
});

describe('trace requests', () => {
  it('creates a restricted draft and refuses draft → replied, naming the allowed transitions', async () => {
    const r = await call('POST', '/api/trace-requests', { organisationId: ids.maker, componentIds: [ids.c1, ids.c2], context: 'Found in debris.', signingOrganisation: 'Example Armament Research' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'draft', visibility: 'restricted', allowedTransitions: ['sent', 'closed'], deadline: { phase: 'not_sent' }, organisationName: 'Example Semiconductor Inc.' });
    expect(r.body.reference).toMatch(/^TR-\d{6}$/);
    expect(r.body.componentIds).toEqual([ids.c1, ids.c2].sort());
    ids.r1 = r.body.id;

    const bad = await call('POST', `/api/trace-requests/${ids.r1}/transition`, { to: 'replied', on: '2024-02-01' });
    expect(bad.status).toBe(409);
    expect(bad.type).toContain('application/problem+json');
    expect(bad.body.detail).toBe('cannot go from draft to replied; from draft the allowed transitions are: sent, closed');
    expect(bad.body.allowedTransitions).toEqual(['sent', 'closed']);
  });

  it('refuses bad input with the field named', async () => {
    const empty = await call('POST', '/api/trace-requests', { organisationId: ids.maker, componentIds: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].field).toBe('componentIds');
    const unknown = await call('POST', '/api/trace-requests', { organisationId: ids.maker, componentIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({ field: 'componentIds' });
    const badDate = await call('POST', `/api/trace-requests/${ids.r1}/transition`, { to: 'sent', on: '2024-02-30' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors[0].field).toBe('on');
    const badStatus = await call('POST', `/api/trace-requests/${ids.r1}/transition`, { to: 'answered' });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.errors[0].field).toBe('to');
    // Correspondence is never published, whoever asks and however.
    const published = await call('PATCH', `/api/trace-requests/${ids.r1}`, { visibility: 'public' });
    expect(published.status).toBe(400);
    expect(published.body.errors[0].field).toBe('visibility');
    await expect(sql`UPDATE trace_requests SET visibility = 'public' WHERE id = ${ids.r1}`.execute(database.db)).rejects.toThrow(/trace_requests_not_public/);
  });

  it('sending fixes the deadlines, freezes the letter fields and is audited', async () => {
    const sent = await call('POST', `/api/trace-requests/${ids.r1}/transition`, { to: 'sent', on: '2024-02-01' });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ status: 'sent', sentOn: '2024-02-01', replyDue: '2024-02-29', rightOfReplyDue: '2024-03-28' });
    const frozen = await call('PATCH', `/api/trace-requests/${ids.r1}`, { componentIds: [ids.c1] });
    expect(frozen.status).toBe(409);
    expect(frozen.body.detail).toContain('componentIds can change only while it is a draft');
    const notes = await call('PATCH', `/api/trace-requests/${ids.r1}`, { notes: 'chased by phone' });
    expect(notes.status).toBe(200);
    const del = await call('DELETE', `/api/trace-requests/${ids.r1}`);
    expect(del.status).toBe(409);
    const audit = await sql<{ action: string }>`SELECT action FROM audit_log WHERE record_type = 'trace-requests' AND record_id = ${ids.r1} ORDER BY seq`.execute(database.db);
    expect(audit.rows.map((r) => r.action)).toEqual(['create', 'transition:draft->sent', 'update']);
  });

  it('lists overdue requests from the day after the reply due date', async () => {
    const onDue = await call('GET', '/api/trace-requests/overdue?on=2024-02-29');
    expect(onDue.body.data.map((r: { id: string }) => r.id)).not.toContain(ids.r1);
    const after = await call('GET', '/api/trace-requests/overdue?on=2024-03-01');
    const row = after.body.data.find((r: { id: string }) => r.id === ids.r1);
    expect(row.deadline).toEqual({ phase: 'reply_overdue', daysOverdue: 1, daysLeft: 0 });
    const late = await call('GET', '/api/trace-requests/overdue?on=2024-04-01');
    expect(late.body.data.find((r: { id: string }) => r.id === ids.r1).deadline.phase).toBe('right_of_reply_expired');
  });

  it('writes the letter from the records, as text and PDF, without photo metadata', async () => {
    const txt = await call('GET', `/api/trace-requests/${ids.r1}/letter.txt`);
    expect(txt.status).toBe(200);
    expect(txt.type).toContain('text/plain');
    expect(txt.body).toContain('To: Example Semiconductor Inc. (US)');
    expect(txt.body).toContain('Please reply by 29 February 2024');
    expect(txt.body).toContain('EXQ100');
    expect(txt.body).toContain('Found in debris.');
    expect(txt.body).toContain('1 photograph of the components');
    expect(txt.body).toContain('Example Armament Research');
    // No investigator's account name: only the signing organisation.
    expect(txt.body).not.toContain('system');
    const pdf = await call('GET', `/api/trace-requests/${ids.r1}/letter.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.raw.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.raw.includes(Buffer.from('/Subtype /Image'))).toBe(true);
    expect(pdf.raw.includes(Buffer.from('Field Investigator Name'))).toBe(false);
  });

  it('files correspondence as restricted evidence linked to the request', async () => {
    const up = await app.inject({ method: 'POST', url: `/api/trace-requests/${ids.r1}/correspondence`, ...multipart({ caption: 'letter as sent' }, { name: 'letter.txt', content: Buffer.from('Dear Sir or Madam') }) });
    expect(up.statusCode).toBe(201);
    expect(up.json()).toMatchObject({ traceRequestId: ids.r1, visibility: 'restricted', mediaType: 'text/plain' });
    const list = await call('GET', `/api/trace-requests/${ids.r1}/correspondence`);
    expect(list.body.data).toHaveLength(1);
    // The one-link rule still holds with the new column.
    await expect(sql`UPDATE evidence_files SET item_id = ${ids.item} WHERE trace_request_id = ${ids.r1}`.execute(database.db)).rejects.toThrow(/evidence_files_link_check/);
  });
});

describe('replies, chains and what they feed', () => {
  it('records a reply as transfers and opens a follow-up to the buyer in one step', async () => {
    const r = await call('POST', `/api/trace-requests/${ids.r1}/replies`, {
      on: '2024-02-20',
      hops: [{ buyerId: ids.hk, transferDate: '2022-01-10', quantity: 500, documentKind: 'invoice', documentRef: 'INV-7781', fromCountry: 'US', toCountry: 'HK', assessment: 'legal' }],
      followUp: {},
      note: 'Replied by e-mail.',
    });
    expect(r.status).toBe(201);
    expect(r.body.request).toMatchObject({ status: 'replied', repliedOn: '2024-02-20', rightOfReplyDue: '2024-03-28' });
    expect(r.body.hops).toHaveLength(1);
    expect(r.body.hops[0]).toMatchObject({ sellerId: ids.maker, buyerId: ids.hk, visibility: 'restricted', componentIds: [ids.c1, ids.c2].sort() });
    expect(r.body.followUp).toMatchObject({ organisationId: ids.hk, status: 'draft', parentRequestId: ids.r1, promptedByHopId: r.body.hops[0].id, context: 'Found in debris.' });
    ids.h1 = r.body.hops[0].id;
    ids.r2 = r.body.followUp.id;
    // The follow-up letter tells the distributor what the maker said about the sale.
    const letter = await call('GET', `/api/trace-requests/${ids.r2}/letter.txt`);
    expect(letter.body.replace(/\s+/g, ' ')).toContain('supplied to your company by Example Semiconductor Inc. on 10 January 2022 (quantity 500) under document reference INV-7781');
  });

  it('creates a newly named holder with the reply, and refuses a follow-up without a transfer', async () => {
    await call('POST', `/api/trace-requests/${ids.r2}/transition`, { to: 'sent', on: '2024-03-01' });
    const noHop = await call('POST', `/api/trace-requests/${ids.r2}/replies`, { on: '2024-03-10', followUp: {} });
    expect(noHop.status).toBe(400);
    expect(noHop.body.errors[0].field).toBe('followUp');
    const r = await call('POST', `/api/trace-requests/${ids.r2}/replies`, {
      on: '2024-03-10',
      hops: [{ buyer: { name: 'Example Trading (Shenzhen) Co', kind: 'broker', country: 'CN' }, transferDate: '2022-03-02', quantity: 500, documentKind: 'invoice', documentRef: 'HK-INV-0042', fromCountry: 'HK', toCountry: 'CN', assessment: 'legal' }],
      followUp: { context: 'Your company was named as the buyer.' },
    });
    expect(r.status).toBe(201);
    expect(r.body.createdOrganisationIds).toHaveLength(1);
    ids.broker = r.body.createdOrganisationIds[0];
    ids.h2 = r.body.hops[0].id;
    ids.r3 = r.body.followUp.id;
    const org = await call('GET', `/api/organisations/${ids.broker}`);
    // Named only in restricted correspondence so far: restricted too.
    expect(org.body).toMatchObject({ name: 'Example Trading (Shenzhen) Co', kind: 'broker', visibility: 'restricted' });
    await call('POST', `/api/trace-requests/${ids.r3}/transition`, { to: 'sent', on: '2024-03-15' });
    const early = await call('POST', `/api/trace-requests/${ids.r3}/transition`, { to: 'no_reply', on: '2024-04-12' });
    expect(early.status).toBe(409);
    expect(early.body.detail).toContain('the reply is not due until 2024-04-12');
    const silent = await call('POST', `/api/trace-requests/${ids.r3}/transition`, { to: 'no_reply', on: '2024-04-20' });
    expect(silent.body.status).toBe('no_reply');
  });

  it('refuses a reply that would make a part return to a holder, and writes none of it', async () => {
    const before = await sql<{ n: number }>`SELECT count(*) AS n FROM trace_hops`.execute(database.db);
    const orgsBefore = await sql<{ n: number }>`SELECT count(*) AS n FROM organisations`.execute(database.db);
    const r = await call('POST', `/api/trace-requests/${ids.r3}/replies`, {
      on: '2024-05-01',
      hops: [
        { buyer: { name: 'Never Stored Ltd', kind: 'distributor', country: 'SG' }, transferDate: '2022-04-01' },
        { buyerId: ids.hk, transferDate: '2022-04-02' },
      ],
    });
    expect(r.status).toBe(409);
    expect(r.body.detail).toContain('would form a cycle for component EXQ');
    // The cycle may be named from either of its holders.
    expect(r.body.detail).toMatch(/(Example Components \(HK\) Ltd → Example Trading \(Shenzhen\) Co → Example Components \(HK\) Ltd|Example Trading \(Shenzhen\) Co → Example Components \(HK\) Ltd → Example Trading \(Shenzhen\) Co)/);
    const after = await sql<{ n: number }>`SELECT count(*) AS n FROM trace_hops`.execute(database.db);
    const orgsAfter = await sql<{ n: number }>`SELECT count(*) AS n FROM organisations`.execute(database.db);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    expect(orgsAfter.rows[0]!.n).toBe(orgsBefore.rows[0]!.n);
    expect((await call('GET', `/api/trace-requests/${ids.r3}`)).body.status).toBe('no_reply');
  });

  it('assembles the chain from maker to last holder, with the break and the diversion point', async () => {
    const r = await call('GET', `/api/chains?componentId=${ids.c1}`);
    expect(r.status).toBe(200);
    const chain = r.body.data[0];
    expect(chain.status).toBe('broken');
    expect(chain.holders.map((h: { name: string }) => h.name)).toEqual(['Example Semiconductor Inc.', 'Example Components (HK) Ltd', 'Example Trading (Shenzhen) Co']);
    expect(chain.hops.map((h: { id: string }) => h.id)).toEqual([ids.h1, ids.h2]);
    expect(chain.lastLegalTransferHopId).toBe(ids.h2);
    expect(chain.breaks).toEqual([{ holderId: ids.broker, position: 2, kind: 'no_reply', gap: false, requestId: ids.r3 }]);
    expect(chain.diversionPoint).toEqual({ holderId: ids.broker, hopId: null, basis: 'inferred_after_last_legal_transfer' });

    const byLot = await call('GET', '/api/chains?lot=L2213');
    expect(byLot.body.data.map((c: { component: { id: string } }) => c.component.id).sort()).toEqual([ids.c1, ids.c2].sort());
    const neither = await call('GET', '/api/chains');
    expect(neither.status).toBe(400);
    expect(neither.body.errors[0].field).toBe('componentId');
  });

  it('marks an assessed diversion and shows shared intermediaries in the graph', async () => {
    const p = await call('PATCH', `/api/trace-hops/${ids.h2}`, { assessment: 'diversion_suspected' });
    expect(p.body.assessment).toBe('diversion_suspected');
    const chain = (await call('GET', `/api/chains?componentId=${ids.c2}`)).body.data[0];
    expect(chain.status).toBe('diverted');
    expect(chain.diversionPoint).toEqual({ holderId: ids.hk, hopId: ids.h2, basis: 'assessed' });
    expect(chain.lastLegalTransferHopId).toBe(ids.h1);
    const g = await call('GET', `/api/tracing/graph?itemId=${ids.item}`);
    const hk = g.body.nodes.find((n: { id: string }) => n.id === ids.hk);
    expect(hk).toMatchObject({ chains: 2, shared: true, country: 'HK' });
    expect(g.body.nodes.find((n: { id: string }) => n.id === ids.maker)).toMatchObject({ maker: true, shared: false });
  });

  it('feeds findings: where the last intermediary was, and how long from sale to recovery', async () => {
    const f = await call('GET', `/api/tracing/findings?itemId=${ids.item}`);
    expect(f.status).toBe(200);
    expect(f.body.tracedComponents).toBe(2);
    // The diversion is assessed at the Hong Kong distributor's sale: HK is the last intermediary in legal trade.
    expect(f.body.byLastIntermediaryCountry).toEqual([{ key: 'HK', count: 2, share: 1 }]);
    expect(f.body.byLastIntermediarySubregion).toEqual([{ key: 'Eastern Asia', count: 2, share: 1 }]);
    // The reference context's country table is synced when the schema is prepared; findings use it.
    expect(f.body.regionsFrom).toBe('ref_countries');
    expect(f.body.makerSaleToRecovery).toMatchObject({ count: 2, medianDays: 723 });
    expect(f.body.sharedIntermediaries.map((s: { name: string }) => s.name)).toEqual(['Example Components (HK) Ltd']);
    const missing = await call('GET', '/api/tracing/findings?caseId=00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
  });

  it('exports chains as FollowTheMoney entities the model accepts', async () => {
    const r = await call('GET', '/api/tracing/export.ftm.jsonl');
    expect(r.status).toBe(200);
    expect(r.type).toContain('application/x-ndjson');
    const entities = String(r.body).trim().split('\n').map((l) => JSON.parse(l));
    expect(validateFtm(entities)).toEqual([]);
    expect(entities.filter((e) => e.schema === 'UnknownLink')).toHaveLength(2);
    expect(entities.filter((e) => e.schema === 'Company').map((e) => e.properties.name[0]).sort()).toEqual(
      ['Example Components (HK) Ltd', 'Example Semiconductor Inc.', 'Example Trading (Shenzhen) Co'],
    );
  });

  it('shows the public nothing of restricted correspondence', async () => {
    expect((await call('GET', `/api/trace-requests/${ids.r1}`, undefined, publicApp)).status).toBe(404);
    expect((await call('GET', `/api/trace-requests/${ids.r1}/letter.txt`, undefined, publicApp)).status).toBe(404);
    expect((await call('GET', '/api/trace-requests/overdue?on=2025-01-01', undefined, publicApp)).body.data).toEqual([]);
    expect((await call('GET', '/api/tracing/export.ftm.jsonl', undefined, publicApp)).body).toBe('');
    const write = await call('POST', '/api/trace-requests', { organisationId: ids.maker, componentIds: [ids.c1] }, publicApp);
    expect(write.status).toBe(401);
  });

  it('records transfers known from other sources, with the same cycle check, and lists them per component', async () => {
    const back = await call('POST', '/api/trace-hops', { sellerId: ids.broker, buyerId: ids.maker, componentIds: [ids.c1], transferDate: '2023-01-01' });
    expect(back.status).toBe(409);
    expect(back.body.cycle).toHaveLength(4);
    const end = await call('POST', '/api/organisations', { name: 'Example End User', kind: 'end_user', country: 'RU' });
    const ok = await call('POST', '/api/trace-hops', { sellerId: ids.broker, buyerId: end.body.id, componentIds: [ids.c1], documentKind: 'customs_declaration', documentRef: 'CCD-1', visibility: 'internal' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ traceRequestId: null, visibility: 'internal', assessment: 'unknown' });
    const listed = await call('GET', `/api/trace-hops?componentId=${ids.c1}`);
    expect(listed.body.data.map((h: { id: string }) => h.id)).toEqual([ids.h1, ids.h2, ok.body.id]);
    const onlyC2 = await call('GET', `/api/trace-hops?componentId=${ids.c2}`);
    expect(onlyC2.body.total).toBe(2);
    // A customs declaration also becomes an FtM EconomicActivity.
    const ftm = String((await call('GET', '/api/tracing/export.ftm.jsonl')).body).trim().split('\n').map((l) => JSON.parse(l));
    expect(validateFtm(ftm)).toEqual([]);
    expect(ftm.filter((e) => e.schema === 'EconomicActivity')).toHaveLength(1);
    expect(ftm.find((e) => e.schema === 'Organization')?.properties.name).toEqual(['Example End User']);
  });

  it('deletes a draft but not a transfer a follow-up was sent for', async () => {
    const d = await call('POST', '/api/trace-requests', { organisationId: ids.hk, componentIds: [ids.c1] });
    expect((await call('DELETE', `/api/trace-requests/${d.body.id}`)).status).toBe(204);
    const h = await call('DELETE', `/api/trace-hops/${ids.h1}`);
    expect(h.status).toBe(409);
    expect(h.body.detail).toContain('were sent because of this transfer');
  });
});
