/**
 * Keeps screening current: screen the organisations that are new, changed, or were screened before
 * the lists last changed (a list import anywhere — CLI or another server — changes the lists'
 * stamp, so everything is re-screened against the new version).
 *
 * Two triggers: a notification from PostgreSQL (migration 0051: every statement that inserts an
 * organisation or changes its name, aliases or country, from any process) runs a round after a
 * short pause that gathers a burst of writes into one; and a timer every
 * REMNANT_SCREENING_INTERVAL_MS (default 60 s; 0 disables both) catches anything missed — a list
 * imported by the CLI, a lost connection.
 */
import pg from 'pg';
import { poolOf, type DB } from '../db/index.js';
import { dueCount, screenOrganisations } from './service.js';

/** Pause after a notification before screening, so that a burst of writes makes one round. */
const NOTIFY_DELAY_MS = 500;

export function startAutoScreening(db: DB, log: (msg: string, extra?: object) => void, intervalMs?: number): () => Promise<void> {
  const every = intervalMs ?? Number(process.env.REMNANT_SCREENING_INTERVAL_MS ?? 60_000);
  if (!Number.isFinite(every) || every <= 0) return async () => {};
  let running = false;
  let again = false;
  let stopped = false;
  let soon: NodeJS.Timeout | null = null;
  let listener: pg.Client | null = null;
  const tick = async () => {
    if (stopped) return;
    if (running) {
      // A write arrived during a round: run once more after it, or the write waits for the timer.
      again = true;
      return;
    }
    running = true;
    try {
      const lists = await db.selectFrom('sanctionsLists').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      if (!lists || Number(lists.n) === 0) return;
      if ((await dueCount(db)) === 0) return;
      const summary = await screenOrganisations(db, { due: true });
      log('screening: organisations screened', summary);
    } catch (err) {
      // A failed round is retried at the next tick; the server must not go down for it.
      if (!stopped) log('screening: automatic round failed', { error: (err as Error).message });
    } finally {
      running = false;
      if (again && !stopped) {
        again = false;
        schedule();
      }
    }
  };
  const schedule = () => {
    if (soon || stopped) return;
    soon = setTimeout(() => {
      soon = null;
      void tick();
    }, NOTIFY_DELAY_MS);
    soon.unref();
  };
  const timer = setInterval(() => void tick(), every);
  timer.unref();

  const listening = (async () => {
    // A connection of its own, outside the pool: a pooled one would hold one of the pool's few
    // slots for the server's lifetime (and several apps on one pool, as in tests, could starve it).
    const client = new pg.Client(poolOf(db).options);
    try {
      client.on('notification', (n) => {
        if (n.channel === 'remnant_screening') schedule();
      });
      // A broken listening connection leaves the timer to do the work.
      client.on('error', (err) => {
        if (!stopped) log('screening: notification connection lost', { error: err.message });
      });
      await client.connect();
      if (stopped) {
        await client.end();
        return;
      }
      listener = client;
      await client.query('LISTEN remnant_screening');
    } catch (err) {
      if (!stopped) log('screening: cannot listen for organisation changes; screening every interval only', { error: (err as Error).message });
      await client.end().catch(() => {});
    }
  })();

  return async () => {
    stopped = true;
    clearInterval(timer);
    if (soon) clearTimeout(soon);
    // Closed before the caller goes on (and, in tests, drops the database).
    await listening;
    if (listener) {
      const l = listener;
      listener = null;
      await l.end().catch(() => {});
    }
  };
}
