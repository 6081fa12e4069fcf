import type pg from 'pg';

/**
 * Runs SQL as someone with the database superuser's powers would: user triggers off (the audit
 * log's append-only guard included), as a tamperer would. For tamper tests and the reliability suite.
 */
export async function withTriggersOff(pool: pg.Pool, text: string, params: unknown[] = []): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SET session_replication_role = replica');
    await client.query(text, params);
  } finally {
    await client.query('RESET session_replication_role').catch(() => {});
    client.release();
  }
}
