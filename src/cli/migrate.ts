import type { Command } from 'commander';
import { prepareSchema } from '../db/index.js';
import { withDatabase } from './context.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations and refresh the reference tables')
    .action(async () => {
      await withDatabase(async (database) => {
        const r = await prepareSchema(database);
        process.stdout.write(r.applied.length ? `applied: ${r.applied.join(', ')}\n` : `up to date (${r.alreadyApplied} migrations applied earlier)\n`);
      }, { migrate: false });
    });
}
