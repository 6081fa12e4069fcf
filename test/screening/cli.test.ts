import { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { captureCli } from '../support/cli.js';
import type { App } from '../../src/http/app.js';
import type { TestDatabase } from '../support/db.js';
import { registerLists } from '../../src/cli/lists.js';
import { registerScreen } from '../../src/cli/screen.js';

let app: App;
let database: TestDatabase;
const fixture = (name: string) => new URL(`../fixtures/lists/${name}`, import.meta.url).pathname;

/** Runs `remnant …` in-process against the test database and returns what it printed. */
async function run(...args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerLists(program);
  registerScreen(program);
  return (await captureCli(database.url, () => program.parseAsync(['node', 'remnant', ...args]))).out;
}

beforeAll(async () => {
  ({ app, database } = await testApp());
  const r = await app.inject({ method: 'POST', url: '/api/organisations', payload: { name: 'Korea Ryonbong General Corp.', kind: 'manufacturer', country: 'KP' } });
  expect(r.statusCode).toBe(201);
});

describe('remnant lists / screen', () => {
  it('imports a list, re-screens, and lists it', async () => {
    const text = await run('lists', 'import', fixture('un-consolidated.xml'));
    expect(text).toContain('un_sc_sanctions: 7 entries (version 2024-03-19');
    expect(text).toMatch(/screened \d+ organisations: [1-9]\d* matches to review/);
    expect(await run('lists')).toContain('un_sc_sanctions  UN Security Council Consolidated List  version 2024-03-19  7 entries');
  });

  it('screen --json reports the queue', async () => {
    const out = JSON.parse(await run('screen', '--json'));
    expect(out.summary.lists).toBe(1);
    expect(out.pending).toContainEqual(expect.objectContaining({ organisationName: 'Korea Ryonbong General Corp.', entityReference: 'KPe.002' }));
  });

  it('refuses an unknown format', async () => {
    await expect(run('lists', 'import', fixture('sdn.csv'), '--format', 'pdf')).rejects.toMatchObject({ status: 400 });
  });
});
