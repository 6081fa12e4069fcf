/**
 * The OCR evaluation set, made deterministically: real component markings from
 * eval/markings/markings.jsonl (each cited there), drawn with sharp as laser marking is printed —
 * light grey on a dark package, in a monospace or a condensed sans font — at three difficulty
 * levels, each image a cropped marking:
 *
 * - `clean`: level, sharp, even, good contrast;
 * - `moderate`: turned up to ±2.5°, slight blur (σ 0.5–0.8), sensor noise (σ 8), contrast lowered,
 *   a mild perspective (corners moved up to 3 % of the width);
 * - `hard`: turned up to ±7°, blur σ 1.0–1.4, noise σ 20, low contrast, uneven lighting, a strong
 *   perspective (corners moved up to 8 %).
 *
 * Only lines printed in the characters a marking uses are drawn (a logo written in lower case,
 * `intel`, is left out); a marking is used when its part number is printed on one of those lines.
 * The split is the markings set's own frozen split, so held-out markings stay held out.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { mulberry32 } from '../../src/random.js';
import { MARKING_CHARACTERS } from '../../src/ocr/index.js';

/** This folder in the repository (the benchmark runs this file compiled into dist/, where the data is not). */
export const HERE = ((here) => (existsSync(path.join(here, '..', 'markings', 'markings.jsonl')) ? here : path.join(process.cwd(), 'eval', 'ocr')))(path.dirname(fileURLToPath(import.meta.url)));
export const IMAGES = path.join(HERE, 'images');
export const CASES = path.join(HERE, 'cases.jsonl');
const MARKINGS = path.join(HERE, '..', 'markings', 'markings.jsonl');

export const LEVELS = ['clean', 'moderate', 'hard'] as const;
export type Level = (typeof LEVELS)[number];
/** Two type faces per marking: DejaVu Sans Mono and DejaVu Sans Condensed Bold (Debian's fonts-dejavu). */
export const FONTS = ['DejaVu Sans Mono', 'DejaVu Sans Condensed'] as const;

export interface OcrCase {
  id: string;
  file: string;
  marking: string;
  /** The printed lines drawn, top to bottom. */
  lines: string[];
  partNumber: string;
  level: Level;
  font: string;
  split: 'dev' | 'heldout';
  /** Where the marking comes from (eval/markings/markings.jsonl, with its own citation). */
  source: string;
  params: { angle: number; blur: number; noise: number; fg: number; bg: number; perspective: number; lighting: number };
}

interface Marking { id: string; marking: string; split: 'dev' | 'heldout'; truth: { partNumber: string | null } }

const ALLOWED = new Set(MARKING_CHARACTERS);

/** The markings drawn: their part number printed on a line of marking characters, at most four lines of 24. */
export function selectMarkings(): { m: Marking; lines: string[] }[] {
  const out: { m: Marking; lines: string[] }[] = [];
  for (const text of readFileSync(MARKINGS, 'utf8').split('\n')) {
    if (!text.trim()) continue;
    const m = JSON.parse(text) as Marking;
    const part = m.truth.partNumber;
    if (!part) continue;
    const lines = m.marking.split(' / ').map((l) => l.trim()).filter((l) => l && [...l].every((c) => ALLOWED.has(c)));
    if (lines.length === 0 || lines.length > 4 || lines.some((l) => l.length > 24)) continue;
    if (!lines.some((l) => l.includes(part))) continue;
    out.push({ m, lines });
  }
  return out;
}

function seedOf(s: string): number {
  return createHash('sha256').update(s).digest().readUInt32BE(0);
}

function paramsFor(level: Level, r: () => number): OcrCase['params'] {
  const span = (a: number, b: number) => a + (b - a) * r();
  const sign = () => (r() < 0.5 ? -1 : 1);
  if (level === 'clean') return { angle: 0, blur: 0, noise: 0, fg: Math.round(span(205, 230)), bg: Math.round(span(28, 42)), perspective: 0, lighting: 0 };
  if (level === 'moderate') {
    return { angle: +(sign() * span(0.5, 2.5)).toFixed(2), blur: +span(0.5, 0.8).toFixed(2), noise: 8, fg: Math.round(span(165, 190)), bg: Math.round(span(45, 60)), perspective: +span(0.01, 0.03).toFixed(3), lighting: 0 };
  }
  return { angle: +(sign() * span(3, 7)).toFixed(2), blur: +span(1.0, 1.4).toFixed(2), noise: 20, fg: Math.round(span(125, 145)), bg: Math.round(span(55, 70)), perspective: +span(0.04, 0.08).toFixed(3), lighting: +span(0.3, 0.45).toFixed(2) };
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A projective warp: each corner moved inwards or outwards by up to `amount` of the width, bilinear sampling. */
function perspective(grey: Uint8Array, w: number, h: number, amount: number, bg: number, r: () => number): Uint8Array {
  if (amount === 0) return grey;
  const d = () => (r() * 2 - 1) * amount * w;
  // Where each output corner samples from: TL, TR, BR, BL.
  const src = [[d(), d()], [w + d(), d()], [w + d(), h + d()], [d(), h + d()]] as const;
  const dst = [[0, 0], [w, 0], [w, h], [0, h]] as const;
  const H = homography(dst, src);
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const den = H[6]! * x + H[7]! * y + 1;
      const sx = (H[0]! * x + H[1]! * y + H[2]!) / den;
      const sy = (H[3]! * x + H[4]! * y + H[5]!) / den;
      const x0 = Math.floor(sx), y0 = Math.floor(sy), fx = sx - x0, fy = sy - y0;
      const at = (xx: number, yy: number) => (xx >= 0 && yy >= 0 && xx < w && yy < h ? grey[yy * w + xx]! : bg);
      out[y * w + x] = Math.round(at(x0, y0) * (1 - fx) * (1 - fy) + at(x0 + 1, y0) * fx * (1 - fy) + at(x0, y0 + 1) * (1 - fx) * fy + at(x0 + 1, y0 + 1) * fx * fy);
    }
  }
  return out;
}

