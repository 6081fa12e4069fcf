/**
 * Transfer: CSV import of components (validated, identified, stored with their items and makers)
 * against a raw `COPY` of the same file into a plain table on the same server — the ceiling of
 * getting rows into PostgreSQL — and the time of a backup and of a restore of the result.
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import copyStreams from 'pg-copy-streams';
import { SYSTEM_ACTOR } from '../src/access/index.js';
import { importFile } from '../src/transfer/import.js';
import { backup, restore } from '../src/transfer/backup.js';
import { freshDatabase, log, round, tempDir } from './support.js';
import type { BenchOptions, Metric } from './metric.js';

const MAKERS = [
  ['Texas Instruments', 'US'], ['Analog Devices', 'US'], ['Xilinx', 'US'], ['STMicroelectronics', 'CH'], ['Infineon', 'DE'], ['NXP', 'NL'],
  ['Microchip', 'US'], ['Renesas', 'JP'], ['ON Semiconductor', 'US'], ['Maxim Integrated', 'US'], ['Vishay', 'US'], ['Murata', 'JP'],
] as const;
const SUBASSEMBLIES = ['Guidance', 'Navigation', 'Datalink', 'Power', 'Actuation', 'Computer', 'Radio altimeter'];

/** A deterministic pseudo-random sequence, so every run imports the same file. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * A components table shaped like the published studies: one line per component, the weapon
 * sample it came from, its marking (several lines, with a date code), maker, country, part number.
 * Markings repeat across samples (the same parts recur), as in real tables: about one in twenty
 * lines carries a marking not seen before.
 */
export async function writeCsv(file: string, rows: number): Promise<void> {
  const r = rng(42);
  const distinctMarkings = Math.max(100, Math.round(rows / 20));
  const out = await fs.open(file, 'w');
  const batch: string[] = ['Sample,Marking,Manufacturer,Country of origin,Part No.,Sub-assembly,Position,Qty,Notes'];
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  for (let i = 0; i < rows; i++) {
    const m = Math.floor(r() * distinctMarkings);
    const [maker, country] = MAKERS[m % MAKERS.length]!;
    const part = `${maker.slice(0, 2).toUpperCase()}${1000 + (m % 9000)}`;
    const week = String(1 + (m % 52)).padStart(2, '0');
    const year = String(18 + (m % 6));
    const marking = `${part}\n${year}${week} ${String.fromCharCode(65 + (m % 26))}${m}`;
    const sample = `KN-23 sample ${String(Math.floor(i / 300)).padStart(5, '0')}`;
    batch.push([sample, quote(marking), maker, country, part, SUBASSEMBLIES[m % SUBASSEMBLIES.length]!, `U${i % 300}`, String(1 + (i % 3)), ''].join(','));
    if (batch.length >= 10_000) {
      await out.write(batch.join('\n') + '\n');
      batch.length = 0;
    }
  }
  if (batch.length) await out.write(batch.join('\n') + '\n');
  await out.close();
}

/** The columns that carry an import's finished rows from one instance to another (COPY out, COPY in). */
export const FINISHED_COLUMNS = {
  organisations: 'id, name, kind, country, created_by, updated_by',
  component_suggestions: 'id, suggestion',
  items: 'id, label, created_by, updated_by',
  components: 'id, item_id, sub_assembly, position, marking_raw, part_number, maker_id, maker_country, date_code_text, production_from, production_to, lot, category, hs6, chpl_tier, quantity, notes, suggestion_id, ambiguous, envelope_from, envelope_to, suggested_at, confirmed_fields, confirmed_by, confirmed_at, field_status_extra, external_id, created_by, updated_by',
};

