import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../access/index.js';
import { ValidationProblem } from '../problems.js';
import { evidencePackage } from '../package/index.js';
import { withDatabase } from './context.js';
import { isLanguage, LANGUAGES } from '../messages/index.js';

/** `remnant package <item|case> <id> <file.pdf> [--public] [--produced-at <iso>] [--language en|uk]` (docs/bundles.md, docs/i18n.md). */
export function registerPackage(program: Command): void {
  program
    .command('package')
    .description('write the evidence package (PDF) of an item or a case')
    .argument('<kind>', 'item or case')
    .argument('<id>', 'the item or case id')
    .argument('<file>', 'the PDF file to write')
    .option('--public', "only published records, with the public portal's redaction")
    .option('--produced-at <iso>', 'the package timestamp (default now): the same records and timestamp give the same bytes')
    .option('--language <code>', `the package's headings, labels, dates and numbers: ${LANGUAGES.join(' or ')}`, 'en')
    .action(async (kind: string, id: string, file: string, o: { public?: boolean; producedAt?: string; language: string }) => {
      if (kind !== 'item' && kind !== 'case') throw new ValidationProblem([{ field: 'kind', message: 'is item or case' }]);
      const language = o.language;
      if (!isLanguage(language)) throw new ValidationProblem([{ field: 'language', message: `must be one of: ${LANGUAGES.join(', ')}` }]);
      const producedAt = o.producedAt ? new Date(o.producedAt) : new Date();
      if (Number.isNaN(producedAt.getTime())) throw new ValidationProblem([{ field: 'produced-at', message: 'is not a date and time' }]);
      const r = await withDatabase((database) => evidencePackage(database.db, o.public ? null : SYSTEM_ACTOR, { kind, id }, producedAt, language));
      await fs.writeFile(file, r.pdf);
      process.stdout.write(`wrote ${file}: ${r.pdf.length} bytes, ${r.recordIds.length} records, ${r.fileHashes.length} files\n`);
    });
}
