/**
 * Images made ready for tesseract with sharp. The first pass is cheap: the box cut out of the
 * photo (turned as the photo's EXIF says, as a browser shows it, so the box drawn on screen is the
 * box cut), grey, dark text on a light ground (laser marking is light on a dark package; tesseract
 * reads dark on light), contrast stretched, enlarged until the letters are tall enough. The
 * cleaned-up pass, run only when the first reading is unsure, also flattens uneven lighting,
 * removes speckle, straightens a tilted marking and thresholds to black and white.
 */
import sharp, { type Sharp } from 'sharp';
import { otsuThreshold, skewAngle } from './pixels.js';

export interface Box { x: number; y: number; w: number; h: number }

export interface ImageInfo { width: number; height: number }

export class NotAnImage extends Error {}

/** The photo's size as shown (after its EXIF orientation), or NotAnImage. */
export async function imageInfo(content: Buffer): Promise<ImageInfo> {
  try {
    const meta = await sharp(content).metadata();
    const oriented = meta.autoOrient ?? { width: meta.width, height: meta.height };
    if (!oriented.width || !oriented.height) throw new NotAnImage('the file has no pixel size');
    return { width: oriented.width, height: oriented.height };
  } catch (e) {
    if (e instanceof NotAnImage) throw e;
    throw new NotAnImage(`the file cannot be read as an image (${(e as Error).message})`);
  }
}

/** Text is enlarged until the crop is at least this tall (tesseract reads best with letters of ~30 px). */
const MIN_HEIGHT = 120;
/** …and never wider than this, which bounds the time of one reading. */
const MAX_WIDTH = 1600;

function scaleFor(w: number, h: number, minHeight: number): number {
  const up = Math.max(1, minHeight / h);
  return Math.min(up, Math.max(1, MAX_WIDTH / w));
}

/** The cut-out box as 8-bit grey pixels, dark text on a light ground. */
async function greyCrop(content: Buffer, box: Box): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(content)
    .rotate()
    .extract({ left: box.x, top: box.y, width: box.w, height: box.h })
    .removeAlpha()
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += data[i]!;
  // Mostly dark: light marking on a dark package, made dark on light.
  if (sum / data.length < 128) for (let i = 0; i < data.length; i++) data[i] = 255 - data[i]!;
  return { data, width: info.width, height: info.height };
}

function fromGrey(g: { data: Buffer; width: number; height: number }): Sharp {
  return sharp(g.data, { raw: { width: g.width, height: g.height, channels: 1 } });
}

/** The first pass: cut, grey, polarity, contrast, enlarged, with a white margin. */
export async function firstPassImage(content: Buffer, box: Box): Promise<Buffer> {
  const g = await greyCrop(content, box);
  const s = scaleFor(g.width, g.height, MIN_HEIGHT);
  return fromGrey(g)
    .normalise()
    .resize(Math.round(g.width * s), Math.round(g.height * s), { kernel: 'lanczos3' })
    .extend({ top: 12, bottom: 12, left: 12, right: 12, background: '#ffffff' })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/**
 * The cleaned-up pass: lighting flattened by local contrast equalisation (CLAHE), speckle removed
 * by a median filter, the tilt measured on the pixels and undone, enlarged twice as much as the
 * first pass, and thresholded at Otsu's level.
 */
export async function cleanedImage(content: Buffer, box: Box): Promise<Buffer> {
  const g = await greyCrop(content, box);
  const s = scaleFor(g.width, g.height, MIN_HEIGHT * 2);
  const width = Math.round(g.width * s), height = Math.round(g.height * s);
  // Speckle is removed before enlarging (a 5×5 median at the photo's own scale, then a slight
  // blur), so that the enlargement does not make blobs of it.
  const smooth = await fromGrey(g).median(5).blur(0.8).resize(width, height, { kernel: 'cubic' }).toColourspace('b-w').raw().toBuffer();
  const raw = { raw: { width, height, channels: 1 as const } };
  // The lighting: the ground with the letters closed over (grey dilation wider than a stroke
  // widens the light ground over the dark letters), smoothed. The difference from it is the ink
  // alone on an even ground, whatever the lamp did.
  const stroke = Math.max(3, Math.round(height / 12)) | 1;
  const ground = await sharp(smooth, raw).erode(stroke).blur(stroke).toColourspace('b-w').raw().toBuffer();
  const ink = await sharp(ground, raw).composite([{ input: smooth, raw: raw.raw, blend: 'difference' }]).toColourspace('b-w').raw().toBuffer();
  const { data, info } = await sharp(ink, raw)
    .negate()
    .normalise()
    // sharp turns a one-band image back into sRGB after these operations: kept as one band of grey.
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const angle = skewAngle(data, info.width, info.height);
  const level = otsuThreshold(data);
  let img = sharp(data, { raw: { width: info.width, height: info.height, channels: 1 } });
  if (angle !== 0) {
    const turned = await img.rotate(angle, { background: '#ffffff' }).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
    img = sharp(turned.data, { raw: { width: turned.info.width, height: turned.info.height, channels: turned.info.channels } });
  }
  return img
    .threshold(level)
    .extend({ top: 16, bottom: 16, left: 16, right: 16, background: '#ffffff' })
    .png({ compressionLevel: 1 })
    .toBuffer();
}
