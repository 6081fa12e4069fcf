/**
 * `npm run eval:photos`: how well the perceptual hash tells a copy of a photo from another photo.
 *
 * Real photos (test/fixtures/photos/, sources and licences in SOURCES.md) are each turned into the
 * copies that reach an investigator — recompressed, resized, cropped, brightened, re-encoded — and
 * every copy is compared with its own original (should be flagged) and with every other original
 * (should not). Printed per Hamming-distance threshold: true positive rate (copies flagged) and false
 * positive rate (distinct photos flagged), for the dev split and the held-out split (every photo
 * whose name hashes to 0 mod 4). The threshold in src/evidence/photos.ts is chosen on dev.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { hamming, perceptualHash } from '../src/evidence/images.js';
import { NEAR_DUPLICATE_MAX_DISTANCE } from '../src/evidence/photos.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test/fixtures/photos');

type Variant = { name: string; make: (b: Buffer) => Promise<Buffer> };
const meta = async (b: Buffer) => sharp(b).metadata();
const VARIANTS: Variant[] = [
  { name: 'recompressed q35', make: (b) => sharp(b).jpeg({ quality: 35 }).toBuffer() },
  { name: 'resized 50%', make: async (b) => sharp(b).resize(Math.round((await meta(b)).width / 2)).jpeg({ quality: 80 }).toBuffer() },
  { name: 'resized 25% + q60', make: async (b) => sharp(b).resize(Math.round((await meta(b)).width / 4)).jpeg({ quality: 60 }).toBuffer() },
  { name: 'resized 50% + recompressed q50 (messenger)', make: async (b) => sharp(await sharp(b).resize(Math.round((await meta(b)).width / 2)).jpeg({ quality: 70 }).toBuffer()).jpeg({ quality: 50 }).toBuffer() },
  { name: 'cropped 5% each side', make: async (b) => { const m = await meta(b); const dx = Math.round(m.width * 0.05), dy = Math.round(m.height * 0.05); return sharp(b).extract({ left: dx, top: dy, width: m.width - 2 * dx, height: m.height - 2 * dy }).jpeg({ quality: 85 }).toBuffer(); } },
  { name: 'cropped 10% off one side', make: async (b) => { const m = await meta(b); return sharp(b).extract({ left: 0, top: 0, width: Math.round(m.width * 0.9), height: m.height }).jpeg({ quality: 85 }).toBuffer(); } },
  { name: 'brighter (+15%)', make: (b) => sharp(b).modulate({ brightness: 1.15 }).jpeg({ quality: 85 }).toBuffer() },
  { name: 'PNG → WebP', make: (b) => sharp(b).webp({ quality: 75 }).toBuffer() },
  { name: 'greyscale', make: (b) => sharp(b).greyscale().jpeg({ quality: 85 }).toBuffer() },
];

const heldout = (name: string) => createHash('sha256').update(name).digest()[0]! % 4 === 0;

async function main(): Promise<void> {
  const photos = readdirSync(dir).filter((f) => /\.(jpe?g|png|webp)$/i.test(f)).sort();
  const hashes = new Map<string, { original: string; variants: { name: string; hash: string }[] }>();
  const started = performance.now();
  let hashed = 0;
  for (const f of photos) {
    const buf = readFileSync(path.join(dir, f));
    const original = (await perceptualHash(buf))!;
    const variants = [];
    for (const v of VARIANTS) variants.push({ name: v.name, hash: (await perceptualHash(await v.make(buf)))! });
    hashed += 1 + variants.length;
    hashes.set(f, { original, variants });
  }
  const perHashMs = (performance.now() - started) / hashed;
  for (const split of ['dev', 'heldout'] as const) {
    const inSplit = photos.filter((p) => heldout(p) === (split === 'heldout'));
    const positives: number[] = [];
    const negatives: number[] = [];
    const byVariant = new Map<string, number[]>();
    for (const p of inSplit) {
      const h = hashes.get(p)!;
      for (const v of h.variants) {
        const d = hamming(h.original, v.hash);
        positives.push(d);
        byVariant.set(v.name, [...(byVariant.get(v.name) ?? []), d]);
      }
      for (const q of inSplit) {
        if (q === p) continue;
        const other = hashes.get(q)!;
        negatives.push(hamming(h.original, other.original));
        for (const v of other.variants) negatives.push(hamming(h.original, v.hash));
      }
    }
    console.log(`\n${split}: ${inSplit.length} photos (${inSplit.join(', ')}); ${positives.length} copy pairs, ${negatives.length} distinct pairs`);
    console.log('threshold  TPR (copies flagged)  FPR (distinct flagged)');
    for (let t = 0; t <= 24; t += 2) {
      const tp = positives.filter((d) => d <= t).length;
      const fp = negatives.filter((d) => d <= t).length;
      const mark = t === NEAR_DUPLICATE_MAX_DISTANCE ? '  <- in use' : '';
      console.log(`${String(t).padStart(9)}  ${(tp / positives.length * 100).toFixed(1).padStart(6)}% (${tp}/${positives.length})  ${(fp / negatives.length * 100).toFixed(2).padStart(6)}% (${fp}/${negatives.length})${mark}`);
    }
    const t = NEAR_DUPLICATE_MAX_DISTANCE;
    console.log(`at ${t}, by kind of copy: ${[...byVariant].map(([n, ds]) => `${n} ${ds.filter((d) => d <= t).length}/${ds.length} (max ${Math.max(...ds)})`).join('; ')}`);
    console.log(`closest distinct pair: ${Math.min(...negatives)} bits`);
  }
  console.log(`\n${perHashMs.toFixed(1)} ms a hash (decode + 32×32 DCT), including making the copy`);
}

await main();
