import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import tar from 'tar-stream';
import type { DB } from '../db/index.js';
import { readableBy, type Actor } from '../access/index.js';
import { recordWrite, audited } from '../audit/index.js';
import { assertCaseReadable, exportFtm } from '../transfer/index.js';
import { BUNDLE_FORMAT, BUNDLE_SCHEMA_VERSION, BUNDLED_TABLES, FTM_MEMBER, MANIFEST, SIGNATURE, fileMember, recordsMember, type BundleManifest, type BundleSignature } from './format.js';
import { instanceIdentity } from './instance.js';
import { signBytes, type InstanceKey } from './keys.js';

export interface BundleProgress {
  phase: string;
  done: number;
  total: number | null;
}

export interface ExportResult {
  file: string;
  records: Record<string, number>;
  files: number;
  bytes: number;
  fingerprint: string;
}

type Row = Record<string, unknown>;

/**
 * The ids of each kind of record in one case that the actor may read (bundles and evidence packages). A bundle holds
 * exactly what its exporter could see: restricted records they were not granted stay behind,
 * and so do links to them.
 */
export async function caseRecordIds(db: DB, actor: Actor | null, caseId: string): Promise<Record<string, Set<string>>> {
  const ids = async (q: { execute(): Promise<{ id: unknown }[]> }) => new Set((await q.execute()).map((r) => String(r.id)));
  const none = ['00000000-0000-0000-0000-000000000000'];
  const arr = (s: Set<string>) => (s.size ? [...s] : none);
  const incidents = await ids(db.selectFrom('incidents').select('id').where(readableBy(actor))
    .where('id', 'in', db.selectFrom('caseIncidents').select('incidentId').where('caseId', '=', caseId)));
  const items = await ids(db.selectFrom('items').select('id').where(readableBy(actor))
    .where((eb) => eb.or([
      eb('id', 'in', db.selectFrom('caseItems').select('itemId').where('caseId', '=', caseId)),
      eb('incidentId', 'in', arr(incidents)),
    ])));
  const components = await ids(db.selectFrom('components').select('id').where(readableBy(actor)).where('itemId', 'in', arr(items)));
  const custody = await ids(db.selectFrom('custodyEvents').select('id').where(readableBy(actor)).where('itemId', 'in', arr(items)));
  const claimIds = db.selectFrom('caseClaims').select('claimId as id').where('caseId', '=', caseId)
    .union(db.selectFrom('incidentClaims').select('claimId as id').where('incidentId', 'in', arr(incidents)));
  const sources = await ids(db.selectFrom('sources').select('id').where(readableBy(actor)).where((eb) => eb.or([
    eb('id', 'in', db.selectFrom('caseSources').select('sourceId').where('caseId', '=', caseId)),
    eb('id', 'in', db.selectFrom('incidentSources').select('sourceId').where('incidentId', 'in', arr(incidents))),
    eb('id', 'in', db.selectFrom('claims').select('sourceId').where('id', 'in', claimIds)),
  ])));
  const claims = await ids(db.selectFrom('claims').select('id').where(readableBy(actor)).where('id', 'in', claimIds).where('sourceId', 'in', arr(sources)));
  // Trace requests and hops about the case's components (tracing is never public: the public reads none).
  let requests = await ids(db.selectFrom('traceRequests').select('id').where(readableBy(actor))
    .where('id', 'in', db.selectFrom('traceRequestComponents').select('traceRequestId').where('componentId', 'in', arr(components))));
  let hops = await ids(db.selectFrom('traceHops').select('id').where(readableBy(actor))
    .where('id', 'in', db.selectFrom('traceHopComponents').select('traceHopId').where('componentId', 'in', arr(components))));
  const organisations = await ids(db.selectFrom('organisations').select('id').where(readableBy(actor)).where((eb) => eb.or([
    eb('id', 'in', db.selectFrom('components').select('makerId').where('id', 'in', arr(components)).where('makerId', 'is not', null)),
    eb('id', 'in', db.selectFrom('traceRequests').select('organisationId').where('id', 'in', arr(requests))),
    eb('id', 'in', db.selectFrom('traceHops').select('sellerId').where('id', 'in', arr(hops))),
    eb('id', 'in', db.selectFrom('traceHops').select('buyerId').where('id', 'in', arr(hops))),
  ])));
  // A request or hop naming an organisation the exporter may not read stays behind with it.
  requests = await ids(db.selectFrom('traceRequests').select('id').where('id', 'in', arr(requests)).where('organisationId', 'in', arr(organisations)));
  hops = await ids(db.selectFrom('traceHops').select('id').where('id', 'in', arr(hops))
    .where('sellerId', 'in', arr(organisations)).where('buyerId', 'in', arr(organisations)));
  // Makers' parents travel too: findings count by the parent (headquarters) as well as the maker.
  for (let frontier = organisations; frontier.size;) {
    const parents = await ids(db.selectFrom('organisations').select('id').where(readableBy(actor))
      .where('id', 'in', db.selectFrom('organisations').select('parentId').where('id', 'in', [...frontier]).where('parentId', 'is not', null)));
    frontier = new Set([...parents].filter((p) => !organisations.has(p)));
    for (const p of frontier) organisations.add(p);
  }
  const files = await ids(db.selectFrom('evidenceFiles').select('id').where(readableBy(actor)).where((eb) => eb.or([
    eb('incidentId', 'in', arr(incidents)), eb('itemId', 'in', arr(items)), eb('componentId', 'in', arr(components)),
    eb('sourceId', 'in', arr(sources)), eb('claimId', 'in', arr(claims)), eb('organisationId', 'in', arr(organisations)),
    eb('traceRequestId', 'in', arr(requests)),
  ])));
  // The case's claim topics, and those its claims answer.
  const topics = await ids(db.selectFrom('claimTopics').select('id').where(readableBy(actor)).where((eb) => eb.or([
    eb('caseId', '=', caseId), eb('id', 'in', db.selectFrom('claims').select('topicId').where('id', 'in', arr(claims)).where('topicId', 'is not', null)),
  ])));
  const suggestions = await ids(db.selectFrom('components').select('suggestionId as id').distinct().where('id', 'in', arr(components)).where('suggestionId', 'is not', null));
  return {
    component_suggestions: suggestions, organisations, sources, claims, incidents, items, custody_events: custody, components,
    cases: new Set([caseId]), evidence_files: files, claim_topics: topics, trace_requests: requests, trace_hops: hops,
  };
}

