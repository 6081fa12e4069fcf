/**
 * Photos: what a thumbnail costs made on demand against read from its PostgreSQL cache (which is
 * why the API caches them), and the near-duplicate search (`GET /api/evidence-files/:id/checks`)
 * over many hashed photos against the same files looked up by exact hash through the index.
 *
 * The photo is a real one (test/fixtures/photos/astronaut.jpg) enlarged to a phone camera's 12 MP
 * (4032×3024) and saved at quality 90, as phones do. The search runs over 10,000 (quick) or
 * 100,000 evidence files with random 64-bit hashes, in a fresh database of the bench server.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { SYSTEM_ACTOR } from '../src/access/index.js';
import * as evidence from '../src/evidence/index.js';
import { makeThumbnail } from '../src/evidence/images.js';
import type { BenchOptions, Metric } from './metric.js';
import { freshDatabase, packageRoot, round, timePair } from './support.js';

export async function bench(opts: BenchOptions): Promise<Metric[]> {
  const source = readFileSync(path.join(packageRoot, 'test/fixtures/photos/astronaut.jpg'));
  const phone = await sharp(source).resize(4032, 3024, { fit: 'fill' }).jpeg({ quality: 90 }).toBuffer();
  const database = await freshDatabase();
  const { db } = database;
  try {
    const stored = await evidence.storeFile(db, SYSTEM_ACTOR, { content: phone, originalName: 'phone.jpg', slot: 'photo' });
    const id = String(stored.id);
    await evidence.thumbnailOf(db, SYSTEM_ACTOR, id, 480); // cached now
    const repeats = opts.quick ? 5 : 20;
    const thumbs = await timePair(
      () => makeThumbnail(phone, 480),
      () => evidence.thumbnailOf(db, SYSTEM_ACTOR, id, 480),
      { repeats, warmup: 1 },
    );

    // Many hashed photos: one blob described n times with random hashes.
    const n = opts.quick ? 10_000 : 100_000;
    await sql`INSERT INTO evidence_files (sha256, original_name, media_type, size_bytes, phash, created_by, updated_by)
      SELECT ${stored.sha256}, 'synthetic ' || g, 'image/jpeg', ${phone.length},
             ((random() * 4294967295)::bigint::bit(32) || (random() * 4294967295)::bigint::bit(32))::bit(64),
             ${SYSTEM_ACTOR.id}::uuid, ${SYSTEM_ACTOR.id}::uuid
        FROM generate_series(1, ${n}) g`.execute(db);
    await sql`VACUUM ANALYZE evidence_files`.execute(db);
    const own = await db.selectFrom('evidenceFiles').select('phash').where('id', '=', id).executeTakeFirstOrThrow();
    const search = await timePair(
      () => evidence.photoChecks(db, SYSTEM_ACTOR, id),
      () => db.selectFrom('evidenceFiles').select('id').where('phash', '=', own.phash).execute(),
      { repeats: opts.quick ? 5 : 20, warmup: 2 },
    );
    const checks = await evidence.photoChecks(db, SYSTEM_ACTOR, id);
    return [
      {
        name: 'photo thumbnail (480 px) made from a 12 MP JPEG (median)', value: round(thumbs.a.p50, 1), unit: 'ms',
        baseline: { name: 'the same thumbnail read from its PostgreSQL cache', value: round(thumbs.b.p50, 2) }, ratio: round(thumbs.a.p50 / thumbs.b.p50, 1),
        notes: `${(phone.length / 1e6).toFixed(1)} MB photo; ${repeats} repeats; the API makes each size once per content and caches it`,
      },
      {
        name: `photo checks with near-duplicate search over ${n.toLocaleString('en')} hashed files (median)`, value: round(search.a.p50, 1), unit: 'ms',
        baseline: { name: 'exact-hash lookup of the same files through the index', value: round(search.b.p50, 2) }, ratio: round(search.a.p50 / search.b.p50, 1),
        notes: `Hamming distance <= ${evidence.NEAR_DUPLICATE_MAX_DISTANCE} by bit_count(phash # h) over the covering index; p95 ${round(search.a.p95, 1)} ms; ${checks.nearDuplicates.length} random hashes fell within the distance`,
      },
    ];
  } finally {
    await database.close();
  }
}
