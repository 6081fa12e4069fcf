import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testApp } from '../support/app.js';
import type { App } from '../../src/http/app.js';
import type { TestDatabase } from '../support/db.js';
import { correctDates } from '../../src/tracing/corrections.js';
import { addDays, utcToday } from '../../src/tracing/deadlines.js';
import type { TraceState } from '../../src/tracing/status-machine.js';

/**
 * Correcting a trace request's dates (issue 18): "sent" recorded today by mistake is moved back to the
 * day the letter left, after which the real, earlier reply date is accepted; every refusal names its
 * field; the correction is audited with the row before and after.
 */

const base: TraceState = {
  status: 'sent', sentOn: '2024-03-10', acknowledgedOn: null, repliedOn: null, declinedOn: null, noReplyOn: null, closedOn: null,
  replyDue: '2024-04-07', rightOfReplyDue: '2024-05-05',
};

describe('correctDates (pure)', () => {
  it('moves the sending date and the deadlines with it', () => {
    const r = correctDates(base, { sentOn: '2024-03-01' }, '2024-06-01');
    expect(r).toEqual({ changes: { sentOn: '2024-03-01', replyDue: '2024-03-29', rightOfReplyDue: '2024-04-26' } });
  });
  it('refuses a future date, naming the field', () => {
    const r = correctDates(base, { sentOn: '2024-07-01' }, '2024-06-01');
    expect(r).toEqual({ problems: [{ field: 'sentOn', message: '2024-07-01 is in the future (today is 2024-06-01 UTC)' }] });
  });
  it('keeps the events in order', () => {
    const replied = { ...base, status: 'replied' as const, repliedOn: '2024-03-20', rightOfReplyDue: '2024-05-05' };
    const r = correctDates(replied, { sentOn: '2024-03-25' }, '2024-06-01');
    expect(r).toEqual({ problems: [{ field: 'sentOn', message: 'replied (2024-03-20) must be on or after sent (2024-03-25)' }] });
  });
  it('refuses a date for an event that has not happened, and the draft its sending date', () => {
    expect(correctDates(base, { repliedOn: '2024-03-20' }, '2024-06-01')).toEqual({ problems: [{ field: 'repliedOn', message: 'the request has no replied date to correct (status sent)' }] });
    const draft = { ...base, status: 'draft' as const, sentOn: null, replyDue: null, rightOfReplyDue: null };
    const r = correctDates(draft, { sentOn: '2024-03-01' }, '2024-06-01');
    expect('problems' in r && r.problems[0]!.field).toBe('sentOn');
  });
  it('adds a missed acknowledgement after the sending date, and removes one', () => {
    expect(correctDates(base, { acknowledgedOn: '2024-03-12' }, '2024-06-01')).toEqual({ changes: { acknowledgedOn: '2024-03-12' } });
    expect(correctDates({ ...base, acknowledgedOn: '2024-03-12' }, { acknowledgedOn: null }, '2024-06-01')).toEqual({ changes: { acknowledgedOn: null } });
    expect(correctDates({ ...base, status: 'acknowledged', acknowledgedOn: '2024-03-12' }, { acknowledgedOn: null }, '2024-06-01')).toMatchObject({ problems: [{ field: 'acknowledgedOn' }] });
  });
  it('keeps the right of reply 28 days after a late answer', () => {
    const replied = { ...base, status: 'replied' as const, repliedOn: '2024-05-01', rightOfReplyDue: '2024-05-29' };
    expect(correctDates(replied, { repliedOn: '2024-05-20' }, '2024-06-01')).toEqual({ changes: { repliedOn: '2024-05-20', rightOfReplyDue: '2024-06-17' } });
  });
});

describe('POST /api/trace-requests/:id/dates', () => {
  let app: App;
  let database: TestDatabase;
  const today = utcToday();
  const call = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await app.inject({ method, url, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() };
  };
  beforeAll(async () => {
    ({ app, database } = await testApp());
  });

  it('a request marked sent today takes its real sending date, and then the reply dated before today', async () => {
    const org = (await call('POST', '/api/organisations', { name: 'Example Maker GmbH', kind: 'manufacturer', country: 'DE' })).body.id as string;
    const item = (await call('POST', '/api/items', { label: 'remnant (dates test)', weaponModel: 'KN-23' })).body.id as string;
    const comp = (await call('POST', '/api/components', { itemId: item, markingRaw: 'EXQ1 2213', partNumber: 'EXQ1', makerId: org })).body.id as string;
    const req = (await call('POST', '/api/trace-requests', { organisationId: org, componentIds: [comp] })).body.id as string;
    const sent = await call('POST', `/api/trace-requests/${req}/transition`, { to: 'sent' });
    expect(sent.body.sentOn).toBe(today);

    const realSent = addDays(today, -20);
    const realReply = addDays(today, -5);
    const refused = await call('POST', `/api/trace-requests/${req}/replies`, { outcome: 'declined', on: realReply });
    expect(refused.status).toBe(400);

    const noReason = await call('POST', `/api/trace-requests/${req}/dates`, { sentOn: realSent });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((e: { field: string }) => e.field)).toContain('reason');
    const future = await call('POST', `/api/trace-requests/${req}/dates`, { sentOn: addDays(today, 1), reason: 'typo' });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([{ field: 'sentOn', message: expect.stringContaining('is in the future') }]);

    const fixed = await call('POST', `/api/trace-requests/${req}/dates`, { sentOn: realSent, reason: 'the letter left by post three weeks ago' });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ sentOn: realSent, replyDue: addDays(realSent, 28), status: 'sent' });
    expect(fixed.body.notes).toContain('dates corrected] the letter left by post three weeks ago');

    const replied = await call('POST', `/api/trace-requests/${req}/replies`, { outcome: 'declined', on: realReply });
    expect(replied.status).toBe(201);
    expect(replied.body.request).toMatchObject({ status: 'declined', declinedOn: realReply });

    const audit = await sql<{ action: string; before: { sentOn: string }; after: { sentOn: string } }>`
      SELECT action, before, after FROM audit_log WHERE record_id = ${req} AND action = 'correct-dates'`.execute(database.db);
    expect(audit.rows).toHaveLength(1);
    expect([audit.rows[0]!.before.sentOn, audit.rows[0]!.after.sentOn]).toEqual([today, realSent]);
  });
});
