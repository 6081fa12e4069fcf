import PgBoss from 'pg-boss';
import type pg from 'pg';

/**
 * pg-boss is the delivery: it hands each job to one app server, retries it after a failure and
 * expires one that ran too long. Everything the API shows about a job is in our `jobs` table.
 * pg-boss keeps its tables in its own schema and talks through our pool (no second pool per
 * process), so `DATABASE_URL` and the embedded server work alike.
 */
export const QUEUE_SCHEMA = 'pgboss';
export const QUEUE = 'remnant-jobs';

/**
 * One retry: a job whose server died mid-way runs once more elsewhere (its work is one
 * transaction, so nothing of the first attempt remains), and a second death fails it. The expiry
 * is only a backstop for what the sweeper cannot see; the retry waits a moment so that the
 * sweeper that failed it has let go of its lock.
 */
const QUEUE_OPTIONS = { retryLimit: 1, retryDelay: 1, expireInSeconds: 4 * 3600, retentionMinutes: 7 * 24 * 60 };

/** Arbitrary constant: the advisory lock that keeps two servers from creating the queue at once. */
const PREPARE_LOCK = 7_235_070;

function executor(pool: pg.Pool): PgBoss.Db {
  return { executeSql: (text: string, values?: unknown[]) => pool.query(text, values as unknown[]) };
}

/** An executor on one connection, so that a job is sent inside the transaction that creates it. */
export function onClient(client: pg.PoolClient): PgBoss.Db {
  return { executeSql: (text: string, values?: unknown[]) => client.query(text, values as unknown[]) };
}

export function makeBoss(pool: pg.Pool, opts: { supervise: boolean; migrate?: boolean }): PgBoss {
  const boss = new PgBoss({
    db: executor(pool),
    schema: QUEUE_SCHEMA,
    migrate: opts.migrate ?? false,
    supervise: opts.supervise,
    // Maintenance (expiry, retention) every 30 s; servers share it through pg-boss's own lock.
    maintenanceIntervalSeconds: 30,
    schedule: false,
  });
  return boss;
}

/**
 * Creates or upgrades pg-boss's schema with its own migrator (its SQL ships in the package:
 * nothing is downloaded) and our queue. Called from `prepareSchema`, after our migrations.
 */
export async function prepareQueue(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PREPARE_LOCK]);
    const boss = makeBoss(pool, { supervise: false, migrate: true });
    boss.on('error', () => {});
    await boss.start();
    try {
      if (!(await boss.getQueue(QUEUE))) await boss.createQueue(QUEUE, { name: QUEUE, ...QUEUE_OPTIONS });
    } finally {
      await boss.stop({ graceful: false, wait: true, close: false });
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PREPARE_LOCK]).catch(() => {});
    client.release();
  }
}