/** Rows as the database holds them (snake_case, generated columns left out: the target recomputes them). */
async function rowsOf(db: DB, table: string, where: ReturnType<typeof sql>): Promise<Row[]> {
  // Identity columns too: their numbers are this instance's own sequence.
  const generated = await sql<{ column: string }>`SELECT column_name AS column FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name = ${table} AND (is_generated = 'ALWAYS' OR identity_generation = 'ALWAYS')`.execute(db);
  // to_jsonb(...)::text: the CamelCasePlugin would rename the keys of a json column, not of text.
  const r = await sql<{ r: string }>`SELECT to_jsonb(t)::text AS r FROM ${sql.table(table)} t WHERE ${where}`.execute(db);
  const drop = generated.rows.map((g) => g.column);
  return r.rows.map((x) => {
    const row = JSON.parse(x.r) as Row;
    for (const d of drop) delete row[d];
    return row;
  });
}

const keyOf = (row: Row, key: string[]) => key.map((k) => String(row[k])).join('|');

/** Each table's rows, references outside the bundle cut, in a stable order (same data, same bytes). */
async function caseRecords(db: DB, actor: Actor, caseId: string): Promise<Map<string, Row[]>> {
  const ids = await caseRecordIds(db, actor, caseId);
  const out = new Map<string, Row[]>();
  for (const t of BUNDLED_TABLES) {
    let rows: Row[];
    if (ids[t.name]) {
      const list = [...ids[t.name]!];
      rows = list.length ? await rowsOf(db, t.name, sql`t.id = ANY(${list}::uuid[])`) : [];
    } else {
      // A link table or a ruling: only rows whose every reference travels.
      const refs = Object.entries(t.refs!).map(([col, target]) => ({ col, list: [...ids[target]!] }));
      rows = refs.every((r) => r.list.length)
        ? await rowsOf(db, t.name, sql.join(refs.map((r) => sql`${sql.ref(`t.${r.col}`)} = ANY(${r.list}::uuid[])`), sql` AND `))
        : [];
    }
    for (const row of rows) {
      for (const [col, target] of Object.entries(t.refs ?? {})) {
        if (ids[t.name] && row[col] != null && !ids[target]!.has(String(row[col]))) row[col] = null;
      }
    }
    rows.sort((x, y) => keyOf(x, t.key).localeCompare(keyOf(y, t.key)));
    out.set(t.name, rows);
  }
  return out;
}

