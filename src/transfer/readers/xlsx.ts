import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { FileProblem, type CellNote, type CellValue, type ReaderProgress, type SheetRow, type TableReader } from './types.js';
import { excelSerialToInstant } from '../../calendar/index.js';

/**
 * Streaming XLSX through exceljs's WorkbookReader: rows arrive one at a time, never the whole
 * workbook. What a spreadsheet shows is not always what it stores, so:
 * - a formula is read as its saved (cached) result, with a warning; without one it is an error;
 * - a date is whatever the cell stores: a Date when the cell is formatted as a date, else the
 *   serial number (the validator reads serials in date columns, with a warning);
 * - merged cells hold their value only in the top-left cell. A range merged down a column
 *   ("this item, for the next five rows") gives every row the value, with a warning; a range
 *   merged across columns keeps the value in its first column. The ranges are listed at the end of
 *   the sheet's XML, after the rows, so a first quick pass over the raw XML collects them.
 */
export interface XlsxOptions {
  /** Sheet name; default the first visible sheet. */
  sheet?: string;
}

interface Range {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
  ref: string;
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function parseRange(ref: string): Range | null {
  const m = ref.match(/^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i);
  if (!m) return null;
  const c1 = colNumber(m[1]!);
  const r1 = Number(m[2]);
  const c2 = m[3] ? colNumber(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) : r1;
  return { r1: Math.min(r1, r2), r2: Math.max(r1, r2), c1: Math.min(c1, c2), c2: Math.max(c1, c2), ref: ref.toUpperCase() };
}

// exceljs's streaming reader types are loose; these are the parts we use.
interface WsReader extends AsyncIterable<XRow> {
  name: string;
  state?: string;
  iterator: AsyncIterable<Buffer | string>;
}
interface XCell {
  value: unknown;
  numFmt?: string;
}
interface XRow {
  number: number;
  cellCount: number;
  getCell(c: number): XCell;
  eachCell(opts: { includeEmpty: boolean }, f: (cell: XCell, col: number) => void): void;
}

async function* workbookReader(file: string, counter?: (n: number) => void, scanOnly = false): AsyncIterable<WsReader> {
  // Imported on first use: loading exceljs takes ~0.7 s, which every server start used to pay.
  const { default: ExcelJS } = await import('exceljs');
  const input = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  if (counter) input.on('data', (c) => counter((c as Buffer).length));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    // Kept even for the merge scan: without them exceljs spools every sheet to a temporary file.
    sharedStrings: 'cache',
    // Styles tell which numbers are dates.
    styles: scanOnly ? 'ignore' : 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  yield* reader as unknown as AsyncIterable<WsReader>;
}

function pick(ws: WsReader, wanted: string | undefined): boolean {
  return wanted ? ws.name === wanted : ws.state !== 'hidden' && ws.state !== 'veryHidden';
}

/** Pass one: the merged ranges of the chosen sheet, read from its raw XML without parsing cells. */
async function mergedRanges(file: string, sheet: string | undefined): Promise<{ ranges: Range[]; names: string[]; found: boolean }> {
  const names: string[] = [];
  let found = false;
  const ranges: Range[] = [];
  for await (const ws of workbookReader(file, undefined, true)) {
    names.push(ws.name);
    if (found || !pick(ws, sheet)) {
      // Drain what we skip: the zip stream only moves on once an entry is consumed.
      for await (const _ of ws.iterator) void _;
      continue;
    }
    found = true;
    const decoder = new StringDecoder('utf8');
    let tail = '';
    const re = /<mergeCell\b[^>]*\bref="([A-Z]+\d+(?::[A-Z]+\d+)?)"/gi;
    for await (const chunk of ws.iterator) {
      const text = tail + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
      let m: RegExpExecArray | null;
      let consumed = 0;
      re.lastIndex = 0;
      while ((m = re.exec(text))) {
        const r = parseRange(m[1]!);
        if (r) ranges.push(r);
        consumed = re.lastIndex;
      }
      // Keep an unfinished tag for the next chunk.
      tail = text.slice(Math.max(consumed, text.length - 256));
    }
  }
  return { ranges, names, found };
}

function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const f = fmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dmyDMY]/.test(f) && !/^[#0.,%E+\-\s]*$/.test(f);
}

