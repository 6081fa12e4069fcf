/**
 * What a reader yields: rows of cells as the file holds them, numbered as a spreadsheet shows
 * them (the header is row 1 when it is the first line), with notes about cells the reader had to
 * interpret (a formula's cached result, a merged range, an error value).
 */
export type CellValue = string | number | boolean | Date | null;

export interface CellNote {
  /** 0-based column index. */
  col: number;
  severity: 'error' | 'warning';
  reason: string;
  value?: string;
}

export interface SheetRow {
  row: number;
  cells: CellValue[];
  notes?: CellNote[];
}

export interface ReaderProgress {
  bytesRead: number;
  bytesTotal: number | null;
}

/** A problem with the file as a whole (encoding, not a spreadsheet) rather than one cell. */
export class FileProblem extends Error {
  constructor(
    message: string,
    readonly row: number | null = null,
  ) {
    super(message);
  }
}

export interface TableReader {
  format: 'csv' | 'xlsx';
  rows(): AsyncIterable<SheetRow>;
  progress(): ReaderProgress;
  /** Problems found only once the whole file is read (merged ranges, encoding), reported as warnings. */
  describe(): Record<string, unknown>;
}
