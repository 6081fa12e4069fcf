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
import { deleteFile, storeFile } from '../src/evidence/index.js';

/**
 * A photo-sized JPEG: JFIF, an EXIF block with a GPS position, an XMP packet, then `bytes` of
 * entropy-coded data (pseudo-random, 0xFF stuffed as a real encoder does). Not decodable, but
 * structurally what the public copy has to walk and copy.
 */
function bigJpeg(bytes: number): Buffer {
  const seg = (marker: number, payload: Buffer) => Buffer.concat([Buffer.from([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 255]), payload]);
  const exif = Buffer.concat([Buffer.from('Exif\0\0MM\0*\0\0\0\x08\0\0\0\0\0\0', 'latin1'), Buffer.alloc(4000, 0x41)]);
  const data = Buffer.alloc(bytes);
  let x = 0x2545f491;
  let n = 0;
  while (n < bytes - 1) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    const b = x & 0xff;
    data[n++] = b;
    if (b === 0xff) data[n++] = 0x00;
  }
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    seg(0xe1, exif),
    seg(0xe1, Buffer.concat([Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1'), Buffer.alloc(8000, 0x20)])),
    seg(0xdb, Buffer.alloc(65, 1)),
    seg(0xc0, Buffer.from([8, 0x0b, 0xb8, 0x0f, 0xa0, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1])),
    seg(0xc4, Buffer.concat([Buffer.from([0]), Buffer.alloc(16, 1), Buffer.alloc(16, 2)])),
    seg(0xda, Buffer.from([3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3f, 0])),
    data.subarray(0, n),
    Buffer.from([0xff, 0xd9]),
  ]);
}

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
    }, { repeats: opts.quick ? 5 : 7, warmup: 1 }); // successful sign-ins do not count against the limit
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

    // A published photo: the public downloads a copy without metadata, a signed-in reader the original.
    const photoBytes = opts.quick ? 1_000_000 : 5_000_000;
    const photo = await storeFile(database.db, SYSTEM_ACTOR, { content: bigJpeg(photoBytes), originalName: 'IMG_0001.jpg', visibility: 'public' });
    const download = (headers: Record<string, string>) => async () => {
      const r = await app.inject({ method: 'GET', url: `/api/evidence-files/${photo.id}/content`, headers });
      if (r.statusCode !== 200) throw new Error(`download ${r.statusCode}`);
    };
    const downloads = await timePair(download({}), download({ cookie }), { repeats: opts.quick ? 20 : 60, warmup: 2 });
    await deleteFile(database.db, SYSTEM_ACTOR, photo.id); // the verification below measures the log alone

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
        name: `public download of a published ${round(photoBytes / 1e6, 1)} MB JPEG (copy without metadata), p50`,
        value: round(downloads.a.p50, 2), unit: 'ms',
        baseline: { name: 'the original, signed in (hash checked, bytes as stored)', value: round(downloads.b.p50, 2) },
        ratio: round(downloads.a.p50 / downloads.b.p50, 3),
        notes: `both check the stored SHA-256; the public copy also walks the segments and hashes the copy; p95 ${round(downloads.a.p95, 2)} vs ${round(downloads.b.p95, 2)} ms`,
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
