import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type pg from 'pg';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import copyStreams from 'pg-copy-streams';
import type { DB, Schema } from '../db/index.js';

/**
 * One connection for one import, export or restore: COPY streams and temporary tables belong to
 * a session, and the whole job is one transaction on it. `db` is a Kysely bound to that same
 * connection, so that shared helpers (`recordWrite`, `readableBy`) run inside the transaction.
 */
export interface Session {
  client: pg.PoolClient;
  db: DB;
}

export async function openSession(pool: pg.Pool): Promise<Session> {
  const client = await pool.connect();
  // Kysely asks its "pool" for a connection per query; this one always hands out the same client
  // and never releases it (the session owner does).
  const single = {
    connect: async () => ({ query: client.query.bind(client), release: () => {} }),
    end: async () => {},
  };
  const db = new Kysely<Schema.DB>({ dialect: new PostgresDialect({ pool: single }), plugins: [new CamelCasePlugin()] });
  return { client, db };
}

export function closeSession(s: Session, err?: unknown): void {
  // A connection that failed mid-COPY is in an unknown state: destroy it rather than reuse it.
  s.client.release(err instanceof Error ? err : undefined);
}

/** COPY text format: backslash, tab, newline and carriage return are escaped; \N is NULL. */
const SPECIAL = /[\\\t\n\r]/;
export function copyText(v: string | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  if (!SPECIAL.test(v)) return v;
  return v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** Parses one COPY text-format line back into values (for COPY … TO STDOUT readers). */
export function parseCopyLine(line: string): (string | null)[] {
  return line.split('\t').map((f) =>
    f === '\\N'
      ? null
      : f.includes('\\')
        ? f.replace(/\\(.)/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : c === 'b' ? '\b' : c === 'f' ? '\f' : c === 'v' ? '\v' : c))
        : f,
  );
}

/** A COPY FROM STDIN writer with batching and back-pressure. */
export class CopyWriter {
  private buf: string[] = [];
  private size = 0;
  private readonly stream: Writable;
  private readonly done: Promise<void>;

  constructor(client: pg.PoolClient, statement: string) {
    this.stream = client.query(copyStreams.from(statement));
    this.done = new Promise((resolve, reject) => {
      this.stream.on('finish', resolve);
      this.stream.on('error', reject);
    });
    // Surface an error early instead of at the end.
    this.done.catch(() => {});
  }

  async line(fields: (string | null)[]): Promise<void> {
    const l = fields.map(copyText).join('\t') + '\n';
    this.buf.push(l);
    this.size += l.length;
    if (this.size >= 256 * 1024) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buf.length === 0) return;
    const chunk = this.buf.join('');
    this.buf = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await Promise.race([once(this.stream, 'drain'), this.done]);
  }

  async end(): Promise<void> {
    await this.flush();
    this.stream.end();
    await this.done;
  }
}
