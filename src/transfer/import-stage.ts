import { ValidationProblem } from '../problems.js';
import { detectResource, mapHeaders, missingRequired, type ImportResource } from './mapping.js';
import { RowValidator, reportValue, type RowProblem } from './validate.js';
import { FileProblem, type SheetRow, type TableReader } from './readers/types.js';
import { CopyWriter, type Session } from './session.js';

import { sql } from 'kysely';
import { type ImportProgress, colId, exec, type Staged } from './import-common.js';

/** Step 1 of an import: stream the file, find its header, validate each row and COPY the normalised values with their problems into the staging table. */

const HEADER_SCAN_ROWS = 20;

function cellText(c: unknown): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c).trim();
}

function isBlank(r: SheetRow): boolean {
  return r.cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}

interface StageOptions {
  resource: ImportResource | undefined;
  map: Record<string, string | null>;
  defaults: Record<string, string>;
  onProgress?: (p: ImportProgress) => void;
}

function chooseHeader(rows: SheetRow[], resource: ImportResource | undefined, map: Record<string, string | null>): { index: number; resource: ImportResource } | null {
  let best: { index: number; resource: ImportResource; score: number } | null = null;
  rows.forEach((r, index) => {
    const headers = r.cells.map(cellText);
    const candidates = resource ? [resource] : [detectResource(headers)].filter((x): x is ImportResource => x !== null);
    for (const res of candidates) {
      const { mapping } = mapHeaders(res, headers, resource ? map : {});
      const score = mapping.columns.size;
      if (score > 0 && (!best || score > best.score)) best = { index, resource: res, score };
    }
  });
  return best;
}

export async function stage(session: Session, reader: TableReader, o: StageOptions): Promise<Staged> {
  const iterator = reader.rows()[Symbol.asyncIterator]();
  const head: SheetRow[] = [];
  let fileProblem: FileProblem | null = null;
  try {
    while (head.length < HEADER_SCAN_ROWS) {
      const n = await iterator.next();
      if (n.done) break;
      if (!isBlank(n.value)) head.push(n.value);
    }
  } catch (e) {
    if (!(e instanceof FileProblem)) throw e;
    fileProblem = e;
  }
  if (head.length === 0) {
    throw new ValidationProblem([{ field: 'file', message: fileProblem ? fileProblem.message : 'the file has no rows' }]);
  }
  // The header is the row (among the first few) whose cells name the most fields: published
  // tables often carry a title or notes above it.
  const chosen = chooseHeader(head, o.resource, o.map);
  if (!chosen) {
    throw new ValidationProblem([
      {
        field: o.resource ? 'map' : 'resource',
        message: o.resource
          ? `no column of the file (${head[0]!.cells.map(cellText).filter(Boolean).slice(0, 10).map((h) => `"${h}"`).join(', ')}) matches a field of ${o.resource}; it needs ${missingRequired({ resource: o.resource, columns: new Map(), headers: new Map(), unmapped: [] }, o.defaults).map((p) => p.field).join(' and ')}; map columns with field=Header`
          : 'cannot tell what the table describes; name the resource',
      },
    ]);
  }
  const headerRow = head[chosen.index]!;
  const headers = headerRow.cells.map(cellText);
  const { mapping, problems: mapProblems } = mapHeaders(chosen.resource, headers, o.map);
  const validator = new RowValidator(mapping, o.defaults);
  const missing = [...mapProblems, ...missingRequired(mapping, o.defaults), ...validator.defaultProblems()];
  if (missing.length) throw new ValidationProblem(missing.map((p) => ({ field: `map.${p.field}`, message: p.message })));

  const fields = validator.fields;
  await exec(session, sql`CREATE TEMP TABLE _imp (row_no integer NOT NULL, has_error boolean NOT NULL, problems jsonb, ${sql.join(fields.map((f) => sql`${colId(f.name)} text`))}) ON COMMIT DROP`);
  const copy = new CopyWriter(session.client, `COPY _imp FROM STDIN`);
  let rowsRead = 0;
  const fileProblems: RowProblem[] = head.slice(0, chosen.index).map((r) => ({
    row: r.row, column: '', value: reportValue(r.cells.map(cellText).join(' ').trim()), reason: 'above the header row; not imported', severity: 'warning',
  }));
  const fileRow = (problem: FileProblem) =>
    fileProblems.push({ row: problem.row ?? rowsRead + headerRow.row + 1, column: '(file)', value: '', reason: problem.message, severity: 'error' });
  const emit = async (r: SheetRow, extra: RowProblem[] = []) => {
    if (isBlank(r)) return;
    rowsRead++;
    const p = validator.validate(r);
    const problems = extra.length ? [...extra, ...p.problems] : p.problems;
    await copy.line([
      String(p.row),
      p.hasError || extra.some((x) => x.severity === 'error') ? 't' : 'f',
      problems.length ? JSON.stringify(problems.map(({ column, value, reason, severity }) => ({ column, value, reason, severity }))) : null,
      ...p.values,
    ]);
    if (rowsRead % 2000 === 0) o.onProgress?.({ phase: 'reading', rowsRead, ...reader.progress() });
  };
  for (const [i, r] of head.entries()) {
    if (i > chosen.index) await emit(r);
  }
  if (fileProblem) fileRow(fileProblem);
  else {
    try {
      for (;;) {
        const n = await iterator.next();
        if (n.done) break;
        await emit(n.value);
      }
    } catch (e) {
      if (!(e instanceof FileProblem)) throw e;
      fileRow(e);
    }
  }
  await copy.end();
  // Temporary tables have no statistics until asked: without them the planner guesses a few
  // thousand rows and sorts a million wide rows for merge joins where a hash join would do.
  await session.client.query('ANALYZE _imp');
  o.onProgress?.({ phase: 'reading', rowsRead, ...reader.progress() });
  const mappedFields = new Set([...mapping.columns.keys(), ...Object.keys(o.defaults)]);
  return { mapping, headerRow: headerRow.row, rowsRead, reader, mappedFields, fileProblems };
}
