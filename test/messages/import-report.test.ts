import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import type { App } from '../../src/http/app.js';

/** An import report in the reader's language (issue 24): the reasons are words; row, column and value are the file's. */
function upload(fields: Record<string, string>, name: string, content: string) {
  const boundary = '----remnantuk';
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`);
  return { payload: Buffer.from(parts.join('')), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

type Report = { state: string; problems: { row: number; column: string; value: string; reason: string; severity: string }[] };

async function settle(app: App, id: string, headers: Record<string, string>): Promise<Report> {
  for (;;) {
    const job = (await app.inject({ method: 'GET', url: `/api/imports/${id}`, headers })).json<Report>();
    if (job.state !== 'validating' && job.state !== 'committing') return job;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('an import report in Ukrainian', async () => {
  const { app } = await testApp();

  it('gives each row problem\u2019s reason in Ukrainian when asked, the same problems otherwise', async () => {
    const csv = 'Title,When,Sensitive\nA,not a date,perhaps\nB,2024-02-30,yes\n';
    const start = await app.inject({ method: 'POST', url: '/api/imports', ...upload({ resource: 'incidents', map: 'occurredFrom=When' }, 'bad.csv', csv) });
    expect(start.statusCode).toBe(202);
    const id = start.json<{ id: string }>().id;
    const en = await settle(app, id, {});
    const uk = await settle(app, id, { 'accept-language': 'uk' });
    expect(en.state).toBe('invalid');
    expect(en.problems.map((p) => p.reason)).toEqual(['must be yes or no (true/false, 1/0)', 'is not a date; write it as YYYY-MM-DD', 'is not a real calendar date']);
    expect(uk.problems.map((p) => p.reason)).toEqual(['має бути «так» або «ні» (true/false, 1/0)', 'не є датою; запишіть її як РРРР-ММ-ДД', 'не є справжньою календарною датою']);
    expect(uk.problems.map(({ reason: _r, ...rest }) => rest)).toEqual(en.problems.map(({ reason: _r, ...rest }) => rest));
  });
});
