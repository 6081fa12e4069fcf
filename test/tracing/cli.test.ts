import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { captureCli } from '../support/cli.js';
import type { App } from '../../src/http/app.js';
import type { TestDatabase } from '../support/db.js';
import { registerTrace } from '../../src/cli/trace.js';

let app: App;
let database: TestDatabase;
let reference: string;

/** Runs `remnant trace …` in-process against the test database and returns what it printed. */
async function run(...args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerTrace(program);
  return (await captureCli(database.url, () => program.parseAsync(['node', 'remnant', 'trace', ...args]))).out;
}

beforeAll(async () => {
  ({ app, database } = await testApp());
  const post = async (url: string, payload: object) => (await app.inject({ method: 'POST', url, payload })).json();
  const org = await post('/api/organisations', { name: 'CLI Test Maker', kind: 'manufacturer', country: 'JP' });
  const item = await post('/api/items', { label: 'CLI item' });
  const comp = await post('/api/components', { itemId: item.id, markingRaw: 'CLI123', partNumber: 'CLI123', makerId: org.id });
  const req = await post('/api/trace-requests', { organisationId: org.id, componentIds: [comp.id] });
  reference = req.reference;
  await post(`/api/trace-requests/${req.id}/transition`, { to: 'sent', on: '2024-05-01' });
});

afterEach(() => {
  process.exitCode = undefined;
});

describe('remnant trace', () => {
  it('lists overdue requests as a table and as JSON', async () => {
    const none = await run('overdue', '--on', '2024-05-29');
    expect(none).toBe('no overdue trace requests on 2024-05-29\n');
    const table = await run('overdue', '--on', '2024-05-30');
    expect(table).toMatch(new RegExp(`${reference}\\s+CLI Test Maker\\s+sent\\s+2024-05-01\\s+2024-05-29\\s+1\\s+until 2024-06-26`));
    const json = JSON.parse(await run('overdue', '--on', '2024-07-01', '--json'));
    expect(json.data[0]).toMatchObject({ reference, deadline: { phase: 'right_of_reply_expired', daysOverdue: 33 } });
  });

  it('prints the letter by reference and writes the PDF', async () => {
    const text = await run('letter', reference);
    expect(text).toContain(`Our reference: ${reference}`);
    expect(text).toContain('Please reply by 29 May 2024');
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'remnant-letter-')), 'letter.pdf');
    const said = await run('letter', reference.toLowerCase(), '--pdf', file);
    expect(said).toContain(`wrote ${file}`);
    expect((await fs.readFile(file)).subarray(0, 5).toString()).toBe('%PDF-');
    await fs.rm(path.dirname(file), { recursive: true });
  });

  it('refuses a malformed id or date with the field named', async () => {
    await expect(run('letter', 'nope')).rejects.toThrow(/reference, such as TR-000042/);
    await expect(run('overdue', '--on', '1 May')).rejects.toThrow(/YYYY-MM-DD/);
    await expect(run('letter', 'TR-999999')).rejects.toThrow(/no trace request with reference TR-999999/);
  });
});
