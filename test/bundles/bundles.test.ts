import fs from 'node:fs/promises';
import { createReadStream, createWriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { SYSTEM_ACTOR } from '../../src/access/index.js';
import * as evidence from '../../src/evidence/index.js';
import { loadDemoIfFirstStart } from '../../src/demo/index.js';
import { computeFindings } from '../../src/findings/index.js';
import { caseRecordIds, exportBundle, importBundle, loadOrCreateKey, trustKey, verifyBundle, BundleRefused, type InstanceKey } from '../../src/bundles/index.js';
import { signBytes } from '../../src/bundles/keys.js';

let source: TestDatabase;
let target: TestDatabase;
let dir: string;
let key: InstanceKey;
let caseId: string;
let bundle: string;
let restrictedId: string;

beforeAll(async () => {
  [source, target] = await Promise.all([freshDatabase(), freshDatabase()]);
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'remnant-bundle-'));
  key = loadOrCreateKey(path.join(dir, 'keys', 'k.pem'));
  await loadDemoIfFirstStart(source.db);
  caseId = (await source.db.selectFrom('cases').select('id').executeTakeFirstOrThrow()).id;
  // A photo on a demo item, so that files travel too.
  const item = await source.db.selectFrom('caseItems').select('itemId').where('caseId', '=', caseId).executeTakeFirstOrThrow();
  await evidence.storeFile(source.db, SYSTEM_ACTOR, { content: Buffer.from('photo bytes of the guidance section\n'), originalName: 'guidance.txt', link: { field: 'itemId', id: item.itemId } });
  // A restricted component created by an analyst: an exporter who may not read it leaves it behind.
  const analyst = await source.db.insertInto('users').values({ username: 'ana', displayName: 'Ana', role: 'analyst' }).returning('id').executeTakeFirstOrThrow();
  const c = await evidence.create(source.db, SYSTEM_ACTOR, evidence.components, { itemId: item.itemId, markingRaw: 'CANARY-RESTRICTED', visibility: 'restricted' });
  restrictedId = c.id as string;
  void analyst;
  // A ruling on one of the case's claims, so that rulings travel too (the demo has none).
  const claimId = [...(await caseRecordIds(source.db, SYSTEM_ACTOR, caseId)).claims!].sort()[0]!;
  await sql`INSERT INTO claim_rulings (claim_id, from_status, to_status, reason, decided_by) VALUES (${claimId}, 'unverified', 'disputed', 'bundle round-trip ruling', ${SYSTEM_ACTOR.id})`.execute(source.db);
  bundle = path.join(dir, 'case.remnant-bundle');
  await exportBundle(source.db, SYSTEM_ACTOR, key, caseId, bundle);
}, 120_000);
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Rewrites a bundle member by member, letting `edit` change, drop or add members. */
async function rewrite(edit: (name: string, body: Buffer) => Buffer | null, extra: { name: string; body: Buffer }[] = []): Promise<string> {
  const out = path.join(dir, `tampered-${Math.random().toString(36).slice(2)}.tar`);
  const pack = tar.pack();
  const written = pipeline(pack, createWriteStream(out));
  const extract = tar.extract();
  extract.on('entry', (h, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: unknown) => chunks.push(c as Buffer));
    stream.on('end', () => {
      const body = edit(h.name, Buffer.concat(chunks));
      if (body) pack.entry({ name: h.name, size: body.length }, body, next);
      else next();
    });
  });
  await pipeline(createReadStream(bundle), extract);
  for (const e of extra) await new Promise<void>((res, rej) => pack.entry({ name: e.name, size: e.body.length }, e.body, (err) => (err ? rej(err) : res())));
  pack.finalize();
  await written;
  return out;
}

async function tableCounts(db: TestDatabase): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['cases', 'items', 'components', 'incidents', 'sources', 'claims', 'organisations', 'evidence_files', 'blobs', 'bundle_imports', 'claim_topics', 'claim_rulings', 'trace_requests', 'trace_hops', 'trace_request_components', 'trace_hop_components']) {
    out[t] = (await db.pool.query(`SELECT count(*)::int AS n FROM ${t}`)).rows[0].n as number;
  }
  return out;
}

