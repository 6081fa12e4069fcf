/**
 * Bundles and evidence packages: the PDF package of an item with 300 components and 300 photos,
 * and a signed bundle's export, verification and import of a case with 10,000 components and
 * 1 GB of files (quick: 1,000 components and 50 MB). Peak RSS is this process's high-water mark,
 * reset before each step (/proc/self/clear_refs), so it shows that files are streamed, not held.
 *
 * Each step has a baseline measured in the same run on the same data: pdfkit alone drawing the
 * same photos and table rows (no database, no findings); the case's blobs copied from the
 * database to a file one at a time (no records, hashing or tar); the bundle file hashed once
 * (SHA-256 of its bytes); the same blobs inserted into an empty database (no records, no checks).
 *
 * The photos are real JPEGs (640×480, noise, about 140 KB each, made with sharp). The first
 * version used a hand-written 1×1 PNG with one stray byte in its IDAT chunk: pdfkit's PNG reader
 * read a later chunk length as negative, walked backwards and never returned — the "hang" of the
 * package step. The package now checks a PNG's structure before drawing it (src/package/images.ts).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, writeFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { SYSTEM_ACTOR } from '../src/access/index.js';
import { exportBundle, importBundle, loadOrCreateKey, trustKey, verifyBundle } from '../src/bundles/index.js';
import { evidencePackage } from '../src/package/index.js';
import type { DB } from '../src/db/index.js';
import { freshDatabase, log, readMemory, round, tempDir } from './support.js';
import type { BenchOptions, Metric } from './metric.js';

const SYS = SYSTEM_ACTOR.id;
/** A distinct photo: a 640×480 JPEG of noise (about 140 KB: noise does not compress, like a real photo's detail). */
async function photo(i: number): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: { r: i % 256, g: 90, b: 60 }, noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg({ quality: 80 }).toBuffer();
}

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
    const content = photos ? await photo(i) : Buffer.alloc(fileBytes, i % 251);
    if (!photos) content.writeUInt32BE(i, 0);
    const sha = createHash('sha256').update(content).digest('hex');
    await sql`INSERT INTO blobs (sha256, size_bytes, content) VALUES (${sha}, ${content.length}, ${content}) ON CONFLICT DO NOTHING`.execute(db);
    await sql`INSERT INTO evidence_files (sha256, original_name, media_type, size_bytes, item_id, created_by, updated_by)
      VALUES (${sha}, ${`f${i}.${photos ? 'jpg' : 'bin'}`}, ${photos ? 'image/jpeg' : 'application/octet-stream'}, ${content.length}, remnant_bench_uuid(${1 + (i % items)}::int), ${SYS}, ${SYS})`.execute(db);
  }
  return { caseId, itemId: (await sql<{ id: string }>`SELECT remnant_bench_uuid(1)::text AS id`.execute(db)).rows[0]!.id };
}

/** Baseline for the package: pdfkit alone draws the same photos and as many table rows (no database). */
async function barePdf(photos: Buffer[], rows: number): Promise<number> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 48, compress: true });
  let bytes = 0;
  doc.on('data', (c: Buffer) => (bytes += c.length));
  const done = new Promise<void>((resolve) => doc.on('end', resolve));
  doc.fontSize(7.5);
  for (let i = 0; i < rows; i++) doc.text(`TI ${7800 + (i % 50)} ${2100 + (i % 40)}   UA${7800 + (i % 50)}   US`);
  for (const p of photos) {
    if (doc.y > doc.page.height - 200) doc.addPage();
    doc.text('photo');
    doc.image(p, 48, doc.y + 2, { fit: [220, 150] });
    doc.y += 156;
  }
  doc.end();
  await done;
  return bytes;
}

/** Baseline for export: the case's blobs copied from the database into one file, one at a time. */
async function bareCopy(db: DB, file: string): Promise<void> {
  const out = await fs.open(file, 'w');
  try {
    const shas = await sql<{ sha256: string }>`SELECT DISTINCT sha256 FROM evidence_files ORDER BY 1`.execute(db);
    for (const { sha256 } of shas.rows) {
      const r = await sql<{ content: Buffer }>`SELECT content FROM blobs WHERE sha256 = ${sha256}`.execute(db);
      await out.write(r.rows[0]!.content);
    }
  } finally {
    await out.close();
  }
}

/** Baseline for verify: the bundle's bytes hashed once. */
async function bareHash(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const c of createReadStream(file)) h.update(c as Buffer);
  return h.digest('hex');
}

/** Baseline for import: the same blobs inserted into an empty database (read back from the source one at a time). */
async function bareInsert(from: DB, to: DB): Promise<void> {
  const shas = await sql<{ sha256: string }>`SELECT DISTINCT sha256 FROM evidence_files ORDER BY 1`.execute(from);
  await to.transaction().execute(async (trx) => {
    for (const { sha256 } of shas.rows) {
      const r = await sql<{ content: Buffer }>`SELECT content FROM blobs WHERE sha256 = ${sha256}`.execute(from);
      const c = r.rows[0]!.content;
      await sql`INSERT INTO blobs (sha256, size_bytes, content) VALUES (${sha256}, ${c.length}, ${c})`.execute(trx);
    }
  });
}

