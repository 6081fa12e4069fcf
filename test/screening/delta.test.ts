import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { buildApp } from '../../src/http/app.js';
import { loadConfig } from '../../src/config.js';
import { SYSTEM_ACTOR } from '../../src/access/index.js';
import { dueCount, importAndScreen, listDelta, listMatches, listsStamp } from '../../src/screening/index.js';

/**
 * A new version of a list is applied as a delta: entries added, changed and
 * removed by their reference; only the organisations the delta can reach are
 * re-screened; a removed entry closes its matches, which stay as history.
 */
let database: TestDatabase;
const dir = mkdtempSync(path.join(tmpdir(), 'remnant-delta-'));
const orgs = {} as Record<'dandong' | 'ocean' | 'bakery' | 'pine', string>;

function entity(id: string, name: string, aliases: string[] = []) {
  return JSON.stringify({ id, schema: 'Company', properties: { name: [name], alias: aliases, country: ['kp'] }, datasets: ['delta_test'], target: true });
}

function version(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

async function screenedAt(id: string) {
  return database.db.selectFrom('organisationScreenings').select(['screenedAt', 'listsStamp']).where('organisationId', '=', id).executeTakeFirstOrThrow();
}

const V1 = [
  entity('E1', 'Dandong Hongxiang Industrial Development Co., Ltd.'),
  entity('E2', 'Korea Mirae Shipping Company'),
  entity('E3', 'Green Pine Associated Corporation'),
  entity('E4', 'Tangun Trading Corporation'),
];

beforeAll(async () => {
  database = await freshDatabase();
  const add = async (name: string, country: string) => {
    const r = await database.db
      .insertInto('organisations')
      .values({ name, kind: 'distributor', country, createdBy: SYSTEM_ACTOR.id, updatedBy: SYSTEM_ACTOR.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  };
  orgs.dandong = await add('Dandong Hongxiang Industrial Development', 'CN');
  orgs.ocean = await add('Ocean Star Shipping Limited', 'KP');
  orgs.bakery = await add('Example Bakery GmbH', 'DE');
  orgs.pine = await add('Green Pine Associated Corp', 'KP');
});

describe('list updates as deltas', () => {
  it('screens every organisation against a list’s first version (no delta)', async () => {
    const r = await importAndScreen(database.db, { file: version('v1.ftm.json', V1), format: 'ftm', slug: 'delta_test', actor: SYSTEM_ACTOR, screen: true });
    expect(r.import).toMatchObject({ firstVersion: true, added: 4, changed: 0, removed: 0 });
    expect(r.screening).toMatchObject({ organisations: 4 });
    const found = (await listMatches(database.db, SYSTEM_ACTOR, { limit: 50, offset: 0 })).data.map((m) => `${m.organisationName} ~ ${m.entityReference}`);
    expect(found.sort()).toEqual(['Dandong Hongxiang Industrial Development ~ E1', 'Green Pine Associated Corp ~ E3']);
  });

  it('a changed alias re-screens the organisation it now reaches, a removed entry the one it matched; nobody else', async () => {
    const before = { dandong: await screenedAt(orgs.dandong), bakery: await screenedAt(orgs.bakery) };
    const v2 = [V1[0]!, entity('E2', 'Korea Mirae Shipping Company', ['Ocean Star Shipping Co.']), V1[3]!];
    const r = await importAndScreen(database.db, { file: version('v2.ftm.json', v2), format: 'ftm', slug: 'delta_test', actor: SYSTEM_ACTOR, screen: true });
    expect(r.import).toMatchObject({ firstVersion: false, added: 0, changed: 1, removed: 1, entities: 3 });
    expect(r.screening).toMatchObject({ total: 4, rescreened: 2, organisations: 2 });

    // Untouched organisations were not screened again, yet are current against the new lists.
    const stamp = await listsStamp(database.db);
    for (const k of ['dandong', 'bakery'] as const) {
      const now = await screenedAt(orgs[k]);
      expect(now.screenedAt).toEqual(before[k].screenedAt);
      expect(now.listsStamp).toBe(stamp);
    }
    expect(await dueCount(database.db)).toBe(0);

    const ocean = (await listMatches(database.db, SYSTEM_ACTOR, { organisationId: orgs.ocean, limit: 10, offset: 0 })).data;
    expect(ocean.map((m) => m.entityReference)).toEqual(['E2']);
  });

  it('a removed entry closes its matches, kept in history with the import that closed them', async () => {
    const open = (await listMatches(database.db, SYSTEM_ACTOR, { organisationId: orgs.pine, limit: 10, offset: 0 })).data;
    expect(open).toEqual([]);
    const all = (await listMatches(database.db, SYSTEM_ACTOR, { organisationId: orgs.pine, includeStale: true, limit: 10, offset: 0 })).data;
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ entityReference: 'E3', stale: true, entityListed: false });
    expect(all[0]!.closedAt).not.toBeNull();
  });

  it('records the delta with each changed entry’s matches', async () => {
    const d = await listDelta(database.db, SYSTEM_ACTOR, { list: 'delta_test' });
    expect(d.import).toMatchObject({ listSlug: 'delta_test', firstVersion: false, added: 0, changed: 1, removed: 1, rescreened: 2, organisations: 4 });
    expect(d.changes.map((c) => [c.change, c.reference])).toEqual([
      ['changed', 'E2'],
      ['removed', 'E3'],
    ]);
    const changed = d.changes[0]!;
    expect(changed.namesBefore?.map((n) => n.value)).not.toContain('Ocean Star Shipping Co.');
    expect(changed.namesAfter?.map((n) => n.value)).toContain('Ocean Star Shipping Co.');
    expect(changed.matches.map((m) => m.organisationId)).toEqual([orgs.ocean]);
    const removed = d.changes[1]!;
    expect(removed.matches).toHaveLength(1);
    expect(removed.matches[0]).toMatchObject({ organisationId: orgs.pine, stale: true });
    expect(removed.matches[0]!.closedAt).not.toBeNull();
  });

  it('an entry back on its list reopens the match its removal closed', async () => {
    const r = await importAndScreen(database.db, { file: version('v3.ftm.json', V1), format: 'ftm', slug: 'delta_test', actor: SYSTEM_ACTOR, screen: true });
    expect(r.import).toMatchObject({ added: 1, changed: 1, removed: 0 });
    const pine = (await listMatches(database.db, SYSTEM_ACTOR, { organisationId: orgs.pine, limit: 10, offset: 0 })).data;
    expect(pine).toHaveLength(1);
    expect(pine[0]).toMatchObject({ entityReference: 'E3', stale: false, closedAt: null });
  });

  it('GET /api/screening/changes shows an import’s delta; a bad import id is a 400 naming the field', async () => {
    const app = await buildApp({ db: database.db, config: loadConfig({}), resolveActor: async () => SYSTEM_ACTOR });
    await app.ready();
    try {
      const ok = await app.inject({ method: 'GET', url: '/api/screening/changes?list=delta_test' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().changes.map((c: { change: string; reference: string }) => `${c.change} ${c.reference}`)).toEqual(['added E3', 'changed E2']);
      const bad = await app.inject({ method: 'GET', url: '/api/screening/changes?import=abc' });
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(bad.json())).toContain('import');
      const none = await app.inject({ method: 'GET', url: '/api/screening/changes?list=no_such_list' });
      expect(none.statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});
