import { mkdtempSync, writeFileSync, copyFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { SYSTEM_ACTOR } from '../../src/access/index.js';
import { importList, screeningIndex, invalidateIndex } from '../../src/screening/index.js';

const fixture = (name: string) => new URL(`../fixtures/lists/${name}`, import.meta.url).pathname;
let database: TestDatabase;
const dir = mkdtempSync(path.join(tmpdir(), 'remnant-lists-'));

async function entities(slug: string) {
  return database.db
    .selectFrom('sanctionsEntities as e')
    .innerJoin('sanctionsLists as l', 'l.id', 'e.listId')
    .where('l.slug', '=', slug)
    .select(['e.id', 'e.reference', 'e.caption', 'e.otherReferences', 'e.programmes'])
    .orderBy('e.reference')
    .execute();
}

beforeAll(async () => {
  database = await freshDatabase();
});

describe('importing lists', () => {
  it('imports the UN list with its version date and file hash, with progress', async () => {
    const seen: number[] = [];
    const r = await importList(database.db, { file: fixture('un-consolidated.xml'), actor: SYSTEM_ACTOR, onProgress: (read) => seen.push(read) });
    expect(r).toMatchObject({ slug: 'un_sc_sanctions', format: 'un', versionDate: '2024-03-19', entities: 7, added: 7, removed: 0, unchanged: false });
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(seen.at(-1)).toBe(readFileSync(fixture('un-consolidated.xml')).length);
    const list = await database.db.selectFrom('sanctionsLists').selectAll().where('slug', '=', 'un_sc_sanctions').executeTakeFirstOrThrow();
    expect(list.versionDate).toBe('2024-03-19');
    expect(list.entityCount).toBe(7);
  });

  it('re-importing the same version replaces it: no duplicates, same ids', async () => {
    const before = await entities('un_sc_sanctions');
    const r = await importList(database.db, { file: fixture('un-consolidated.xml'), actor: SYSTEM_ACTOR });
    expect(r).toMatchObject({ entities: 7, added: 0, removed: 0, unchanged: true });
    expect(await entities('un_sc_sanctions')).toEqual(before);
    const imports = await database.db.selectFrom('sanctionsListImports').select('id').execute();
    expect(imports).toHaveLength(2);
  });

  it('a new version adds and removes entries by reference', async () => {
    const text = readFileSync(fixture('un-consolidated.xml'), 'utf8')
      .replace('dateGenerated="2024-03-19T10:00:04.433Z"', 'dateGenerated="2024-04-02T10:00:00Z"')
      .replace(/<ENTITY>\s*<DATAID>110420<\/DATAID>[\s\S]*?<\/ENTITY>/, '');
    const file = path.join(dir, 'consolidated.xml');
    writeFileSync(file, text);
    const r = await importList(database.db, { file, actor: SYSTEM_ACTOR });
    expect(r).toMatchObject({ versionDate: '2024-04-02', entities: 6, removed: 1, added: 0 });
    expect((await entities('un_sc_sanctions')).map((e) => e.reference)).not.toContain('KPe.003');
  });

  it('a broken file changes nothing: the previous version stays', async () => {
    const before = await entities('un_sc_sanctions');
    const list = await database.db.selectFrom('sanctionsLists').selectAll().where('slug', '=', 'un_sc_sanctions').executeTakeFirstOrThrow();
    const text = readFileSync(fixture('un-consolidated.xml'), 'utf8');
    const file = path.join(dir, 'broken.xml');
    // Cut off in the middle of the entities: the parser has already COPYed some rows.
    writeFileSync(file, text.slice(0, Math.floor(text.length * 0.8)));
    await expect(importList(database.db, { file, format: 'un', slug: 'un_sc_sanctions', actor: SYSTEM_ACTOR })).rejects.toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ field: 'file' })],
    });
    expect(await entities('un_sc_sanctions')).toEqual(before);
    expect(await database.db.selectFrom('sanctionsLists').selectAll().where('slug', '=', 'un_sc_sanctions').executeTakeFirstOrThrow()).toEqual(list);
  });

  it('refuses an empty list rather than wiping the current one', async () => {
    const file = path.join(dir, 'empty.xml');
    writeFileSync(file, '<?xml version="1.0"?><CONSOLIDATED_LIST dateGenerated="2024-05-01T00:00:00Z"><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>');
    await expect(importList(database.db, { file, slug: 'un_sc_sanctions', actor: SYSTEM_ACTOR })).rejects.toMatchObject({ status: 400 });
    expect(await entities('un_sc_sanctions')).toHaveLength(6);
  });

  it('imports OFAC CSV with its companions, dated by hand', async () => {
    const ofacDir = mkdtempSync(path.join(tmpdir(), 'remnant-ofac-'));
    for (const f of ['sdn.csv', 'alt.csv', 'add.csv']) copyFileSync(fixture(f), path.join(ofacDir, f));
    const r = await importList(database.db, { file: path.join(ofacDir, 'sdn.csv'), versionDate: '2024-03-18', actor: SYSTEM_ACTOR });
    expect(r).toMatchObject({ slug: 'us_ofac_sdn', format: 'ofac', versionDate: '2024-03-18', entities: 6 });
    const komid = (await entities('us_ofac_sdn')).find((e) => e.reference === '9565');
    expect(komid?.caption).toBe('KOREA MINING DEVELOPMENT TRADING CORPORATION');
  });

  it('imports FtM lines, applying sanctions that follow their entity', async () => {
    const r = await importList(database.db, { file: fixture('entities.ftm.json'), slug: 'opensanctions', actor: SYSTEM_ACTOR });
    expect(r).toMatchObject({ format: 'ftm', entities: 3, versionDate: '2024-03-19' });
    const komid = (await entities('opensanctions')).find((e) => e.reference === 'NK-komid');
    expect(komid?.otherReferences).toEqual(['KPe.001']);
    expect(komid?.programmes).toEqual(['DPRK']);
  });

  it('builds the in-memory index from every list, rebuilding when a list changes', async () => {
    invalidateIndex(database.db);
    const first = await screeningIndex(database.db);
    expect(first.index.entityCount).toBe(6 + 6 + 3);
    expect(await screeningIndex(database.db)).toBe(first);
    await importList(database.db, { file: fixture('targets.simple.csv'), slug: 'os-targets', actor: SYSTEM_ACTOR });
    const second = await screeningIndex(database.db);
    expect(second).not.toBe(first);
    expect(second.index.entityCount).toBe(6 + 6 + 3 + 4);
    const [hit] = second.index.match({ names: ['Korea Mining Development Trading Co Ltd'] }, { limit: 5 });
    expect(hit!.result.score).toBe(1);
  });
});
