/**
 * Keeps screening current without a hook in every place that writes an
 * organisation: every so often, screen the organisations that are new,
 * changed, or were screened before the lists last changed (a list import by
 * the CLI changes the stamp, so everything is re-screened against it).
 * Interval from REMNANT_SCREENING_INTERVAL_MS (default 60 s; 0 disables).
 */
import type { DB } from '../db/index.js';
import { dueCount, screenOrganisations } from './service.js';

export function startAutoScreening(db: DB, log: (msg: string, extra?: object) => void, intervalMs?: number): () => void {
  const every = intervalMs ?? Number(process.env.REMNANT_SCREENING_INTERVAL_MS ?? 60_000);
  if (!Number.isFinite(every) || every <= 0) return () => {};
  let running = false;
  let stopped = false;
  const tick = async () => {
    if (running || stopped) return;
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
    }
  };
  const timer = setInterval(() => void tick(), every);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
