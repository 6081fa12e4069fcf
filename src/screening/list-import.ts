import type { DB } from '../db/index.js';
import type { JobContext } from '../jobs/index.js';
import { ValidationProblem } from '../problems.js';
import { importList, type ImportOptions, type ImportResult } from './importer.js';
import { screenOrganisations, type ScreeningSummary } from './service.js';
import { invalidateIndex, listsStamp } from './store.js';
import { rescreenDelta, type DeltaScreening } from './delta.js';
import type { ListFormat } from './types.js';

/**
 * A list version imported and, once committed, the organisations re-screened against it: what
 * `remnant lists import` does in the foreground and the `list-import` job does for uploads.
 * A list's first version screens every organisation; a later one is a delta, and only the
 * organisations it can affect are re-screened (`delta.ts`). The import is one transaction; a
 * screening that fails after it leaves the new list in place and is caught up by the automatic
 * round (the lists' stamp changed, so every organisation not carried forward is due).
 */
export async function importAndScreen(
  db: DB,
  opts: ImportOptions & { screen: boolean; onScreening?: () => void },
): Promise<{ import: ImportResult; screening: ScreeningSummary | DeltaScreening | null }> {
  const previousStamp = await listsStamp(db);
  const result = await importList(db, opts);
  invalidateIndex(db);
  if (!opts.screen) return { import: result, screening: null };
  opts.onScreening?.();
  const screening = result.firstVersion ? await screenOrganisations(db) : await rescreenDelta(db, result.importId, previousStamp);
  return { import: result, screening };
}

export const LIST_IMPORT_JOB = 'list-import';

/** What the upload route stores as the job's input (the files are the job's own). */
export interface ListImportInput {
  format?: ListFormat;
  list?: string;
  title?: string;
  versionDate?: string;
  screen: boolean;
}

/**
 * The `list-import` job: the uploaded list (and for OFAC CSV its alt.csv and add.csv, stored
 * under those names so the importer finds them beside the main file), with progress as the main
 * file is read, then the re-screening.
 */
export async function runListImportJob(db: DB, ctx: JobContext): Promise<{ import: ImportResult; screening: ScreeningSummary | DeltaScreening | null }> {
  const input = ctx.input as unknown as ListImportInput;
  const files = await ctx.files();
  if (!files.file) throw new ValidationProblem([{ field: 'file', message: 'is required' }]);
  return importAndScreen(db, {
    file: files.file.path,
    format: input.format,
    slug: input.list,
    title: input.title,
    versionDate: input.versionDate,
    actor: ctx.actor,
    screen: input.screen,
    onProgress: (bytesRead, bytesTotal, entities) => ctx.progress({ phase: 'importing', bytesRead, bytesTotal, entities }),
    onScreening: () => ctx.progress({ phase: 'screening' }),
  });
}
