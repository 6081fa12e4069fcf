import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DB } from '../db/index.js';
import { poolOf } from '../db/index.js';
import { assertCanWrite, type Actor } from '../access/index.js';
import { inOpenTransaction, recordWrite } from '../audit/index.js';
import { Problem, Unauthorized, ValidationProblem } from '../problems.js';
import { FIELDS, isImportResource } from './mapping.js';
import { openCsv } from './readers/csv.js';
import { openXlsx } from './readers/xlsx.js';
import { type TableReader } from './readers/types.js';
import { closeSession, openSession } from './session.js';
import { loadProfile, saveProfile } from './profiles.js';
import { type ImportPhase, type ImportOptions, type ImportReport, ProblemSink, collectProblems } from './import-common.js';
export type { ImportPhase, ImportProgress, ImportOptions, ImportCounts, ImportReport } from './import-common.js';
import { stage } from './import-stage.js';
import { check } from './import-check.js';
import { identify } from './import-identify.js';
import { write } from './import-write.js';

/**
 * Import of a CSV or XLSX table into one resource, all or nothing:
 *
 * 1. stream the file, map its headers, validate each row (pure, `validate.ts`) and COPY the
 *    normalised values — with each row's problems — into a temporary staging table;
 * 2. check the whole file at once in SQL: duplicate rows, records the rows refer to (items,
 *    sources, makers…), records they would update and whether the actor may change them;
 * 3. components: run each distinct marking through the identification engine once;
 * 4. dry run: report and roll back. Commit: refuse if any row has an error, else write every
 *    record with set-based `INSERT … SELECT … ON CONFLICT`, one audit entry for the import, COMMIT.
 *
 * Everything from step 1 on is one transaction on one connection: a failure or a killed process
 * leaves nothing behind. Re-importing a file changes nothing: a row is keyed by its `id` column
 * (our exports), else its external id, else a content key — the SHA-256 of the normalised row
 * (which for components includes the item it names), stored as the record's external id.
 */

export async function hashFile(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

async function sniffFormat(file: string): Promise<'csv' | 'xlsx'> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const b = Buffer.alloc(4);
    await fh.read(b, 0, 4, 0);
    // XLSX is a zip archive: "PK\x03\x04".
    return b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04 ? 'xlsx' : 'csv';
  } finally {
    await fh.close();
  }
}

export async function openReader(opts: Pick<ImportOptions, 'file' | 'format' | 'encoding' | 'delimiter' | 'sheet'>): Promise<TableReader> {
  const format = opts.format ?? (await sniffFormat(opts.file));
  return format === 'xlsx' ? openXlsx(opts.file, { sheet: opts.sheet }) : openCsv(opts.file, { encoding: opts.encoding, delimiter: opts.delimiter });
}

export async function importFile(db: DB, actor: Actor | null, opts: ImportOptions): Promise<ImportReport> {
  if (!actor) throw new Unauthorized('sign in to import records');
  if (opts.resource !== undefined && !isImportResource(opts.resource)) {
    throw new ValidationProblem([{ field: 'resource', message: `cannot import "${String(opts.resource)}"; use one of ${Object.keys(FIELDS).join(', ')}` }]);
  }
  const profile = opts.profile ? await loadProfile(db, opts.profile) : null;
  if (profile && opts.resource && profile.resource !== opts.resource) {
    throw new ValidationProblem([{ field: 'profile', message: `profile "${profile.name}" is for ${profile.resource}, not ${opts.resource}` }]);
  }
  const resource0 = opts.resource ?? profile?.resource;
  if (resource0) (assertCanWrite as (...a: unknown[]) => void)(actor, 'create', undefined, { recordType: resource0 });
  else assertCanWrite(actor, 'create');

  const fileSha256 = hashFile(opts.file);
  fileSha256.catch(() => {});
  const reader = await openReader({
    file: opts.file,
    format: opts.format,
    encoding: opts.encoding ?? (profile?.options.encoding),
    delimiter: opts.delimiter ?? (profile?.options.delimiter),
    sheet: opts.sheet ?? (profile?.options.sheet),
  });
  const importId = randomUUID();
  const sink = new ProblemSink(opts.onProblem);
  const session = await openSession(poolOf(db));
  let failure: unknown;
  try {
    await session.client.query('BEGIN');
    // Large set-based statements want room to sort and hash in memory.
    await session.client.query(`SET LOCAL work_mem = '64MB'`);
    const staged = await stage(session, reader, {
      resource: resource0,
      map: { ...(profile?.mapping ?? {}), ...(opts.map ?? {}) },
      defaults: { ...(profile?.defaults ?? {}), ...(opts.defaults ?? {}) },
      onProgress: opts.onProgress,
    });
    const resource = staged.mapping.resource;
    if (!resource0) (assertCanWrite as (...a: unknown[]) => void)(actor, 'create', undefined, { recordType: resource });
    const progress = (phase: ImportPhase) => opts.onProgress?.({ phase, rowsRead: staged.rowsRead, ...reader.progress() });

    progress('checking');
    const counts = await check(session, actor, staged);
    if (resource === 'components') {
      progress('identifying');
      counts.identified = await identify(session);
    }
    const problems = await collectProblems(session, sink, opts.reportLimit ?? 1000);
    const canCommit = !opts.dryRun && sink.count.error === 0 && staged.rowsRead > 0;
    let committed = false;
    if (canCommit) {
      progress('writing');
      // The session's transaction was begun by hand above (BEGIN, COPY, temporary tables) and commits below.
      Object.assign(counts, await write(inOpenTransaction(session), actor, staged, opts.rebuildIndexes === true));
      await recordWrite(inOpenTransaction(session.db), {
        actorId: actor.id,
        action: 'import',
        recordType: resource,
        recordId: importId,
        after: {
          file: opts.fileName ?? path.basename(opts.file),
          sha256: await fileSha256,
          format: reader.format,
          mapping: Object.fromEntries(staged.mapping.headers),
          counts,
          warnings: sink.count.warning,
        },
      });
      await session.client.query('COMMIT');
      committed = true;
    } else {
      await session.client.query('ROLLBACK');
    }
    if (opts.saveProfileAs && (committed || opts.dryRun)) {
      await saveProfile(db, actor, {
        name: opts.saveProfileAs,
        resource,
        mapping: Object.fromEntries(staged.mapping.headers),
        defaults: { ...(profile?.defaults ?? {}), ...(opts.defaults ?? {}) },
        options: reader.format === 'csv'
          ? { ...(opts.encoding ? { encoding: opts.encoding } : {}), delimiter: String(reader.describe().delimiter) }
          : { sheet: String(reader.describe().sheet) },
      });
    }
    progress('done');
    return {
      importId,
      resource,
      fileName: opts.fileName ?? path.basename(opts.file),
      fileSha256: await fileSha256,
      format: reader.format,
      reader: reader.describe(),
      headerRow: staged.headerRow,
      mapping: Object.fromEntries(staged.mapping.headers),
      unmappedHeaders: staged.mapping.unmapped,
      rowsRead: staged.rowsRead,
      errors: sink.count.error,
      warnings: sink.count.warning,
      problems,
      problemsTruncated: problems.length < sink.count.error + sink.count.warning,
      counts,
      dryRun: opts.dryRun,
      committed,
    };
  } catch (e) {
    failure = e;
    await session.client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    closeSession(session, failure instanceof Problem ? undefined : failure);
  }
}

export { type RowProblem } from './validate.js';
