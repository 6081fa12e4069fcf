import type { Command } from 'commander';
import { withDatabase } from './context.js';
import { SYSTEM_ACTOR } from '../access/index.js';
import { listMatches, screenOrganisations } from '../screening/index.js';

/**
 * `remnant screen` screens every organisation against the imported lists
 * and prints what awaits review.
 */
export function registerScreen(program: Command): void {
  program
    .command('screen')
    .description('screen all organisations against the imported sanctions lists and show matches awaiting review')
    .option('--due', 'only organisations that are new, changed, or screened before the lists last changed')
    .option('--json', 'print JSON')
    .action(async (opts: { due?: boolean; json?: boolean }) => {
      await withDatabase(async ({ db }) => {
        const summary = await screenOrganisations(db, { due: opts.due === true });
        const pending = await listMatches(db, SYSTEM_ACTOR, { status: 'pending', limit: 500, offset: 0 });
        const confirmed = await listMatches(db, SYSTEM_ACTOR, { status: 'confirmed', limit: 500, offset: 0 });
        if (opts.json) {
          process.stdout.write(JSON.stringify({ summary, pending: pending.data, confirmed: confirmed.data }, null, 2) + '\n');
          return;
        }
        process.stdout.write(
          `screened ${summary.organisations} organisations against ${summary.lists} lists in ${summary.ms} ms: ` +
            `${summary.matches} matches (${summary.newMatches} new), ${pending.total} awaiting review, ${confirmed.total} confirmed\n`,
        );
        for (const m of pending.data) {
          process.stdout.write(`  ${m.score.toFixed(2)}  ${m.organisationName}  ~  ${m.entityCaption} (${m.listSlug} ${m.entityReference})  [${m.id}]\n`);
        }
      });
    });
}