const vs = (value: number, name: string, base: number) => ({ baseline: { name, value: base }, ratio: round(value / Math.max(base, 1), 2) });

export async function bench(opts: BenchOptions): Promise<Metric[]> {
  const metrics: Metric[] = [];
  const dir = await tempDir('remnant-bench-bundles-');
  const key = loadOrCreateKey(path.join(dir, 'key.pem'));

  // Package: one item, 300 components, 300 photos (quick: 60 of each).
  const pn = opts.quick ? 60 : 300;
  const p = await freshDatabase();
  log(`bundles: seeding an item with ${pn} components and ${pn} photos`);
  const pc = await seedCase(p.db, pn, pn, 0, true);
  log('bundles: package of the item');
  const pkg = await timed(() => evidencePackage(p.db, SYSTEM_ACTOR, { kind: 'item', id: pc.itemId }, new Date(0)));
  const photos = (await sql<{ content: Buffer }>`SELECT b.content FROM evidence_files f JOIN blobs b USING (sha256) ORDER BY f.original_name`.execute(p.db)).rows.map((r) => r.content);
  const bare = await timed(() => barePdf(photos, pn));
  const photoMb = round(photos.reduce((a, b) => a + b.length, 0) / 1048576, 0);
  metrics.push(
    { name: `package_item_${pn}_components_${pn}_photos_ms`, value: pkg.ms, unit: 'ms', ...vs(pkg.ms, `pdfkit alone: the same ${pn} photos (${photoMb} MB of JPEG) and ${pn} text rows, no database`, bare.ms), notes: `${round(pkg.value.pdf.length / 1048576, 1)} MB PDF; peak RSS ${pkg.peak} MB (pdfkit alone ${bare.peak} MB)` },
    { name: 'package_item_peak_rss_mb', value: pkg.peak, unit: 'MB', ...vs(pkg.peak, 'pdfkit alone, same photos', bare.peak), notes: 'the PDF is built in memory (it is returned as one buffer)' },
  );

  // Bundle: export, verify, import into an empty database.
  const components = opts.quick ? 1_000 : 10_000;
  const files = opts.quick ? 50 : 1_000;
  const fileBytes = 1024 * 1024;
  const a = await freshDatabase();
  log(`bundles: seeding ${components} components and ${files} files of 1 MB`);
  const { caseId } = await seedCase(a.db, components, files, fileBytes);
  const file = path.join(dir, 'case.tar');
  log('bundles: export, verify, import');
  const exp = await timed(() => exportBundle(a.db, SYSTEM_ACTOR, key, caseId, file));
  const copy = await timed(() => bareCopy(a.db, path.join(dir, 'copy.bin')));
  await fs.rm(path.join(dir, 'copy.bin'), { force: true });
  const ver = await timed(() => verifyBundle(file));
  if (!ver.value.ok) throw new Error(`bench bundle does not verify: ${ver.value.problems[0]}`);
  const hash = await timed(() => bareHash(file));
  const b = await freshDatabase();
  await trustKey(b.db, SYSTEM_ACTOR, key.publicKey, 'bench');
  const imp = await timed(() => importBundle(b.db, SYSTEM_ACTOR, file));
  const c = await freshDatabase();
  const ins = await timed(() => bareInsert(a.db, c.db));
  const mb = round(exp.value.bytes / 1048576, 0);
  const note = `${components} components, ${files} files, ${mb} MB bundle`;
  metrics.push(
    { name: 'bundle_export_ms', value: exp.ms, unit: 'ms', ...vs(exp.ms, 'the same blobs copied from the database to a file, one at a time', copy.ms), notes: note },
    { name: 'bundle_export_peak_rss_mb', value: exp.peak, unit: 'MB', ...vs(exp.peak, 'bare copy of the blobs', copy.peak), notes: 'process high-water mark during export (target < 500 MB)' },
    { name: 'bundle_verify_ms', value: ver.ms, unit: 'ms', ...vs(ver.ms, 'SHA-256 of the bundle file, once', hash.ms), notes: note },
    { name: 'bundle_verify_peak_rss_mb', value: ver.peak, unit: 'MB' },
    { name: 'bundle_import_ms', value: imp.ms, unit: 'ms', ...vs(imp.ms, 'the same blobs inserted into an empty database in one transaction', ins.ms), notes: `${note}; one transaction` },
    { name: 'bundle_import_peak_rss_mb', value: imp.peak, unit: 'MB', ...vs(imp.peak, 'bare insert of the blobs', ins.peak), notes: 'process high-water mark during import (target < 500 MB)' },
  );
  await fs.rm(dir, { recursive: true, force: true });
  return metrics;
}
