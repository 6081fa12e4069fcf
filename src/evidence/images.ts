import sharp, { type SharpOptions } from 'sharp';
import * as phashModule from 'sharp-phash';

// sharp-phash is CommonJS (module.exports = function) whose types declare an ES default export;
// Node gives a CommonJS module's exports as the namespace's `default`, whatever the types say.
type Phash = (image: Buffer, options?: SharpOptions) => Promise<string>;
const phash = (phashModule as unknown as { default: Phash }).default;

/**
 * What sharp derives from an image: its perceptual hash and its thumbnails. Neither is evidence —
 * the stored original is — so both can be made again from it at any time.
 */

/** Thumbnail widths (longest side, px): lists, the gallery, a phone-size view. */
export const THUMBNAIL_SIZES = [160, 480, 1280] as const;
export type ThumbnailSize = (typeof THUMBNAIL_SIZES)[number];

// A decompression bomb (a small file that decodes to gigapixels) must not take the server down.
const LIMIT = { limitInputPixels: 100_000_000 };

/**
 * The 64-bit perceptual hash (DCT of a 32×32 greyscale copy, upright per its EXIF orientation) as
 * 64 characters of 0/1, or null when the image cannot be decoded (HEIC, a broken file): such a file
 * is then simply not compared.
 */
export async function perceptualHash(content: Buffer): Promise<string | null> {
  try {
    const bits = await phash(content, LIMIT);
    return /^[01]{64}$/.test(bits) ? bits : null;
  } catch {
    return null;
  }
}

/** Hamming distance of two 64-character bit strings. */
export function hamming(a: string, b: string): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

/**
 * A JPEG no larger than `size` on its longest side, turned upright, without any metadata (sharp
 * writes none unless asked: no EXIF, GPS, XMP or ICC profile), so a thumbnail says no more than
 * the public copy of the original. Null when the image cannot be decoded.
 */
export async function makeThumbnail(content: Buffer, size: ThumbnailSize): Promise<Buffer | null> {
  try {
    return await sharp(content, { ...LIMIT, failOn: 'none' })
      .rotate()
      .resize(size, size, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 78, mozjpeg: true })
      .toBuffer();
  } catch {
    return null;
  }
}
