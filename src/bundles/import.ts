import { sql } from 'kysely';
import type { DB } from '../db/index.js';
import type { Actor } from '../access/index.js';
import { recordWrite, audited } from '../audit/index.js';
import { Problem } from '../problems.js';
import { BUNDLED_TABLES, recordsMember } from './format.js';
import { trustedKey } from './trust.js';
import { verifyBundle, type Verification } from './verify.js';
import type { BundleProgress } from './export.js';

type Row = Record<string, unknown>;

export interface ImportResult {
  importId: string;
  alreadyImported: boolean;
  trusted: boolean;
  signerName: string | null;
  /** Per table: records created here, and records that already existed and were matched. */
  counts: Record<string, { created: number; matched: number }>;
  files: number;
  verification: Verification;
}

/** A bundle refused: 422 with every reason, so the API, CLI and web app show the same list. */
export class BundleRefused extends Problem {
  constructor(readonly problems: string[], detail?: string) {
    super(422, 'Bundle refused', detail ?? problems[0] ?? 'the bundle was refused', { problems });
  }
}

const BATCH = 1000;

async function columnsOf(trx: DB, table: string): Promise<{ columns: string[]; userColumns: Set<string> }> {
  const cols = await sql<{ c: string }>`SELECT column_name AS c FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name = ${table} AND is_generated = 'NEVER' AND identity_generation IS DISTINCT FROM 'ALWAYS'
    ORDER BY ordinal_position`.execute(trx);
  const users = await sql<{ c: string }>`SELECT a.attname AS c FROM pg_constraint k
    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
    WHERE k.contype = 'f' AND k.conrelid = ${table}::regclass AND k.confrelid = 'users'::regclass`.execute(trx);
  return { columns: cols.rows.map((r) => r.c), userColumns: new Set(users.rows.map((r) => r.c)) };
}

/**
 * Imports a verified bundle in one transaction. Records keep their ids; one that already exists
 * here (same id, or same external id under another id) is matched and left as it is, and
 * references to it are rewritten. Accounts do not travel: the importing actor becomes the
 * records' creator here, and the bundle's provenance (instance, key, time, original ids) is kept
 * in `bundle_imports` / `bundle_import_records`. A bundle already imported changes nothing.
 */
