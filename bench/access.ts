/**
 * What access control costs a request, measured in-process (`app.inject`, no sockets) on one
 * database with a small public and internal data set: the same list route as the public, with a
 * session cookie, and with a bearer token, interleaved; and the price of one sign-in (argon2id).
 * Also the audit verification pass over the log the run produced.
 */
import { sql } from 'kysely';
import type { BenchOptions, Metric } from './metric.js';
import { freshDatabase, log, round, timePair, timeRepeats } from './support.js';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import { createUser } from '../src/access/accounts.js';
import { SYSTEM_ACTOR } from '../src/access/index.js';
import { verifyBlobs, verifyChain } from '../src/audit/index.js';

const ROUTE = '/api/items?limit=50';

export async function bench(opts: BenchOptions): Promise<Metric[]> {
  const database = await freshDatabase({ poolSize: 4 });
  const app = await buildApp({ db: database.db, config: loadConfig({}) });
  await app.ready();
  try {
    const n = opts.quick ? 200 : 2000;
    log(`access: ${n} public items, sign-in, session and token reads…`);
    const password = 'bench-password-0123';
    await createUser(database.db, SYSTEM_ACTOR, { username: 'bench', role: 'analyst', password });
    await database.db.insertInto('items').values(Array.from({ length: n }, (_, i) => ({
      label: `item ${i}`, visibility: 'public', createdBy: SYSTEM_ACTOR.id, updatedBy: SYSTEM_ACTOR.id,
    }))).execute();

    const loginTiming = await timeRepeats(async () => {
      const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bench', password } });
      if (r.statusCode !== 200) throw new Error(`login ${r.statusCode}`);
    }, { repeats: opts.quick ? 5 : 7, warmup: 1 }); // stays under the sign-in limit (10 a minute), with one more below
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bench', password } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const tok = await app.inject({ method: 'POST', url: '/api/tokens', headers: { cookie, 'x-csrf-token': login.json().csrfToken }, payload: { name: 'bench', scope: 'read' } });
    const bearer = `Bearer ${tok.json().secret}`;

    const get = (headers: Record<string, string>) => async () => {
      const r = await app.inject({ method: 'GET', url: ROUTE, headers });
      if (r.statusCode !== 200) throw new Error(`${ROUTE} ${r.statusCode}`);
    };
    const repeats = opts.quick ? 200 : 1000;
    const session = await timePair(get({ cookie }), get({}), { repeats, warmup: 20 });
    const token = await timePair(get({ authorization: bearer }), get({}), { repeats, warmup: 20 });

    // A log of realistic length for the verification pass: entries appended the way writes append them.
    const logEntries = opts.quick ? 20_000 : 200_000;
    await sql`DO $$ BEGIN FOR i IN 1..${sql.lit(logEntries)} LOOP
      PERFORM remnant_audit(${sql.lit(SYSTEM_ACTOR.id)}::uuid, 'update', 'items', gen_random_uuid()::text,
        jsonb_build_object('label', 'before ' || i), jsonb_build_object('label', 'after ' || i));
    END LOOP; END $$`.execute(database.db);
    const verifyTiming = await timeRepeats(async () => {
      const c = await verifyChain(database.db);
      if (!c.ok) throw new Error('chain broken');
      await verifyBlobs(database.db);
    }, { repeats: opts.quick ? 3 : 5, warmup: 1 });
    const entries = (await verifyChain(database.db)).entries;

    return [
      {
        name: 'sign-in (argon2id 19 MiB, t=2)',
        value: round(loginTiming.p50, 1), unit: 'ms',
        notes: `p95 ${round(loginTiming.p95, 1)} ms; includes the session insert and its audit entry`,
      },
      {
        name: `GET ${ROUTE} with a session cookie, p50`,
        value: round(session.a.p50, 3), unit: 'ms',
        baseline: { name: 'same route as the public', value: round(session.b.p50, 3) },
        ratio: round(session.a.p50 / session.b.p50, 3),
        notes: `in-process (app.inject); ${n} items, all public, so both see the same rows; p95 ${round(session.a.p95, 3)} vs ${round(session.b.p95, 3)} ms`,
      },
      {
        name: `GET ${ROUTE} with a bearer token, p50`,
        value: round(token.a.p50, 3), unit: 'ms',
        baseline: { name: 'same route as the public', value: round(token.b.p50, 3) },
        ratio: round(token.a.p50 / token.b.p50, 3),
        notes: `p95 ${round(token.a.p95, 3)} vs ${round(token.b.p95, 3)} ms`,
      },
      {
        name: 'audit verify (chain + files)',
        value: round(verifyTiming.p50, 1), unit: 'ms',
        notes: `${entries.toLocaleString('en')} entries (${round((entries / verifyTiming.p50) * 1000, 0).toLocaleString('en')} entries/s), no stored files`,
      },
    ];
  } finally {
    await app.close();
    await database.close();
  }
}
