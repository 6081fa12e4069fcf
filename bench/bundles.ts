/**
 * Bundles and evidence packages: the PDF package of an item with 300 components and 300 photos,
 * and a signed bundle's export, verification and import of a case with 10,000 components and
 * 1 GB of files (quick: 1,000 components and 50 MB). Peak RSS is this process's high-water mark,
 * reset before each step (/proc/self/clear_refs), so it shows that files are streamed, not held.
 */
import { createHash, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { SYSTEM_ACTOR } from '../src/access/index.js';
import { exportBundle, importBundle, loadOrCreateKey, trustKey, verifyBundle } from '../src/bundles/index.js';
import { evidencePackage } from '../src/package/index.js';
import type { DB } from '../src/db/index.js';
import { freshDatabase, log, readMemory, round, tempDir } from './support.js';
import type { BenchOptions, Metric } from './metric.js';

const SYS = SYSTEM_ACTOR.id;
// A 1×1 PNG; bytes after IEND make each photo distinct (decoders stop at IEND).
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2214bc40000000049454e44ae426082', 'hex');

function resetPeak(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    /* not Linux: the figure is then the process's lifetime peak */
  }
}
const peakMb = () => round((readMemory(process.pid)?.hwm ?? NaN) / 1048576, 0);

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; peak: number; value: T }> {
  resetPeak();
  const t0 = performance.now();
  const value = await fn();
  return { ms: round(performance.now() - t0, 0), peak: peakMb(), value };
}

/** A case with `components` components on items of 100, and `files` files of `fileBytes` each. */
export async function seedCase(db: DB, components: number, files: number, fileBytes: number, photos = false): Promise<{ caseId: string; itemId: string }> {
  const caseId = randomUUID();
  await sql`INSERT INTO cases (id, title, created_by, updated_by) VALUES (${caseId}, 'Bench case', ${SYS}, ${SYS})`.execute(db);
  const items = Math.max(1, Math.ceil(components / 100));
  // Deterministic item ids, so that components and files can name their item in plain SQL.
  await sql`CREATE OR REPLACE FUNCTION remnant_bench_uuid(int) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$ SELECT md5('bench' || $1)::uuid $$`.execute(db);
  await sql`INSERT INTO items (id, label, created_by, updated_by)
    SELECT remnant_bench_uuid(i), 'Bench item ' || i, ${SYS}, ${SYS} FROM generate_series(1, ${items}) i`.execute(db);
  await sql`INSERT INTO case_items (case_id, item_id) SELECT ${caseId}, remnant_bench_uuid(i) FROM generate_series(1, ${items}) i`.execute(db);
  await sql`INSERT INTO components (item_id, marking_raw, part_number, maker_country, created_by, updated_by)
    SELECT remnant_bench_uuid(1 + (i - 1) / 100), 'TI ' || (7800 + i % 50) || E'\n' || (2100 + i % 40), 'UA' || (7800 + i % 50), 'US', ${SYS}, ${SYS}
    FROM generate_series(1, ${components}) i`.execute(db);
  for (let i = 0; i < files; i++) {
    const content = photos ? Buffer.concat([PNG, Buffer.from(`photo ${i}`)]) : Buffer.alloc(fileBytes, i % 251);
    if (!photos) content.writeUInt32BE(i, 0);
    const sha = createHash('sha256').update(content).digest('hex');
    await sql`INSERT INTO blobs (sha256, size_bytes, content) VALUES (${sha}, ${content.length}, ${content}) ON CONFLICT DO NOTHING`.execute(db);
    await sql`INSERT INTO evidence_files (sha256, original_name, media_type, size_bytes, item_id, created_by, updated_by)
      VALUES (${sha}, ${`f${i}.${photos ? 'png' : 'bin'}`}, ${photos ? 'image/png' : 'application/octet-stream'}, ${content.length}, remnant_bench_uuid(${1 + (i % items)}::int), ${SYS}, ${SYS})`.execute(db);
  }
  return { caseId, itemId: (await sql<{ id: string }>`SELECT remnant_bench_uuid(1)::text AS id`.execute(db)).rows[0]!.id };
}

export async function bench(opts: BenchOptions): Promise<Metric[]> {
  const metrics: Metric[] = [];
  const dir = await tempDir('remnant-bench-bundles-');
  const key = loadOrCreateKey(path.join(dir, 'key.pem'));

  // Package: one item, 300 components, 300 photos (quick: 60 of each).
  const pn = opts.quick ? 60 : 300;
  const p = await freshDatabase();
  const pc = await seedCase(p.db, pn, pn, 0, true);
  log(`bundles: package of an item with ${pn} components and ${pn} photos`);
  const pkg = await timed(() => evidencePackage(p.db, SYSTEM_ACTOR, { kind: 'item', id: pc.itemId }, new Date(0)));
  metrics.push({ name: `package_item_${pn}_components_${pn}_photos_ms`, value: pkg.ms, unit: 'ms', notes: `${pkg.value.pdf.length} bytes; peak RSS ${pkg.peak} MB` });

  // Bundle: export, verify, import into an empty database.
  const components = opts.quick ? 1_000 : 10_000;
  const files = opts.quick ? 50 : 1_000;
  const fileBytes = 1024 * 1024;
  const a = await freshDatabase();
  log(`bundles: seeding ${components} components and ${files} files of 1 MB`);
  const { caseId } = await seedCase(a.db, components, files, fileBytes);
  const file = path.join(dir, 'case.tar');
  const exp = await timed(() => exportBundle(a.db, SYSTEM_ACTOR, key, caseId, file));
  const ver = await timed(() => verifyBundle(file));
  if (!ver.value.ok) throw new Error(`bench bundle does not verify: ${ver.value.problems[0]}`);
  const b = await freshDatabase();
  await trustKey(b.db, SYSTEM_ACTOR, key.publicKey, 'bench');
  const imp = await timed(() => importBundle(b.db, SYSTEM_ACTOR, file));
  const mb = round(exp.value.bytes / 1048576, 0);
  const note = `${components} components, ${files} files, ${mb} MB bundle`;
  metrics.push(
    { name: 'bundle_export_ms', value: exp.ms, unit: 'ms', notes: note },
    { name: 'bundle_export_peak_rss_mb', value: exp.peak, unit: 'MB', notes: 'process high-water mark during export (target < 500 MB)' },
    { name: 'bundle_verify_ms', value: ver.ms, unit: 'ms', notes: note },
    { name: 'bundle_verify_peak_rss_mb', value: ver.peak, unit: 'MB' },
    { name: 'bundle_import_ms', value: imp.ms, unit: 'ms', notes: `${note}; one transaction` },
    { name: 'bundle_import_peak_rss_mb', value: imp.peak, unit: 'MB', notes: 'process high-water mark during import (target < 500 MB)' },
  );
  await fs.rm(dir, { recursive: true, force: true });
  return metrics;
}
