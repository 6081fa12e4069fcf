import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { withDatabase } from './context.js';
import { SYSTEM_ACTOR } from '../access/index.js';
import { importAndScreen, LIST_FORMATS, listLists, type ListFormat } from '../screening/index.js';
import { ValidationProblem } from '../problems.js';

/**
 * `remnant lists import <file>` streams a sanctions list into the database
 * (all or nothing) and re-screens every organisation against the new state;
 * `remnant lists` shows what is imported.
 */
export function registerLists(program: Command): void {
  const lists = program.command('lists').description('sanctions lists (UN, OFAC, OpenSanctions)');

  lists
    .command('show', { isDefault: true })
    .description('imported lists with their version dates')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await withDatabase(async ({ db }) => {
        const rows = await listLists(db);
        if (opts.json) {
          process.stdout.write(JSON.stringify({ data: rows }, null, 2) + '\n');
          return;
        }
        if (rows.length === 0) {
          process.stdout.write('no sanctions lists imported; try: remnant lists import <file>\n');
          return;
        }
        for (const l of rows) {
          process.stdout.write(`${l.slug}  ${l.title}  version ${l.versionDate ?? 'undated'}  ${l.entityCount} entries  imported ${l.importedAt}  from ${l.sourceName}\n`);
        }
      });
    });

  lists
    .command('import <file>')
    .description('import a list file: UN consolidated.xml, OFAC sdn.csv (with alt.csv/add.csv beside it) or sdn.xml, FtM JSON lines, targets.simple.csv')
    .option('--format <format>', `${LIST_FORMATS.join('|')} (default: detected from the file)`)
    .option('--list <slug>', 'the list this file is a version of (default by format, or from the file name)')
    .option('--title <title>', 'display title')
    .option('--version-date <date>', "the publisher's version date, YYYY-MM-DD (OFAC CSV carries none)")
    .option('--no-screen', 'do not re-screen organisations afterwards')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: { format?: string; list?: string; title?: string; versionDate?: string; screen: boolean; json?: boolean }) => {
      if (opts.format !== undefined && !(LIST_FORMATS as readonly string[]).includes(opts.format)) {
        throw new ValidationProblem([{ field: 'format', message: `must be one of ${LIST_FORMATS.join(', ')}` }]);
      }
      await withDatabase(async ({ db }) => {
        const tty = process.stderr.isTTY && !opts.json;
        const bar = new cliProgress.SingleBar(
          { format: 'importing [{bar}] {percentage}% | {value}/{total} MB | {entities} entries', stream: process.stderr, noTTYOutput: false },
          cliProgress.Presets.shades_classic,
        );
        let started = false;
        const { import: result, screening } = await importAndScreen(db, {
          screen: opts.screen,
          file,
          format: opts.format as ListFormat | undefined,
          slug: opts.list,
          title: opts.title,
          versionDate: opts.versionDate,
          actor: SYSTEM_ACTOR,
          onProgress: (read, total, entities) => {
            if (!tty) return;
            const mb = (n: number) => Math.round((n / 1e6) * 10) / 10;
            if (!started) {
              bar.start(mb(total), 0, { entities: 0 });
              started = true;
            }
            bar.update(mb(read), { entities });
          },
        }).finally(() => {
          if (started) bar.stop();
        });
        if (opts.json) {
          process.stdout.write(JSON.stringify({ import: result, screening }, null, 2) + '\n');
          return;
        }
        process.stdout.write(
          `${result.slug}: ${result.entities} entries (version ${result.versionDate ?? 'undated'}; +${result.added} ~${result.changed} −${result.removed}` +
            `${result.unchanged ? ', same file as before' : ''}), sha256 ${result.sha256.slice(0, 12)}…\n`,
        );
        if (screening) {
          // A later version is a delta: say how many of all the organisations it re-screened.
          const of = 'total' in screening ? ` of ${screening.total} (the others cannot be reached by what changed)` : '';
          process.stdout.write(`screened ${screening.organisations}${of} organisations: ${screening.matches} matches to review (${screening.newMatches} new, ${screening.stale} no longer found)\n`);
        }
      });
    });
}
