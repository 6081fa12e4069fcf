import { vi } from 'vitest';
import { main } from '../../src/cli/main.js';

export interface CliResult {
  out: string;
  err: string;
  exitCode: number;
}

/** Runs a `remnant` command in this process against the given database, capturing its output. */
export async function runRemnant(databaseUrl: string, ...args: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  const before = process.env.DATABASE_URL;
  process.env.DATABASE_URL = databaseUrl;
  try {
    process.exitCode = undefined;
    await main(['node', 'remnant', ...args]);
  } finally {
    if (before === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = before;
    vi.restoreAllMocks();
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { out, err, exitCode };
}
