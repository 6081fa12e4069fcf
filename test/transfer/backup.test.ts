import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import tar from 'tar-stream';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { SYSTEM_ACTOR } from '../../src/access/index.js';
import * as evidence from '../../src/evidence/index.js';
import { backup, restore, type Manifest } from '../../src/transfer/backup.js';
import { Problem } from '../../src/problems.js';

let source: TestDatabase;
let dir: string;
beforeAll(async () => {
  source = await freshDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'remnant-backup-'));
  const org = await evidence.create(source.db, SYSTEM_ACTOR, evidence.organisations, { name: 'Example Distribution Ltd', kind: 'distributor', country: 'HK' });
  const sub = await evidence.create(source.db, SYSTEM_ACTOR, evidence.organisations, { name: 'Example Sub', kind: 'broker', parentId: org.id });
  void sub;
  const src = await evidence.create(source.db, SYSTEM_ACTOR, evidence.sources, { kind: 'news_report', title: 'Report\twith tab\nand newline \\ backslash', fullText: 'Ünïcødé text' });
  const inc = await evidence.create(source.db, SYSTEM_ACTOR, evidence.incidents, { title: 'Strike', occurredFrom: '2024-01-02', lat: 49.99, lon: 36.23, locationPrecision: 'locality', weaponTypes: ['KN-23'], sourceIds: [src.id] });
  const item = await evidence.create(source.db, SYSTEM_ACTOR, evidence.items, { label: 'KN-23 remnant', incidentId: inc.id });
  await evidence.create(source.db, SYSTEM_ACTOR, evidence.components, { itemId: item.id, markingRaw: 'TI 7805', partNumber: 'UA7805' });
  await evidence.storeFile(source.db, SYSTEM_ACTOR, { content: Buffer.from('field note: photo of the guidance section\n'), originalName: 'note.txt', link: { field: 'itemId', id: item.id as string } });
  await evidence.storeFile(source.db, SYSTEM_ACTOR, { content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(64).fill(0)]), originalName: 'x.png' }).catch(() => {});
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function counts(db: TestDatabase): Promise<Record<string, number>> {
  const tables = await db.pool.query<{ relname: string }>(`SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND relkind = 'r' ORDER BY 1`);
  const out: Record<string, number> = {};
  for (const t of tables.rows) out[t.relname] = (await db.pool.query(`SELECT count(*)::int AS n FROM "${t.relname}"`)).rows[0].n as number;
  return out;
}

/** Every index of the public schema (restore drops those behind no constraint and builds them at the end). */
async function indexes(db: TestDatabase): Promise<unknown[]> {
  return (await db.pool.query(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2`)).rows;
}

async function members(file: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const extract = tar.extract();
  // Backups are gzip-compressed tar archives.
  createReadStream(file).pipe(createGunzip()).pipe(extract);
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const c of entry) chunks.push(c as Buffer);
    out.set(entry.header.name, Buffer.concat(chunks));
  }
  return out;
}

async function writeTar(file: string, entries: [string, Buffer][]): Promise<void> {
  const pack = tar.pack();
  for (const [name, body] of entries) pack.entry({ name }, body);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  await fs.writeFile(file, Buffer.concat(chunks));
}

describe('backup and restore', () => {
  it('writes one archive with a manifest of hashes, and restores an empty instance to identical counts and file hashes', async () => {
    const file = path.join(dir, 'b.tar');
    const r = await backup(source.db, file);
    expect(r.files).toBeGreaterThanOrEqual(1);
    const m = await members(file);
    const manifest = JSON.parse(m.get('manifest.json')!.toString()) as Manifest;
    expect(manifest.migrations.map((x) => x.name)).toContain('0060_transfer.sql');
    for (const t of manifest.tables) expect(createHash('sha256').update(m.get(t.member)!).digest('hex')).toBe(t.sha256);
    for (const b of manifest.blobs) expect(createHash('sha256').update(m.get(`blobs/${b.sha256}`)!).digest('hex')).toBe(b.sha256);
    // Every member is listed: nothing travels unhashed.
    expect([...m.keys()].sort()).toEqual(['manifest.json', ...manifest.tables.map((t) => t.member), ...manifest.blobs.map((b) => `blobs/${b.sha256}`)].sort());

    const target = await freshDatabase();
    const restored = await restore(target.db, file);
    expect(restored.auditChainOk).toBe(true);
    expect(await counts(target)).toEqual(await counts(source));
    expect(await indexes(target)).toEqual(await indexes(source));
    const hashes = async (d: TestDatabase) => (await d.pool.query(`SELECT sha256, encode(sha256(content), 'hex') AS actual FROM blobs ORDER BY 1`)).rows;
    expect(await hashes(target)).toEqual(await hashes(source));
    for (const row of await hashes(target)) expect(row.actual).toBe(row.sha256);
    const same = async (d: TestDatabase) => (await d.pool.query(`SELECT title, text_sha256, search::text FROM sources`)).rows;
    expect(await same(target)).toEqual(await same(source));
    // The audit log's hash chain survives the trip, and new writes chain onto it.
    const next = await evidence.create(target.db, SYSTEM_ACTOR, evidence.organisations, { name: 'After restore', kind: 'other' });
    expect(next.id).toBeTruthy();

    // A second restore into the now populated instance is refused, and changes nothing.
    const before = await counts(target);
    await expect(restore(target.db, file)).rejects.toThrow(/empty instance/);
    expect(await counts(target)).toEqual(before);
  });

  it('refuses a damaged archive and leaves the target empty', async () => {
    const file = path.join(dir, 'b2.tar');
    await backup(source.db, file);
    const m = await members(file);
    const manifest = JSON.parse(m.get('manifest.json')!.toString()) as Manifest;
    const victim = manifest.tables.find((t) => t.name === 'sources')!.member;
    const damaged = [...m.entries()].map(([name, body]): [string, Buffer] => {
      if (name !== victim) return [name, body];
      const copy = Buffer.from(body);
      copy[copy.indexOf('Report')] = 'X'.charCodeAt(0);
      return [name, copy];
    });
    const bad = path.join(dir, 'damaged.tar');
    await writeTar(bad, damaged);
    const target = await freshDatabase();
    const empty = await counts(target);
    const err = await restore(target.db, bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Problem);
    expect((err as Problem).detail).toMatch(/sources\.tsv does not match the manifest/);
    expect(await counts(target)).toEqual(empty);
    expect(await indexes(target)).toEqual(await indexes(source));

    // The backup itself is compressed; a cut-off compressed archive is refused as damaged.
    const raw = await fs.readFile(file);
    expect([...raw.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    const cut = path.join(dir, 'cut.tar.gz');
    await fs.writeFile(cut, raw.subarray(0, Math.floor(raw.length / 2)));
    await expect(restore(target.db, cut)).rejects.toBeInstanceOf(Problem);
    expect(await counts(target)).toEqual(empty);

    // A truncated archive (the files left off) is refused too.
    const truncated = path.join(dir, 'truncated.tar');
    await writeTar(truncated, [...m.entries()].filter(([name]) => !name.startsWith('blobs/')));
    await expect(restore(target.db, truncated)).rejects.toThrow(/lacks \d+ members|could not be restored/);
    expect(await counts(target)).toEqual(empty);
  });
});