/** The 3×3 homography (h33 = 1) taking the four `from` points to the four `to` points (Gaussian elimination of the 8×8 system). */
function homography(from: readonly (readonly number[])[], to: readonly (readonly number[])[]): number[] {
  const A: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!, [u, v] = to[i]!;
    A.push([x!, y!, 1, 0, 0, 0, -u! * x!, -u! * y!, u!]);
    A.push([0, 0, 0, x!, y!, 1, -v! * x!, -v! * y!, v!]);
  }
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[p]![c]!)) p = r;
    [A[c], A[p]] = [A[p]!, A[c]!];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = A[r]![c]! / A[c]![c]!;
      for (let k = c; k < 9; k++) A[r]![k]! -= f * A[c]![k]!;
    }
  }
  return A.map((row, i) => row[8]! / row[i]!);
}

/** Draws one case. Deterministic: the same case gives the same pixels with the same sharp and fonts. */
export async function render(c: OcrCase): Promise<Buffer> {
  const r = mulberry32(seedOf(`${c.id}:pixels`));
  const size = 30;
  const bold = c.font === 'DejaVu Sans Condensed' ? ' font-weight="bold"' : '';
  const advance = c.font === 'DejaVu Sans Mono' ? 0.61 : 0.6;
  const width = Math.ceil(Math.max(...c.lines.map((l) => l.length)) * size * advance + 36);
  const lineHeight = Math.round(size * 1.35);
  const height = c.lines.length * lineHeight + 26;
  const grey = (v: number) => `rgb(${v},${v},${v})`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${grey(c.params.bg)}"/>${
    c.lines.map((l, i) => `<text x="18" y="${13 + (i + 1) * lineHeight - Math.round(size * 0.3)}" font-family="${c.font}"${bold} font-size="${size}" fill="${grey(c.params.fg)}" xml:space="preserve">${escapeXml(l)}</text>`).join('')
  }</svg>`;
  let img = sharp(Buffer.from(svg)).flatten({ background: grey(c.params.bg) }).greyscale();
  if (c.params.angle) img = sharp(await img.rotate(c.params.angle, { background: grey(c.params.bg) }).png().toBuffer()).greyscale();
  if (c.params.blur) img = img.blur(c.params.blur);
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  let px: Uint8Array = new Uint8Array(data.buffer, data.byteOffset, info.width * info.height);
  if (info.channels !== 1) {
    px = new Uint8Array(info.width * info.height);
    for (let i = 0; i < px.length; i++) px[i] = data[i * info.channels]!;
  }
  px = perspective(px, info.width, info.height, c.params.perspective, c.params.bg, r);
  const out = new Uint8Array(px.length);
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const i = y * info.width + x;
      // Uneven lighting: one side darker, as a lamp at an angle leaves it.
      const light = 1 - c.params.lighting * (x / info.width);
      // Box-Muller noise.
      const n = c.params.noise ? c.params.noise * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r()) : 0;
      out[i] = Math.max(0, Math.min(255, Math.round(px[i]! * light + n)));
    }
  }
  return sharp(out, { raw: { width: info.width, height: info.height, channels: 1 } }).jpeg({ quality: 90 }).toBuffer();
}

/** Every case of the set, in a stable order. */
export function buildCases(): OcrCase[] {
  const cases: OcrCase[] = [];
  for (const { m, lines } of selectMarkings()) {
    for (const font of FONTS) {
      for (const level of LEVELS) {
        const id = `${m.id}-${font === FONTS[0] ? 'mono' : 'sans'}-${level}`;
        cases.push({
          id, file: `${id}.jpg`, marking: m.marking, lines, partNumber: m.truth.partNumber!, level, font, split: m.split,
          source: `eval/markings/markings.jsonl#${m.id}`, params: paramsFor(level, mulberry32(seedOf(`${id}:params`))),
        });
      }
    }
  }
  return cases;
}

/** Writes cases.jsonl and draws any image not yet drawn (the images are not committed: they are made from this file). */
export async function ensureSet(log: (s: string) => void = () => {}): Promise<OcrCase[]> {
  const cases = buildCases();
  writeFileSync(CASES, cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
  mkdirSync(IMAGES, { recursive: true });
  let drawn = 0;
  for (const c of cases) {
    const file = path.join(IMAGES, c.file);
    if (existsSync(file)) continue;
    writeFileSync(file, await render(c));
    drawn++;
  }
  if (drawn) log(`drew ${drawn} images into ${path.relative(process.cwd(), IMAGES)}`);
  return cases;
}
