import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { stringify } from 'csv-stringify/sync';
import { SYSTEM_ACTOR } from '../access/index.js';
import { ValidationProblem } from '../problems.js';
import { importFile, type ImportProgress, type ImportReport, IMPORT_RESOURCES, isImportResource, exportCase, exportFtm, exportResource, type ExportFormat, backup, restore, type TransferProgress, listProfiles, type RowProblem } from '../transfer/index.js';
import { withDatabase } from './context.js';

/**
 * `remnant import`, `remnant export`, `remnant backup`, `remnant restore`. Progress goes to
 * stderr (a bar when stderr is a terminal), results to stdout, so that output can be piped.
 * The CLI acts as the system account, like every command run on the server itself.
 */

function collectPairs(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const i = value.indexOf('=');
  if (i <= 0) throw new ValidationProblem([{ field: 'option', message: `"${value}" is not field=value` }]);
  return { ...previous, [value.slice(0, i).trim()]: value.slice(i + 1) };
}

function bar(label: string) {
  if (!process.stderr.isTTY) return null;
  const b = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {phase} | {rows} rows`, stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  return b;
}

function printReport(r: ImportReport, shown: number): void {
  const out = process.stdout;
  out.write(`${r.dryRun ? 'dry run' : r.committed ? 'imported' : 'NOT imported'}: ${r.fileName} (${r.format}, sha256 ${r.fileSha256.slice(0, 16)}…) as ${r.resource}\n`);
  out.write(`  header row ${r.headerRow}; ${r.rowsRead} rows read; ${r.errors} errors, ${r.warnings} warnings\n`);
  out.write(`  mapping: ${Object.entries(r.mapping).map(([f, h]) => `${f} ← "${h}"`).join(', ')}\n`);
  if (r.unmappedHeaders.length) out.write(`  not imported: ${r.unmappedHeaders.map((h) => `"${h}"`).join(', ')}\n`);
  const c = r.counts;
  const verb = r.committed ? '' : 'would be ';
  out.write(`  records: ${c.inserted} ${verb}new, ${c.updated} ${verb}updated${r.committed ? `, ${c.unchanged} unchanged` : ''}, ${c.duplicates} duplicate rows`);
  if (r.resource === 'components') out.write(`; ${c.createdItems} items and ${c.createdMakers} makers ${verb}created; ${c.identified} distinct markings identified (suggestions)`);
  out.write('\n');
  for (const p of r.problems.slice(0, shown)) out.write(`  ${p.severity === 'error' ? 'ERROR' : 'warn '} row ${p.row}${p.column ? `, ${p.column}` : ''}${p.value ? ` "${p.value}"` : ''}: ${p.reason}\n`);
  if (r.errors + r.warnings > shown) out.write(`  … ${r.errors + r.warnings - shown} more problems${''} (write them all with --report problems.csv)\n`);
  if (!r.dryRun && !r.committed) out.write(`  nothing was written: fix the errors and import again (or run with --dry-run to check)\n`);
}

export function registerTransfer(program: Command): void {
  program
    .command('import')
    .description('import a CSV or XLSX table of components, items, incidents, organisations, sources or claims (all or nothing)')
    .argument('<file>', 'the .csv or .xlsx file')
    .option('--resource <resource>', `what the table describes: ${IMPORT_RESOURCES.join(', ')} (default: guessed from the headers)`)
    .option('--dry-run', 'check every row and report problems without writing anything')
    .option('--profile <name>', 'use a saved mapping')
    .option('--save-profile <name>', 'save the mapping used under this name')
    .option('--map <field=Header>', 'read a field from this column (repeatable; an empty Header leaves the field out)', collectPairs, {})
    .option('--set <field=value>', 'value for a field when its column is missing or the cell empty (repeatable)', collectPairs, {})
    .option('--encoding <label>', 'the text encoding of a CSV that is not UTF-8 (e.g. windows-1252)')
    .option('--delimiter <char>', 'CSV delimiter (default: guessed)')
    .option('--sheet <name>', 'XLSX sheet (default: the first visible one)')
    .option('--report <file>', 'write every problem to this CSV (row, column, value, reason, severity)')
    .option('--show <n>', 'problems to print', '30')
    .option('--rebuild-indexes', 'for a load as big as the table: drop its secondary indexes while writing and build them once after (faster; readers wait until the import ends)')
    .addHelpText('after', '\nExamples:\n  remnant import rusi-components.xlsx --dry-run\n  remnant import components.csv --map markingRaw="Markings on chip" --set visibility=internal --save-profile rusi')
    .action(async (file: string, o: {
      resource?: string; dryRun?: boolean; profile?: string; saveProfile?: string; map: Record<string, string>; set: Record<string, string>;
      encoding?: string; delimiter?: string; sheet?: string; report?: string; show: string; rebuildIndexes?: boolean;
    }) => {
      if (o.resource && !isImportResource(o.resource)) throw new ValidationProblem([{ field: 'resource', message: `use one of ${IMPORT_RESOURCES.join(', ')}` }]);
      if (!fs.existsSync(file)) throw new ValidationProblem([{ field: 'file', message: `${file} does not exist` }]);
      const map = Object.fromEntries(Object.entries(o.map).map(([k, v]) => [k, v === '' ? null : v]));
      const reportOut = o.report ? fs.createWriteStream(o.report) : null;
      reportOut?.write(stringify([['row', 'column', 'value', 'reason', 'severity']]));
      const progress = bar(path.basename(file));
      let started = false;
      const onProgress = (p: ImportProgress) => {
        if (!progress) return;
        const total = p.bytesTotal ?? 1;
        if (!started) {
          progress.start(total, 0, { phase: p.phase, rows: 0 });
          started = true;
        }
        progress.update(p.phase === 'reading' ? p.bytesRead : total, { phase: p.phase, rows: p.rowsRead });
      };
      if (!progress) process.stderr.write(`importing ${file}…\n`);
      let report: ImportReport;
      try {
        report = await withDatabase((database) =>
          importFile(database.db, SYSTEM_ACTOR, {
            file, fileName: path.basename(file), resource: o.resource as never, dryRun: !!o.dryRun, profile: o.profile, saveProfileAs: o.saveProfile,
            map, defaults: o.set, encoding: o.encoding, delimiter: o.delimiter, sheet: o.sheet, onProgress, rebuildIndexes: !!o.rebuildIndexes,
            onProblem: reportOut ? (p: RowProblem) => void reportOut.write(stringify([[p.row, p.column, p.value, p.reason, p.severity]])) : undefined,
          }),
        );
      } finally {
        if (started) progress?.stop();
        if (reportOut) await new Promise((r) => reportOut.end(r));
      }
      printReport(report, Number(o.show) || 30);
      if (report.errors > 0 || (!report.dryRun && !report.committed)) process.exitCode = 1;
    });

  program
    .command('export')
    .description('export a list (CSV, JSON Lines, GeoJSON) or FollowTheMoney entities; a whole case with --case')
    .argument('<resource>', 'organisations, sources, claims, incidents, items, custody-events, components (ftm: also "all"; with --case and jsonl: "case")')
    .option('--format <format>', 'csv, jsonl, geojson or ftm', 'csv')
    .option('--out <file>', 'write here instead of stdout')
    .option('--case <id>', 'only the records of this case')
    .option('--public', 'what the public sees: published records only, redacted')
    .action(async (resource: string, o: { format: string; out?: string; case?: string; public?: boolean }) => {
      const format = o.format as ExportFormat;
      if (!['csv', 'jsonl', 'geojson', 'ftm'].includes(format)) throw new ValidationProblem([{ field: 'format', message: 'use csv, jsonl, geojson or ftm' }]);
      const actor = o.public ? null : SYSTEM_ACTOR;
      const out = o.out ? fs.createWriteStream(o.out) : process.stdout;
      const n = await withDatabase(async (database) => {
        const scope = o.case ? { caseId: o.case } : undefined;
        if (resource === 'case') {
          if (!o.case) throw new ValidationProblem([{ field: 'case', message: 'name the case with --case <id>' }]);
          return exportCase(database.db, actor, o.case, out);
        }
        if (format === 'ftm') return exportFtm(database.db, actor, resource, out, { scope });
        return exportResource(database.db, actor, resource, format, out, { scope });
      });
      if (o.out) await new Promise((r) => (out as fs.WriteStream).end(r));
      process.stderr.write(`${n} ${format === 'ftm' ? 'entities' : 'records'} exported${o.out ? ` to ${o.out}` : ''}\n`);
    });

  program
    .command('import-profiles')
    .description('list saved import mappings')
    .action(async () => {
      const profiles = await withDatabase((database) => listProfiles(database.db));
      for (const p of profiles) process.stdout.write(`${p.name} (${p.resource}): ${Object.entries(p.mapping).map(([f, h]) => `${f} ← "${h}"`).join(', ')}\n`);
      if (profiles.length === 0) process.stdout.write('no saved profiles (save one with remnant import … --save-profile NAME)\n');
    });

  const transferBar = (label: string) => {
    const b = bar(label);
    let started = false;
    return {
      onProgress: (p: TransferProgress) => {
        if (!b) return;
        if (!started) {
          b.start(p.total ?? 1, 0, { phase: p.phase, rows: '' });
          started = true;
        }
        b.setTotal(p.total ?? 1);
        b.update(p.done, { phase: p.phase.slice(0, 40), rows: '' });
      },
      stop: () => started && b?.stop(),
    };
  };

  program
    .command('backup')
    .description('write the whole instance (every table and evidence file, with a manifest of SHA-256 hashes) to one archive')
    .argument('<file>', 'the archive to write (a gzip-compressed tar, e.g. remnant-2025-01-31.tar.gz)')
    .action(async (file: string) => {
      const t = transferBar('backup');
      const r = await withDatabase((database) => backup(database.db, file, { onProgress: t.onProgress })).finally(t.stop);
      process.stdout.write(`backup written to ${r.file}: ${r.tables} tables, ${r.rows} rows, ${r.files} evidence files, ${r.bytes} bytes\n`);
    });

  program
    .command('restore')
    .description('rebuild an EMPTY instance from a backup archive, verifying every hash (all or nothing)')
    .argument('<file>', 'the archive written by remnant backup')
    .action(async (file: string) => {
      if (!fs.existsSync(file)) throw new ValidationProblem([{ field: 'file', message: `${file} does not exist` }]);
      const t = transferBar('restore');
      const r = await withDatabase((database) => restore(database.db, file, { onProgress: t.onProgress })).finally(t.stop);
      process.stdout.write(`restored ${r.tables} tables, ${r.rows} rows, ${r.files} evidence files; every SHA-256 verified; audit chain ${r.auditChainOk ? 'intact' : 'BROKEN (it was so in the backup)'}\n`);
      // Restored faithfully, but what was restored fails verification: a problem the operator must see.
      if (!r.auditChainOk) process.exitCode = 1;
    });
}