describe('signed case bundles', () => {
  it('verifies offline and names the signer', async () => {
    const v = await verifyBundle(bundle);
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.signer!.fingerprint).toBe(key.fingerprint);
    expect(v.manifest!.records.components).toBeGreaterThan(10);
    expect(v.manifest!.members.some((m) => m.path.startsWith('files/'))).toBe(true);
  });

  it('refuses an untrusted signer unless asked, then imports into an empty instance with the same findings', async () => {
    const before = await tableCounts(target);
    await expect(importBundle(target.db, SYSTEM_ACTOR, bundle)).rejects.toThrow(/does not trust/);
    expect(await tableCounts(target)).toEqual(before);

    await trustKey(target.db, SYSTEM_ACTOR, key.publicKey, 'Source lab');
    const r = await importBundle(target.db, SYSTEM_ACTOR, bundle);
    expect(r.alreadyImported).toBe(false);
    expect(r.trusted).toBe(true);
    expect(r.signerName).toBe('Source lab');
    expect(r.counts.components!.created).toBeGreaterThan(10);

    const a = await computeFindings(source.db, SYSTEM_ACTOR, { kind: 'case', id: caseId });
    const b = await computeFindings(target.db, SYSTEM_ACTOR, { kind: 'case', id: caseId });
    // Every figure the same (the intermediaries figure included: trace requests and hops travel); only the time of computing differs.
    const strip = (f: typeof a) => ({ ...f, computedAt: null });
    expect(a.intermediaries).not.toBeNull();
    expect(strip(b)).toEqual(strip(a));
    expect(b.components).toEqual(a.components);

    const prov = await target.db.selectFrom('bundleImports').selectAll().executeTakeFirstOrThrow();
    expect(prov.signerFingerprint).toBe(key.fingerprint);
    expect(prov.trusted).toBe(true);
    const rec = await target.db.selectFrom('bundleImportRecords').selectAll().where('recordType', '=', 'case').executeTakeFirstOrThrow();
    expect(rec.originalId).toBe(caseId);
  });

  it('carries claim topics, claim rulings, and trace requests with their hops (the request a hop prompted included)', async () => {
    const read = async (db: TestDatabase) => ({
      topics: (await db.pool.query('SELECT id, title, kind, case_id FROM claim_topics ORDER BY id')).rows,
      claims: (await db.pool.query('SELECT id, topic_id, status FROM claims WHERE topic_id IS NOT NULL ORDER BY id')).rows,
      rulings: (await db.pool.query("SELECT claim_id, from_status, to_status, reason, decided_at FROM claim_rulings ORDER BY claim_id, decided_at")).rows,
      requests: (await db.pool.query('SELECT id, reference, organisation_id, status, sent_on, parent_request_id, prompted_by_hop_id FROM trace_requests ORDER BY id')).rows,
      requestComponents: (await db.pool.query('SELECT * FROM trace_request_components ORDER BY 1, 2')).rows,
      hops: (await db.pool.query('SELECT id, trace_request_id, seller_id, buyer_id, transfer_date, assessment, document_ref FROM trace_hops ORDER BY id')).rows,
      hopComponents: (await db.pool.query('SELECT * FROM trace_hop_components ORDER BY 1, 2')).rows,
    });
    const a = await read(source);
    const b = await read(target);
    expect(a.topics.length).toBeGreaterThan(0);
    expect(a.claims.length).toBeGreaterThan(0);
    expect(a.rulings.map((r) => r.reason)).toEqual(['bundle round-trip ruling']);
    expect(a.hops.length).toBeGreaterThan(3);
    expect(a.requests.some((r) => r.prompted_by_hop_id !== null)).toBe(true);
    expect(b).toEqual(a);
  });

  it('importing the same bundle again changes nothing', async () => {
    const before = await tableCounts(target);
    const r = await importBundle(target.db, SYSTEM_ACTOR, bundle);
    expect(r.alreadyImported).toBe(true);
    expect(await tableCounts(target)).toEqual(before);
  });

  it('matches records that already exist instead of duplicating them (a fresh export of the same case)', async () => {
    const again = path.join(dir, 'again.tar');
    await exportBundle(source.db, SYSTEM_ACTOR, key, caseId, again);
    const before = await tableCounts(target);
    const r = await importBundle(target.db, SYSTEM_ACTOR, again);
    expect(r.alreadyImported).toBe(false);
    expect(Object.values(r.counts).every((c) => c.created === 0)).toBe(true);
    const after = await tableCounts(target);
    expect({ ...after, bundle_imports: 0 }).toEqual({ ...before, bundle_imports: 0 });
    expect(after.bundle_imports).toBe(before.bundle_imports! + 1);
  });

  it('leaves behind restricted records the exporter may not read', async () => {
    const analyst = await source.db.selectFrom('users').select(['id', 'username']).where('username', '=', 'ana').executeTakeFirstOrThrow();
    const out = path.join(dir, 'analyst.tar');
    await exportBundle(source.db, { id: analyst.id, username: 'ana', role: 'analyst' }, key, caseId, out);
    const text = await fs.readFile(out);
    expect(text.includes(Buffer.from(restrictedId))).toBe(false);
    expect(text.includes(Buffer.from('CANARY-RESTRICTED'))).toBe(false);
    // …and the admin's bundle, which may read it, carries it.
    expect((await fs.readFile(bundle)).includes(Buffer.from('CANARY-RESTRICTED'))).toBe(true);
  });

  describe('tampering is refused with the exact reason, nothing imported', () => {
    const cases: [string, () => Promise<string>, RegExp][] = [
      ['one byte changed in a record', () => rewrite((n, b) => {
        if (n !== 'records/components.jsonl') return b;
        const c = Buffer.from(b);
        c[10] = c[10] === 0x61 ? 0x62 : 0x61;
        return c;
      }), /records\/components\.jsonl has SHA-256 .* the manifest says/],
      ['a missing file', () => rewrite((n, b) => (n.startsWith('files/') ? null : b)), /files\/[0-9a-f]{64} is listed in the manifest but missing/],
      ['a manifest that lists an extra file', () => rewrite((n, b) => {
        if (n !== 'manifest.json') return b;
        const m = JSON.parse(b.toString());
        m.members.push({ path: `files/${'a'.repeat(64)}`, sha256: 'a'.repeat(64), bytes: 1 });
        return Buffer.from(JSON.stringify(m, null, 2) + '\n');
      }), /files\/a{64} is listed in the manifest but missing/],
      ['a member not in the manifest', () => rewrite((_n, b) => b, [{ name: 'files/extra', body: Buffer.from('x') }]), /files\/extra is in the bundle but not in the manifest/],
      ['a wrong signature', () => rewrite((n, b) => {
        if (n !== 'signature.json') return b;
        const s = JSON.parse(b.toString());
        const other = loadOrCreateKey(path.join(dir, 'keys', 'other.pem'));
        s.signature = signBytes(other, Buffer.from('something else'));
        return Buffer.from(JSON.stringify(s));
      }), /signature does not match manifest\.json/],
      ['a bundle from a newer schema', () => rewrite((n, b) => {
        if (n !== 'manifest.json') return b;
        const m = JSON.parse(b.toString());
        m.schemaVersion = 99;
        return Buffer.from(JSON.stringify(m));
      }), /schema version 99 is newer than this instance reads \(2\)/],
    ];
    for (const [what, make, reason] of cases) {
      it(what, async () => {
        const file = await make();
        const v = await verifyBundle(file);
        expect(v.ok).toBe(false);
        expect(v.problems.join('\n')).toMatch(reason);
        const empty = await freshDatabase();
        await trustKey(empty.db, SYSTEM_ACTOR, key.publicKey, 'Source lab');
        const before = await tableCounts(empty);
        const err = await importBundle(empty.db, SYSTEM_ACTOR, file, { allowUntrusted: true }).catch((e) => e);
        expect(err).toBeInstanceOf(BundleRefused);
        expect((err as BundleRefused).problems.join('\n')).toMatch(reason);
        expect(await tableCounts(empty)).toEqual(before);
      });
    }
  });
});