/** A cell as a plain value, plus a note when reading it needed interpretation. */
export function readCell(cell: XCell): { value: CellValue; note?: Omit<CellNote, 'col'> } {
  const v = cell.value;
  if (v === null || v === undefined) return { value: null };
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { value: v };
  if (v instanceof Date) return { value: v };
  const o = v as Record<string, unknown>;
  if ('formula' in o || 'sharedFormula' in o) {
    const formula = String(o.formula ?? o.sharedFormula ?? '');
    const result = o.result;
    if (result === undefined || result === null || (typeof result === 'number' && Number.isNaN(result))) {
      return { value: null, note: { severity: 'error', reason: `formula =${formula} has no saved result; open and save the file in a spreadsheet program, or paste values`, value: `=${formula}` } };
    }
    if (typeof result === 'object' && result !== null && 'error' in (result)) {
      return { value: null, note: { severity: 'error', reason: `formula =${formula} gives the error ${String((result).error)}`, value: `=${formula}` } };
    }
    let value = result as CellValue;
    if (typeof value === 'number' && isDateFormat(cell.numFmt)) value = excelSerialToInstant(value);
    const shown = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
    return { value, note: { severity: 'warning', reason: `formula =${formula}: used its saved result ${shown.slice(0, 100)}`, value: `=${formula}` } };
  }
  if ('richText' in o && Array.isArray(o.richText)) return { value: (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('') };
  if ('text' in o) return { value: typeof o.text === 'string' ? o.text : String((o.text as { richText?: { text: string }[] })?.richText?.map((r) => r.text).join('') ?? '') };
  if ('error' in o) return { value: null, note: { severity: 'error', reason: `the cell holds the error ${String(o.error)}`, value: String(o.error) } };
  return { value: String(v) };
}

export async function openXlsx(file: string, opts: XlsxOptions = {}): Promise<TableReader> {
  const size = (await fs.promises.stat(file)).size;
  let merged: Awaited<ReturnType<typeof mergedRanges>>;
  try {
    merged = await mergedRanges(file, opts.sheet);
  } catch (e) {
    throw new FileProblem(`the file is not a readable XLSX workbook: ${(e as Error).message}`);
  }
  if (!merged.found) {
    throw new FileProblem(opts.sheet ? `the workbook has no sheet "${opts.sheet}"; it has ${merged.names.join(', ')}` : 'the workbook has no visible sheet');
  }
  // Only ranges spanning rows carry a value to other rows; index them by the rows they cover.
  const down = merged.ranges.filter((r) => r.r2 > r.r1);
  const across = merged.ranges.filter((r) => r.c2 > r.c1);
  const byRow = (list: Range[]) => {
    const m = new Map<number, Range[]>();
    for (const r of list) m.set(r.r1, [...(m.get(r.r1) ?? []), r]);
    return m;
  };
  const startsAt = byRow(down);
  const acrossAt = byRow(across);
  let bytesRead = 0;
  let sheetName = '';
  return {
    format: 'xlsx',
    progress: (): ReaderProgress => ({ bytesRead, bytesTotal: size }),
    describe: () => ({ sheet: sheetName, sheets: merged.names, mergedRanges: merged.ranges.map((r) => r.ref) }),
    async *rows(): AsyncIterable<SheetRow> {
      let done = false;
      for await (const ws of workbookReader(file, (n) => (bytesRead += n))) {
        if (done || !pick(ws, opts.sheet)) {
          for await (const _ of ws.iterator) void _;
          continue;
        }
        done = true;
        sheetName = ws.name;
        const topLeft = new Map<Range, CellValue>();
        let active: Range[] = [];
        for await (const xrow of ws) {
          const cells: CellValue[] = [];
          const notes: CellNote[] = [];
          xrow.eachCell({ includeEmpty: false }, (cell, col) => {
            const { value, note } = readCell(cell);
            cells[col - 1] = value;
            if (note) notes.push({ col: col - 1, ...note });
          });
          for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
          const r = xrow.number;
          // Ranges become active at their first row and retire after their last: a sheet with
          // thousands of merged ranges costs per row only the ranges that cover it.
          for (const range of startsAt.get(r) ?? []) {
            topLeft.set(range, cells[range.c1 - 1] ?? null);
            active.push(range);
          }
          active = active.filter((range) => range.r2 >= r);
          for (const range of active) {
            if (r === range.r1) continue;
            const v = topLeft.get(range) ?? null;
            const col = range.c1 - 1;
            if (v !== null && (cells[col] === null || cells[col] === undefined)) {
              while (cells.length <= col) cells.push(null);
              cells[col] = v;
              notes.push({ col, severity: 'warning', reason: `merged cells ${range.ref}: used the value of the range's first row` });
            }
          }
          for (const range of acrossAt.get(r) ?? []) {
            notes.push({ col: range.c1 - 1, severity: 'warning', reason: `merged cells ${range.ref} span columns; the value belongs to the first column only` });
          }
          yield { row: r, cells, notes: notes.length ? notes : undefined };
        }
      }
    },
  };
}
