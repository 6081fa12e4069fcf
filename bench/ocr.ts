/**
 * Reading a marking from a cropped photo: milliseconds per image through `readMarking` (what
 * `POST /api/evidence-files/:id/read-marking` does after loading the file: decode, cut, prepare,
 * recognise with the whitelist, the cleaned-up pass when unsure, near misses), against a baseline
 * measured in the same run: a bare tesseract.js `recognize` of the same image bytes by a worker of
 * its own with the same model and no options. Images: the moderate level of the OCR evaluation
 * set's dev split (eval/ocr/, drawn if missing). Each image is read by both in turn, so load on
 * the shared machine hits both alike; both workers are started before timing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { createWorker, OEM } from 'tesseract.js';
import { ensureSet, IMAGES } from '../eval/ocr/render.js';
import { languagePath, readMarking, stopOcr } from '../src/ocr/index.js';
import type { BenchOptions, Metric } from './metric.js';

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)] ?? 0; };
const p95 = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(0.95 * s.length))] ?? 0; };

export async function bench(opts: BenchOptions): Promise<Metric[]> {
  const cases = (await ensureSet()).filter((c) => c.split === 'dev' && c.level === 'moderate').slice(0, opts.quick ? 12 : 60);
  const images = await Promise.all(cases.map(async (c) => {
    const content = readFileSync(path.join(IMAGES, c.file));
    const { width, height } = await sharp(content).metadata();
    return { content, box: { x: 0, y: 0, w: width, h: height } };
  }));
  const bare = await createWorker('eng', OEM.LSTM_ONLY, { langPath: languagePath(), cacheMethod: 'none', errorHandler: () => {} });
  const ours: number[] = [], base: number[] = [];
  let cleaned = 0;
  try {
    // Warm-up: both workers started and their first reading done before timing.
    await readMarking(images[0]!.content, images[0]!.box);
    await bare.recognize(images[0]!.content);
    for (const img of images) {
      let t = performance.now();
      const r = await readMarking(img.content, img.box);
      ours.push(performance.now() - t);
      if (r.cleanedPassRan) cleaned++;
      t = performance.now();
      await bare.recognize(img.content);
      base.push(performance.now() - t);
    }
  } finally {
    await bare.terminate();
    await stopOcr();
  }
  const notes = `${images.length} cropped images (moderate level, eval/ocr dev split); cleaned-up pass ran on ${cleaned}; goal < 500 ms per image`;
  return [
    { name: 'ocr read-marking per cropped image (median)', value: Math.round(median(ours)), unit: 'ms', baseline: { name: 'bare tesseract.js recognize of the same image', value: Math.round(median(base)) }, ratio: +(median(ours) / median(base)).toFixed(2), notes },
    { name: 'ocr read-marking per cropped image (p95)', value: Math.round(p95(ours)), unit: 'ms', baseline: { name: 'bare tesseract.js recognize of the same image (p95)', value: Math.round(p95(base)) }, ratio: +(p95(ours) / p95(base)).toFixed(2) },
  ];
}
