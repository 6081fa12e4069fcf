import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { SYSTEM_ACTOR } from '../../src/access/index.js';
import { importFile, type ImportReport } from '../../src/transfer/import.js';
import type { RowProblem } from '../../src/transfer/validate.js';

/**
 * Dry-run reports for the files investigators actually have: each malformed input must come back
 * as problems naming row, column, value and reason — never as a crash, and never written.
 */
let database: TestDatabase;
let dir: string;
beforeAll(async () => {
  database = await freshDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'remnant-malformed-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const p = path.join(dir, name);
  await fs.writeFile(p, content);
  return p;
}

async function dryRun(p: string, extra: Partial<Parameters<typeof importFile>[2]> = {}): Promise<ImportReport> {
  const all: RowProblem[] = [];
  const r = await importFile(database.db, SYSTEM_ACTOR, { file: p, dryRun: true, onProblem: (x) => all.push(x), ...extra });
  // Nothing is ever written by a dry run.
  const n = await database.pool.query(`SELECT (SELECT count(*) FROM components) + (SELECT count(*) FROM incidents) + (SELECT count(*) FROM organisations) AS n`);
  expect(Number(n.rows[0].n)).toBe(0);
  // The streamed problems and the report agree.
  expect(all.length).toBe(r.errors + r.warnings);
  return r;
}

const find = (r: ImportReport, pred: (p: RowProblem) => boolean) => r.problems.filter(pred);

describe('dry-run reports for malformed files', () => {
  it('refuses a Windows-1252 CSV with the row and the likely encoding, and imports it when the encoding is named', async () => {
    const text = 'Item,Marking,Manufacturer\nSample A,ABC 123,Société Générale d’Électronique\n';
    const cp1252 = Buffer.from(text.replace('’', '\u0092'), 'latin1');
    const p = await file('cp1252.csv', cp1252);
    const r = await dryRun(p);
    const enc = find(r, (x) => x.column === '(file)');
    expect(enc).toHaveLength(1);
    expect(enc[0]!.severity).toBe('error');
    expect(enc[0]!.reason).toMatch(/not valid UTF-8.*windows-1252/);
    expect(enc[0]!.row).toBe(2);

    const ok = await dryRun(p, { encoding: 'windows-1252' });
    expect(ok.errors).toBe(0);
    expect(ok.rowsRead).toBe(1);
  });

  it('reads UTF-16 (Excel "Unicode text") and a UTF-8 BOM without complaint', async () => {
    const tsv = 'Title\tDate\tPlace\nStrike on Kharkiv\t2024-01-02\tХарків\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]);
    const r = await dryRun(await file('utf16.txt', utf16), { resource: 'incidents' });
    expect(r.errors).toBe(0);
    expect(r.reader.delimiter).toBe('\t');
    const bom = await dryRun(await file('bom.csv', '\ufeffTitle,Date\nStrike,2024-01-02\n'), { resource: 'incidents' });
    expect(bom.mapping).toMatchObject({ title: 'Title', occurredFrom: 'Date' });
    expect(bom.errors).toBe(0);
  });

  it('reports bad values cell by cell: dates, numbers, countries, enums, required fields', async () => {
    const csv = [
      'Title,Date,Latitude,Longitude,Precision,Weapon types',
      'Good,03.01.2024,49.99,36.23,locality,KN-23;KN-24',
      'Ambiguous date,02/03/2024,,,,',
      'Not a date,yesterday,,,,',
      ',2024-01-05,,,,',
      'Bad latitude,2024-01-05,north,36.2,exact,',
      'Out of range,2024-01-05,95,36.2,exact,',
      'Bad precision,2024-01-05,49.9,36.2,somewhere,',
    ].join('\n');
    const r = await dryRun(await file('values.csv', csv), { resource: 'incidents' });
    expect(r.rowsRead).toBe(7);
    const at = (row: number) => r.problems.filter((p) => p.row === row);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual([expect.objectContaining({ column: 'Date', value: '02/03/2024', reason: expect.stringMatching(/ambiguous/), severity: 'error' })]);
    expect(at(4)[0]).toMatchObject({ column: 'Date', value: 'yesterday', reason: expect.stringMatching(/not a date/) });
    expect(at(5)[0]).toMatchObject({ column: 'Title', reason: 'is required' });
    expect(at(6)[0]).toMatchObject({ column: 'Latitude', value: 'north', reason: 'is not a number' });
    expect(at(7)[0]).toMatchObject({ column: 'Latitude', value: '95' });
    expect(at(8)[0]).toMatchObject({ column: 'Precision', value: 'somewhere', reason: expect.stringMatching(/one of exact/) });
    expect(r.errors).toBe(6);
  });

  it('reads dates stored as Excel serial numbers, with a warning', async () => {
    const r = await dryRun(await file('serial.csv', 'Title,Date\nStrike,45293\n'), { resource: 'incidents' });
    expect(r.errors).toBe(0);
    expect(r.problems).toEqual([expect.objectContaining({ row: 2, column: 'Date', value: '45293', severity: 'warning', reason: expect.stringContaining('2024-01-02') })]);
  });

  it('reports a 100,000-character cell against the field limit, with the value cut in the report', async () => {
    const long = 'A'.repeat(100_000);
    const csv = `Item,Marking,Notes\nSample A,ABC 123,${long}\nSample A,"${long}",short\n`;
    const r = await dryRun(await file('long.csv', csv), { resource: 'components' });
    const notes = r.problems.find((p) => p.column === 'Notes')!;
    expect(notes.reason).toMatch(/at most 20000 characters/);
    expect(notes.value.length).toBeLessThan(300);
    expect(notes.value).toMatch(/100000 characters/);
    expect(r.problems.find((p) => p.column === 'Marking')!.reason).toMatch(/at most 10000 characters/);
  });

  it('imports duplicate rows once, with a warning naming the first, and refuses a repeated external id', async () => {
    const csv = ['Item,Marking,Ref', 'Sample A,ABC 123,', 'Sample A,ABC 123,', 'Sample B,ABC 123,', 'Sample B,XYZ,R-1', 'Sample B,XYZ 2,R-1'].join('\n');
    const r = await dryRun(await file('dups.csv', csv), { resource: 'components' });
    expect(r.counts.duplicates).toBe(1);
    expect(r.problems).toContainEqual(expect.objectContaining({ row: 3, severity: 'warning', reason: expect.stringMatching(/identical to row 2/) }));
    // The same marking in another item is another component (the content key is scoped by item).
    expect(r.problems.some((p) => p.row === 4)).toBe(false);
    expect(r.problems).toContainEqual(expect.objectContaining({ row: 6, severity: 'error', reason: 'the same id as row 5' }));
    expect(r.counts.inserted).toBe(3);
  });

  it('names an unknown reference and a mapping problem', async () => {
    const r = await dryRun(await file('refs.csv', 'Item id,Marking\n00000000-0000-4000-8000-000000000000,ABC\n'), { resource: 'components' });
    expect(r.problems[0]).toMatchObject({ row: 2, column: 'Item id', reason: expect.stringMatching(/no item you can see has this id/) });
    await expect(dryRun(await file('nomarking.csv', 'Item,Colour\nA,red\n'), { resource: 'components' })).rejects.toMatchObject({
      status: 400, errors: [expect.objectContaining({ field: 'map.markingRaw', message: expect.stringMatching(/required/) })],
    });
    await expect(dryRun(await file('badmap.csv', 'Item,Marking\nA,B\n'), { resource: 'components', map: { colour: 'Item' } })).rejects.toMatchObject({
      status: 400, errors: [expect.objectContaining({ field: 'map.colour' })],
    });
  });

  it('XLSX: merged cells fill down with a warning, formulas give their cached result with a warning, date cells and serials are dates', async () => {
    const workbook = async (broken: boolean) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Components');
      ws.addRow(['Table 3: components recovered from KN-23 debris']);
      ws.addRow([]);
      ws.addRow(['Item', 'Marking', 'Qty', 'Production date', 'Lot']);
      ws.addRow(['Sample A', 'TI 7805', 2, new Date(Date.UTC(2023, 4, 17)), 'L1']);
      ws.addRow([null, 'ADI AD9361', { formula: 'C4*2', result: 4 }, 45000, 'L2']);
      if (broken) {
        ws.addRow([null, 'XC7Z020', { formula: 'C4+C5' }, null, 'L3']);
        ws.addRow(['Sample B', 'STM32F405', 1, null, { error: '#N/A' }]);
      }
      ws.mergeCells(broken ? 'A4:A6' : 'A4:A5');
      ws.getCell('D4').numFmt = 'yyyy-mm-dd';
      const p = path.join(dir, broken ? 'table.xlsx' : 'table-fixed.xlsx');
      await wb.xlsx.writeFile(p);
      return p;
    };
    const p = await workbook(true);

    const r = await dryRun(p, { resource: 'components' });
    expect(r.format).toBe('xlsx');
    expect(r.headerRow).toBe(3);
    expect(r.rowsRead).toBe(4);
    expect(r.reader.mergedRanges).toEqual(['A4:A6']);
    const at = (row: number) => r.problems.filter((x) => x.row === row);
    expect(at(1)).toEqual([expect.objectContaining({ severity: 'warning', reason: expect.stringMatching(/above the header/) })]);
    expect(at(5)).toContainEqual(expect.objectContaining({ column: 'Item', severity: 'warning', reason: expect.stringMatching(/merged cells A4:A6/) }));
    expect(at(5)).toContainEqual(expect.objectContaining({ column: 'Qty', value: '=C4*2', severity: 'warning', reason: expect.stringMatching(/saved result 4/) }));
    expect(at(5)).toContainEqual(expect.objectContaining({ column: 'Production date', severity: 'warning', reason: expect.stringMatching(/Excel date serial: 2023-03-15/) }));
    expect(at(6)).toContainEqual(expect.objectContaining({ column: 'Qty', severity: 'error', reason: expect.stringMatching(/has no saved result/) }));
    expect(at(7)).toContainEqual(expect.objectContaining({ column: 'Lot', severity: 'error', reason: expect.stringMatching(/#N\/A/) }));
    // All three merged rows belong to Sample A: one item would be created for it, one for Sample B.
    expect(r.counts.createdItems).toBe(2);

    // Without the two broken rows it commits, and the merged item and the date cell arrive as values.
    const c = await importFile(database.db, SYSTEM_ACTOR, { file: await workbook(false), dryRun: false, resource: 'components' });
    expect(c.problems.filter((x) => x.severity === 'error')).toEqual([]);
    expect(c.committed).toBe(true);
    const rows = await database.pool.query(`SELECT i.label, c.marking_raw, c.quantity, c.production_from::text AS pf FROM components c JOIN items i ON i.id = c.item_id ORDER BY c.marking_raw`);
    expect(rows.rows).toEqual([
      { label: 'Sample A', marking_raw: 'ADI AD9361', quantity: 4, pf: '2023-03-15' },
      { label: 'Sample A', marking_raw: 'TI 7805', quantity: 2, pf: '2023-05-17' },
    ]);
    await database.pool.query(`DELETE FROM components; DELETE FROM items; DELETE FROM organisations`);
  });
});

describe('rules across fields', () => {
  it('finds what the database would refuse, even when only one of the fields has a column', async () => {
    const r = await dryRun(await file('half.csv', 'Title,Date,Latitude,End date\nA,2024-01-05,49.9,2024-01-01\n'), { resource: 'incidents' });
    expect(r.problems.map((p) => p.reason)).toEqual(expect.arrayContaining([
      'lat and lon must be given together', 'is required when coordinates are given', 'must not be before occurredFrom (2024-01-05)',
    ]));
  });
});