function addEntry(pack: tar.Pack, name: string, body: Buffer, mtime: Date): Promise<void> {
  return new Promise((resolve, reject) => pack.entry({ name, size: body.length, mode: 0o644, mtime }, body, (e) => (e ? reject(e) : resolve())));
}

/** Streams one blob into the archive: files are never held all together in memory. */
function addBlob(db: DB, pack: tar.Pack, sha256: string, size: number, mtime: Date): Promise<void> {
  return new Promise((resolve, reject) => {
    const entry = pack.entry({ name: fileMember(sha256), size, mode: 0o644, mtime }, (e) => (e ? reject(e) : resolve()));
    sql<{ content: Buffer }>`SELECT content FROM blobs WHERE sha256 = ${sha256}`.execute(db).then((r) => {
      entry.end(r.rows[0]!.content);
    }, reject);
  });
}

const sha256Of = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Writes a signed bundle of one case to `file`. Records are gathered first (rows of 10,000
 * components are a few MB), so that the manifest with every member's hash can open the archive;
 * files follow, one at a time, straight from the database.
 */
export async function exportBundle(db: DB, actor: Actor, key: InstanceKey, caseId: string, file: string, onProgress: (p: BundleProgress) => void = () => {}): Promise<ExportResult> {
  await assertCaseReadable(db, actor, caseId);
  onProgress({ phase: 'records', done: 0, total: null });
  const records = await caseRecords(db, actor, caseId);
  const caseRow = records.get('cases')![0]!;
  const exportedAt = new Date();

  const bodies: { path: string; body: Buffer }[] = [];
  for (const [table, rows] of records) bodies.push({ path: recordsMember(table), body: Buffer.from(rows.map((r) => JSON.stringify(r) + '\n').join('')) });
  const ftm = new PassThrough();
  const chunks: Buffer[] = [];
  ftm.on('data', (c: Buffer) => chunks.push(c));
  await exportFtm(db, actor, 'all', ftm, { scope: { caseId } });
  ftm.end();
  bodies.push({ path: FTM_MEMBER, body: Buffer.concat(chunks) });

  const blobs = new Map<string, number>();
  for (const f of records.get('evidence_files')!) blobs.set(String(f.sha256), Number(f.size_bytes));
  const blobList = [...blobs].sort(([a], [b]) => a.localeCompare(b));

  const instance = await instanceIdentity(db);
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    schemaVersion: BUNDLE_SCHEMA_VERSION,
    exportedAt: exportedAt.toISOString(),
    instance,
    exportedBy: actor.username,
    case: { id: caseId, title: String(caseRow.title) },
    records: Object.fromEntries([...records].map(([t, rows]) => [t, rows.length])),
    members: [
      ...bodies.map((b) => ({ path: b.path, sha256: sha256Of(b.body), bytes: b.body.length })),
      ...blobList.map(([sha, bytes]) => ({ path: fileMember(sha), sha256: sha, bytes })),
    ],
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2) + '\n');
  const signature: BundleSignature = { algorithm: 'Ed25519', publicKey: key.publicKey, fingerprint: key.fingerprint, signature: signBytes(key, manifestBytes) };

  const pack = tar.pack();
  const written = pipeline(pack as unknown as Readable, fs.createWriteStream(file));
  try {
    await addEntry(pack, MANIFEST, manifestBytes, exportedAt);
    await addEntry(pack, SIGNATURE, Buffer.from(JSON.stringify(signature, null, 2) + '\n'), exportedAt);
    for (const b of bodies) await addEntry(pack, b.path, b.body, exportedAt);
    let done = 0;
    for (const [sha, size] of blobList) {
      await addBlob(db, pack, sha, size, exportedAt);
      onProgress({ phase: 'files', done: ++done, total: blobList.length });
    }
    pack.finalize();
    await written;
  } catch (e) {
    pack.destroy(e as Error);
    await written.catch(() => {});
    await fs.promises.rm(file, { force: true });
    throw e;
  }
  const bytes = (await fs.promises.stat(file)).size;
  // Records leaving the instance, restricted ones included: who took what, signed by which key.
  await audited(db, (trx) => recordWrite(trx, {
    actorId: actor.id, action: 'export', recordType: 'bundle_export', recordId: caseId,
    after: { case: manifest.case, manifestSha256: sha256Of(manifestBytes), fingerprint: key.fingerprint, records: manifest.records, files: blobList.length, bytes },
  }));
  return { file, records: manifest.records, files: blobList.length, bytes, fingerprint: key.fingerprint };
}