export async function importBundle(db: DB, actor: Actor, file: string, opts: { allowUntrusted?: boolean; onProgress?: (p: BundleProgress) => void } = {}): Promise<ImportResult> {
  const progress = opts.onProgress ?? (() => {});
  progress({ phase: 'verifying', done: 0, total: null });
  const v = await verifyBundle(file);
  if (!v.ok || !v.manifest || !v.signer || !v.manifestSha256) throw new BundleRefused(v.problems);
  const trust = await trustedKey(db, v.signer.publicKey);
  if (!trust && !opts.allowUntrusted) {
    throw new BundleRefused([`signed by key ${v.signer.fingerprint}, which this instance does not trust: an admin can trust it (remnant bundle trust ${v.signer.publicKey} --name …) or import it marked untrusted (--allow-untrusted)`]);
  }
  const manifest = v.manifest;
  const prior = await db.selectFrom('bundleImports').select(['id', 'counts']).where('manifestSha256', '=', v.manifestSha256).executeTakeFirst();
  if (prior) {
    return { importId: prior.id, alreadyImported: true, trusted: !!trust, signerName: trust?.name ?? null, counts: {}, files: 0, verification: v };
  }

  return audited(db, async (trx) => {
    const records = new Map<string, Row[]>();
    let files = 0;
    const wanted = new Map(BUNDLED_TABLES.map((t) => [recordsMember(t.name), t.name]));
    progress({ phase: 'files', done: 0, total: manifest.members.filter((m) => m.path.startsWith('files/')).length });
    // Second pass, now writing: the file is read again, so it is hashed again; a file changed
    // between the passes fails the check below and the transaction rolls back.
    const again = await verifyBundle(file, async (name, body) => {
      const table = wanted.get(name);
      if (table) records.set(table, body.toString('utf8').split('\n').filter((l) => l.length).map((l) => JSON.parse(l) as Row));
      else if (name.startsWith('files/')) {
        const sha = name.slice('files/'.length);
        await sql`INSERT INTO blobs (sha256, size_bytes, content) VALUES (${sha}, ${body.length}, ${body}) ON CONFLICT (sha256) DO NOTHING`.execute(trx);
        progress({ phase: 'files', done: ++files, total: null });
      }
    });
    if (!again.ok || again.manifestSha256 !== v.manifestSha256) throw new BundleRefused(again.problems.length ? again.problems : ['the bundle changed while it was being imported']);

    const idMap = new Map<string, Map<string, string>>();
    const counts: ImportResult['counts'] = {};
    const provenance: { recordType: string; originalId: string; localId: string; matched: boolean }[] = [];
    const deferred: { table: string; col: string; target: string; id: string; value: string }[] = [];
    for (const t of BUNDLED_TABLES) {
      progress({ phase: `records: ${t.name}`, done: 0, total: null });
      const rows = records.get(t.name) ?? [];
      const { columns, userColumns } = await columnsOf(trx, t.name);
      for (const row of rows) {
        for (const [col, target] of Object.entries(t.refs ?? {})) {
          const mapped = row[col] != null ? idMap.get(target)?.get(String(row[col])) : undefined;
          if (mapped) row[col] = mapped;
        }
        for (const c of userColumns) if (c in row && row[c] != null) row[c] = actor.id;
        for (const col of t.later ?? []) {
          if (row[col] != null) deferred.push({ table: t.name, col, target: t.refs![col]!, id: String(row.id), value: String(row[col]) });
          row[col] = null;
        }
      }
      const matches = new Map<string, string>();
      if (t.key.length === 1 && rows.length) {
        const ids = rows.map((r) => String(r.id));
        const byId = await sql<{ id: string }>`SELECT id::text AS id FROM ${sql.table(t.name)} WHERE id = ANY(${ids}::uuid[])`.execute(trx);
        for (const r of byId.rows) matches.set(r.id, r.id);
        if (columns.includes('external_id')) {
          const ext = rows.filter((r) => r.external_id != null && !matches.has(String(r.id)));
          if (ext.length) {
            const found = await sql<{ id: string; externalId: string }>`SELECT id::text AS id, external_id FROM ${sql.table(t.name)} WHERE external_id = ANY(${ext.map((r) => String(r.external_id))}::text[])`.execute(trx);
            const byExt = new Map(found.rows.map((r) => [r.externalId, r.id]));
            for (const r of ext) {
              const local = byExt.get(String(r.external_id));
              if (local) matches.set(String(r.id), local);
            }
          }
        }
        idMap.set(t.name, matches);
      }
      const fresh = t.key.length === 1 ? rows.filter((r) => !matches.has(String(r.id))) : rows;
      // A unique label another instance also used (trace request TR-000001) keeps its record apart with the source's suffix.
      for (const col of t.renameOnClash ?? []) {
        const values = fresh.map((r) => r[col]).filter((x) => x != null).map(String);
        if (!values.length) continue;
        const taken = new Set((await sql<{ v: string }>`SELECT ${sql.ref(col)}::text AS v FROM ${sql.table(t.name)} WHERE ${sql.ref(col)} = ANY(${values}::text[])`.execute(trx)).rows.map((r) => r.v));
        for (const r of fresh) if (r[col] != null && taken.has(String(r[col]))) r[col] = `${String(r[col])}-${manifest.instance.id.slice(0, 8)}`;
      }
      const list = sql.join(columns.map((c) => sql.ref(c)));
      // A natural key without a constraint (rulings): a row already here with the same key values is skipped.
      const notHere = t.natural
        ? sql`WHERE NOT EXISTS (SELECT 1 FROM ${sql.table(t.name)} x WHERE ${sql.join(t.key.map((k) => sql`x.${sql.ref(k)} = r.${sql.ref(k)}`), sql` AND `)})`
        : sql``;
      let created = 0;
      for (let i = 0; i < fresh.length; i += BATCH) {
        const batch = fresh.slice(i, i + BATCH);
        const r = await sql`INSERT INTO ${sql.table(t.name)} (${list})
          SELECT ${list} FROM jsonb_populate_recordset(NULL::${sql.table(t.name)}, ${JSON.stringify(batch)}::jsonb) r ${notHere}
          ON CONFLICT DO NOTHING`.execute(trx);
        created += Number(r.numAffectedRows ?? 0);
      }
      counts[t.name] = { created, matched: rows.length - created };
      if (t.recordType) {
        for (const r of rows) {
          const id = String(r.id);
          provenance.push({ recordType: t.recordType, originalId: id, localId: matches.get(id) ?? id, matched: matches.has(id) });
        }
      }
    }

    // The references that close a cycle, now that both ends are in; a record matched here keeps its own.
    for (const d of deferred) {
      const id = idMap.get(d.table)?.get(d.id) ?? d.id;
      const value = idMap.get(d.target)?.get(d.value) ?? d.value;
      await sql`UPDATE ${sql.table(d.table)} SET ${sql.ref(d.col)} = ${value}::uuid WHERE id = ${id}::uuid AND ${sql.ref(d.col)} IS NULL`.execute(trx);
    }

    const imp = await trx.insertInto('bundleImports').values({
      manifestSha256: v.manifestSha256!,
      sourceInstanceId: manifest.instance.id,
      sourceInstanceName: manifest.instance.name,
      signerPublicKey: v.signer!.publicKey,
      signerFingerprint: v.signer!.fingerprint,
      signerName: trust?.name ?? null,
      trusted: !!trust,
      caseId: idMap.get('cases')?.get(manifest.case.id) ?? manifest.case.id,
      exportedAt: manifest.exportedAt,
      importedBy: actor.id,
      counts: JSON.stringify(counts),
    }).returning('id').executeTakeFirstOrThrow();
    const importId = imp.id;
    for (let i = 0; i < provenance.length; i += BATCH) {
      await trx.insertInto('bundleImportRecords').values(provenance.slice(i, i + BATCH).map((p) => ({ importId, ...p }))).execute();
    }
    await recordWrite(trx, {
      actorId: actor.id, action: 'import', recordType: 'bundle_import', recordId: importId,
      after: { case: manifest.case, from: manifest.instance, signer: v.signer!.fingerprint, trusted: !!trust, exportedAt: manifest.exportedAt, counts, files },
    });
    return { importId, alreadyImported: false, trusted: !!trust, signerName: trust?.name ?? null, counts, files, verification: v };
  });
}
