import { vi } from 'vitest';
import { main } from '../../src/cli/main.js';

export interface CliResult {
  out: string;
  err: string;
  exitCode: number;
}

/**
 * Runs `command` with DATABASE_URL pointing at the given database and stdout/stderr captured;
 * restores both whatever happens. Errors propagate, for tests that drive a command group directly.
 */
export async function captureCli(databaseUrl: string, command: () => Promise<unknown>): Promise<{ out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  const before = process.env.DATABASE_URL;
  process.env.DATABASE_URL = databaseUrl;
  try {
    await command();
  } finally {
    if (before === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = before;
    vi.restoreAllMocks();
  }
  return { out, err };
}

/** Runs a `remnant` command in this process against the given database, as the shell would (errors reported, exit code set). */
export async function runRemnant(databaseUrl: string, ...args: string[]): Promise<CliResult> {
  process.exitCode = undefined;
  const { out, err } = await captureCli(databaseUrl, () => main(['node', 'remnant', ...args]));
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { out, err, exitCode };
}
