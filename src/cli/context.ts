import { loadConfig, type Config } from '../config.js';
import { openDatabase, prepareSchema, type Database } from '../db/index.js';
import { Problem } from '../problems.js';

/**
 * Runs a CLI command against the database: attaches to the embedded server a running
 * `remnant serve` owns, or starts it for the duration of the command and stops it afterwards.
 */
export async function withDatabase<T>(fn: (database: Database, config: Config) => Promise<T>, opts: { migrate?: boolean } = {}): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config, (m) => {
    if (process.env.REMNANT_VERBOSE) process.stderr.write(m + '\n');
  });
  try {
    if (opts.migrate !== false) await prepareSchema(database);
    return await fn(database, config);
  } finally {
    await database.close();
  }
}

/** Prints a problem the way the API would phrase it and sets a failing exit code, instead of a stack trace. */
export function reportError(err: unknown): void {
  if (err instanceof Problem) {
    process.stderr.write(`error: ${err.title}: ${err.detail}\n`);
    const errors = (err.extra as { errors?: { field: string; message: string }[] }).errors;
    for (const e of errors ?? []) process.stderr.write(`  ${e.field}: ${e.message}\n`);
  } else {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
  }
  process.exitCode = 1;
}
