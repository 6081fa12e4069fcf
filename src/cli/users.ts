import type { Command } from 'commander';
import { withDatabase } from './context.js';
import { ROLES, SYSTEM_ACTOR, type Role, accounts } from '../access/index.js';
import { NotFound, ValidationProblem } from '../problems.js';
import type { DB } from '../db/index.js';

/**
 * `remnant user …` and `remnant token …`: account administration from the server's console, for
 * the first admin and for scripts. Changes are audited as made by the system account (whoever can
 * run this can already read the database).
 */

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  // One trailing newline is the shell's, not the password's.
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

function roleOf(raw: string | undefined, admin: boolean | undefined): Role {
  if (admin) return 'admin';
  if (raw === undefined) throw new ValidationProblem([{ field: 'role', message: `give --role (${ROLES.join(', ')}) or --admin` }]);
  if (!ROLES.includes(raw as Role)) throw new ValidationProblem([{ field: 'role', message: `must be one of ${ROLES.join(', ')}` }]);
  return raw as Role;
}

async function userId(db: DB, username: string): Promise<string> {
  const u = await accounts.findUserByName(db, username);
  if (!u) throw new NotFound('user', username);
  return u.id;
}

function printOneTime(username: string, password: string): void {
  process.stdout.write(`one-time password for ${username}: ${password}\n`);
  process.stderr.write('(shown once; it must be replaced at first sign-in)\n');
}

export function registerUsers(program: Command): void {
  const user = program.command('user').description('manage accounts');

  user
    .command('add <username>')
    .description('create an account; prints a one-time password unless --password-stdin is given')
    .option('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--admin', 'shorthand for --role admin')
    .option('--display-name <name>', 'the name shown to colleagues (default: the username)')
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .action(async (username: string, opts: { role?: string; admin?: boolean; displayName?: string; passwordStdin?: boolean }) => {
      const role = roleOf(opts.role, opts.admin);
      const password = opts.passwordStdin ? await readStdin() : undefined;
      await withDatabase(async ({ db }) => {
        const r = await accounts.createUser(db, SYSTEM_ACTOR, { username, displayName: opts.displayName, role, password });
        process.stderr.write(`created ${r.user.username} (${r.user.role})\n`);
        if (r.password) printOneTime(r.user.username, r.password);
      });
    });

  user
    .command('list')
    .description('list accounts')
    .action(async () => {
      await withDatabase(async ({ db }) => {
        for (const u of await accounts.listUsers(db)) {
          const state = [u.disabled ? 'disabled' : null, !u.hasPassword ? 'cannot sign in' : null, u.mustChangePassword ? 'one-time password' : null].filter(Boolean);
          process.stdout.write(`${u.username}\t${u.role}\t${u.displayName}${state.length ? `\t(${state.join(', ')})` : ''}\n`);
        }
      });
    });

  user
    .command('reset-password <username>')
    .description('give an account a new one-time password and end its sessions')
    .action(async (username: string) => {
      await withDatabase(async ({ db }) => {
        const r = await accounts.resetPassword(db, SYSTEM_ACTOR, await userId(db, username));
        printOneTime(r.user.username, r.password);
      });
    });

  user
    .command('role <username> <role>')
    .description('change an account\u2019s role')
    .action(async (username: string, role: string) => {
      await withDatabase(async ({ db }) => {
        const u = await accounts.updateUser(db, SYSTEM_ACTOR, await userId(db, username), { role: roleOf(role, false) });
        process.stderr.write(`${u.username} is now ${u.role}\n`);
      });
    });

  for (const [name, disabled] of [['disable', true], ['enable', false]] as const) {
    user
      .command(`${name} <username>`)
      .description(disabled ? 'stop an account from signing in (ends its sessions; its tokens stop working)' : 'let a disabled account sign in again')
      .action(async (username: string) => {
        await withDatabase(async ({ db }) => {
          await accounts.updateUser(db, SYSTEM_ACTOR, await userId(db, username), { disabled });
          process.stderr.write(`${username} ${disabled ? 'disabled' : 'enabled'}\n`);
        });
      });
  }

  const token = program.command('token').description('manage personal API tokens');

  token
    .command('create <username>')
    .description('create an API token for an account and print it (shown once)')
    .requiredOption('--name <name>', 'what the token is for, e.g. "nightly export"')
    .option('--scope <scope>', 'read or read-write', 'read')
    .option('--expires <datetime>', 'ISO 8601 date-time after which the token stops working')
    .action(async (username: string, opts: { name: string; scope: string; expires?: string }) => {
      if (opts.scope !== 'read' && opts.scope !== 'read-write') throw new ValidationProblem([{ field: 'scope', message: 'must be read or read-write' }]);
      if (opts.expires !== undefined && Number.isNaN(Date.parse(opts.expires))) throw new ValidationProblem([{ field: 'expires', message: 'must be an ISO 8601 date-time' }]);
      await withDatabase(async ({ db }) => {
        const u = await accounts.findUserByName(db, username);
        if (!u) throw new NotFound('user', username);
        const r = await accounts.createToken(db, { id: u.id, username: u.username, role: u.role }, { name: opts.name, scope: opts.scope as 'read' | 'read-write', expiresAt: opts.expires ?? null });
        process.stderr.write(`created token ${r.token.id} (${r.token.scope}) for ${u.username}\n`);
        process.stdout.write(`${r.secret}\n`);
      });
    });

  token
    .command('list [username]')
    .description('list API tokens (of one account, or everyone\u2019s)')
    .action(async (username: string | undefined) => {
      await withDatabase(async ({ db }) => {
        const id = username ? await userId(db, username) : null;
        const all = await accounts.listTokens(db, SYSTEM_ACTOR, true);
        for (const t of all.filter((t) => !id || t.userId === id)) {
          const state = t.revokedAt ? `revoked ${t.revokedAt}` : t.expiresAt ? `expires ${t.expiresAt}` : 'active';
          process.stdout.write(`${t.id}\t${t.prefix}…\t${t.scope}\t${t.name}\t${state}\tlast used ${t.lastUsedAt ?? 'never'}\n`);
        }
      });
    });

  token
    .command('revoke <id>')
    .description('revoke an API token')
    .action(async (id: string) => {
      await withDatabase(async ({ db }) => {
        await accounts.revokeToken(db, SYSTEM_ACTOR, id, true);
        process.stderr.write(`revoked ${id}\n`);
      });
    });
}
