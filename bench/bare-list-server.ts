/**
 * The api benchmark's baseline: a bare Fastify route answering with the rows of the same SQL
 * statements Remnant's public component list runs for the request (captured by bench/api.ts from
 * `list()` itself), through `pg` alone — no access layer, no validation, no ETag, no schema
 * serialiser (`reply.send` of the rows, JSON.stringify). Its own process, like the real server, so
 * that the load generator competes with neither more than with the other.
 *
 * Usage: node dist/bench/bare-list-server.js <statements.json> (DATABASE_URL set); prints
 * `listening <port>` when ready.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import pg from 'pg';

interface Statement { sql: string; parameters: unknown[] }

const statements = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Statement[];
// The same pool size as the server's (src/db/pool.ts).
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
pool.on('error', () => {});
const app = Fastify({ logger: false });

app.get('/bare', async () => {
  // The list runs its page and its capped count together, then (above the cap) the estimate.
  const [first, second, ...rest] = statements;
  const [rows] = await Promise.all([pool.query(first!.sql, first!.parameters), second ? pool.query(second.sql, second.parameters) : null]);
  for (const s of rest) await pool.query(s.sql, s.parameters);
  return { data: rows.rows };
});

const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening ${new URL(address).port}\n`);
const stop = () => void app.close().then(() => pool.end()).then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