export async function bench(opts: BenchOptions): Promise<Metric[]> {
  const rows = Number(process.env.REMNANT_BENCH_IMPORT_ROWS ?? (opts.quick ? 100_000 : 1_000_000));
  const dir = await tempDir('transfer');
  const file = path.join(dir, 'components.csv');
  log(`transfer: writing a ${rows.toLocaleString('en')}-row components CSV…`);
  await writeCsv(file, rows);
  const size = (await fs.stat(file)).size;

  // Baseline: the same bytes straight into a plain table with COPY (no validation, no indexes).
  const raw = await freshDatabase({ poolSize: 2 });
  await raw.pool.query(`CREATE TABLE bench_raw (sample text, marking text, maker text, country text, part text, sub text, pos text, qty text, notes text)`);
  const client = await raw.pool.connect();
  let copySeconds: number;
  try {
    const t0 = performance.now();
    await pipeline(createReadStream(file), client.query(copyStreams.from(`COPY bench_raw FROM STDIN WITH (FORMAT csv, HEADER true)`)));
    copySeconds = (performance.now() - t0) / 1000;
  } finally {
    client.release();
  }
  const copied = (await raw.pool.query(`SELECT count(*)::int AS n FROM bench_raw`)).rows[0].n as number;
  if (copied !== rows) throw new Error(`raw COPY stored ${copied} rows, expected ${rows}`);
  await raw.close();
  log(`transfer: raw COPY ${round(copySeconds, 1)} s`);

  const target = await freshDatabase({ poolSize: 4 });
  const t1 = performance.now();
  const report = await importFile(target.db, SYSTEM_ACTOR, { file, dryRun: false, resource: 'components' });
  const importSeconds = (performance.now() - t1) / 1000;
  if (!report.committed || report.counts.inserted !== rows) {
    throw new Error(`import did not store every row: ${JSON.stringify({ committed: report.committed, counts: report.counts, errors: report.errors, first: report.problems[0] })}`);
  }
  log(`transfer: import ${round(importSeconds, 1)} s (${report.counts.identified} distinct markings identified)`);

  // The same import as an initial load: secondary indexes dropped for the write and built once.
  const bulk = await freshDatabase({ poolSize: 2 });
  const tb = performance.now();
  const bulkReport = await importFile(bulk.db, SYSTEM_ACTOR, { file, dryRun: false, resource: 'components', rebuildIndexes: true });
  const bulkSeconds = (performance.now() - tb) / 1000;
  if (!bulkReport.committed || bulkReport.counts.inserted !== rows) throw new Error('the import with rebuilt indexes did not store every row');
  await bulk.close();
  log(`transfer: import with rebuilt indexes ${round(bulkSeconds, 1)} s`);

  const importRate = rows / importSeconds;
  const copyRate = rows / copySeconds;
  const metrics: Metric[] = [
    {
      name: 'transfer.import_vs_raw_copy_plain_table',
      value: round(importRate, 0),
      unit: 'rows/s',
      baseline: { name: 'raw COPY of the same CSV into a plain table (nine text columns, no index)', value: round(copyRate, 0) },
      ratio: round(importRate / copyRate, 3),
      notes: 'the other reading of the goal\'s baseline: the CSV\'s text stored as it is, unsearchable and unchecked (docs/performance.md, "Components: what a row costs")',
    },
  ];

  // Second reference point: the finished rows (items, makers, components with their derived
  // fields) COPYed straight into an empty instance's real tables — same indexes, same foreign
  // keys, no validation or identification. The gap between this and the plain-table COPY is what
  // the schema itself costs; the gap between this and the import is the import's own work.
  const floor = await freshDatabase({ poolSize: 2 });
  const from = await target.pool.connect();
  const to = await floor.pool.connect();
  let tableCopySeconds: number;
  let bareCopySeconds: number;
  try {
    const cols = FINISHED_COLUMNS;
    const move = (table: keyof typeof cols) =>
      pipeline(from.query(copyStreams.to(`COPY ${table} (${cols[table]}) TO STDOUT`)), to.query(copyStreams.from(`COPY ${table} (${cols[table]}) FROM STDIN`)));
    await to.query('DELETE FROM organisations');
    await move('organisations');
    await move('items');
    await move('component_suggestions');
    const spool = path.join(dir, 'components.copy');
    await pipeline(from.query(copyStreams.to(`COPY components (${cols.components}) TO STDOUT`)), (await import('node:fs')).createWriteStream(spool));
    const t = performance.now();
    await pipeline(createReadStream(spool), to.query(copyStreams.from(`COPY components (${cols.components}) FROM STDIN`)));
    tableCopySeconds = (performance.now() - t) / 1000;
    // Third: the same rows into a table shaped like components (generated columns included) but
    // with no index and no foreign key — what the indexes a searchable table needs cost.
    await to.query(`CREATE TABLE components_bare (LIKE components INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING CONSTRAINTS)`);
    const tc = performance.now();
    await pipeline(createReadStream(spool), to.query(copyStreams.from(`COPY components_bare (${cols.components}) FROM STDIN`)));
    bareCopySeconds = (performance.now() - tc) / 1000;
  } finally {
    from.release();
    to.release();
  }
  await floor.close();
  log(`transfer: COPY of the finished rows into components (all indexes) ${round(tableCopySeconds, 1)} s, into a bare table ${round(bareCopySeconds, 1)} s`);
  // The goal's figure: the import against a raw COPY of the same rows, as the import stores them,
  // into the same table of an empty instance on the same server. First in the table.
  metrics.unshift({
    name: 'transfer.import_csv_components',
    value: round(importRate, 0),
    unit: 'rows/s',
    baseline: { name: 'raw COPY of the same rows, as stored, into the components table of an empty instance (same indexes, foreign keys, trigger)', value: round(rows / tableCopySeconds, 0) },
    ratio: round(importRate / (rows / tableCopySeconds), 3),
    notes: `${rows.toLocaleString('en')} rows, ${round(size / 2 ** 20, 1)} MiB; validated, ${report.counts.identified} distinct markings identified, ${report.counts.createdItems} items and ${report.counts.createdMakers} makers created, all or nothing; goal ratio ≥ 0.5. The COPY does none of the import's work (parsing, validation, identification, references, the content key); the gap is what that work costs`,
  });
  metrics.splice(1, 0, {
    name: 'transfer.import_csv_components_rebuild_indexes',
    value: round(rows / bulkSeconds, 0),
    unit: 'rows/s',
    baseline: { name: 'the same raw COPY into components', value: round(rows / tableCopySeconds, 0) },
    ratio: round(rows / bulkSeconds / (rows / tableCopySeconds), 3),
    notes: 'the same import into an empty instance with --rebuild-indexes: the secondary indexes dropped for the write and built once after it, in the same transaction (readers wait)',
  });
  metrics.push({
    name: 'transfer.copy_into_components_vs_bare_table',
    value: round(rows / tableCopySeconds, 0),
    unit: 'rows/s',
    baseline: { name: 'COPY of the same rows into a table of the same columns without indexes or foreign keys', value: round(rows / bareCopySeconds, 0) },
    ratio: round(bareCopySeconds / tableCopySeconds, 3),
    notes: 'the floor an import cannot go below while the table stays searchable: what maintaining the indexes row by row costs',
  });

  const archive = path.join(dir, 'backup.tar.gz');
  const t2 = performance.now();
  const b = await backup(target.db, archive);
  const backupSeconds = (performance.now() - t2) / 1000;
  const empty = await freshDatabase({ poolSize: 2 });
  const t3 = performance.now();
  const restored = await restore(empty.db, archive);
  const restoreSeconds = (performance.now() - t3) / 1000;
  const archiveMiB = (await fs.stat(archive)).size / 2 ** 20;
  log(`transfer: backup ${round(backupSeconds, 1)} s, restore ${round(restoreSeconds, 1)} s, ${round(archiveMiB, 1)} MiB`);
  metrics.push(
    { name: 'transfer.backup', value: round(backupSeconds, 2), unit: 's', notes: `${b.rows.toLocaleString('en')} rows in ${b.tables} tables, ${b.files} files; archive ${round(archiveMiB, 1)} MiB` },
    { name: 'transfer.restore', value: round(restoreSeconds, 2), unit: 's', notes: `into an empty migrated database, every hash verified (${restored.rows.toLocaleString('en')} rows)` },
  );
  await target.close();
  await empty.close();
  return metrics;
}
