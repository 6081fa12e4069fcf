import { crc32, inflateSync } from 'node:zlib';

/**
 * Whether pdfkit can be trusted with a PNG. Its PNG reader (png-js) walks the chunks with a
 * *signed* 32-bit length: a damaged file whose length field reads 2^31 or more sends the reader
 * backwards and it never returns (this is what hung the package benchmark, whose synthetic PNG had
 * one stray byte in its IDAT chunk). And for an image with transparency it inflates the pixels in a
 * callback that throws on bad data, which would take the whole server down. So the structure is
 * checked here first, the way a PNG decoder would: signature, every chunk inside the file with its
 * CRC, IHDR first, IEND reached, and (where pdfkit will decode them) the pixels inflating to the
 * size the header announces with valid row filters. Returns why not, or null when the PNG is sound.
 */
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Beyond this a photo is not drawn (pdfkit would decode it whole into memory). */
const MAX_PIXELS = 40_000_000;
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export function pngProblem(b: Buffer): string | null {
  if (b.length < 8 || !b.subarray(0, 8).equals(SIGNATURE)) return 'not a PNG signature';
  let pos = 8;
  let header: { width: number; height: number; bits: number; colorType: number; interlace: number } | null = null;
  const idat: Buffer[] = [];
  for (;;) {
    if (pos + 12 > b.length) return 'the file ends inside a chunk';
    const length = b.readUInt32BE(pos);
    const type = b.toString('latin1', pos + 4, pos + 8);
    if (length > 0x7fffffff || pos + 12 + length > b.length) return `chunk ${JSON.stringify(type)} is longer than the file`;
    const data = b.subarray(pos + 8, pos + 8 + length);
    if (crc32(b.subarray(pos + 4, pos + 8 + length)) !== b.readUInt32BE(pos + 8 + length)) return `chunk ${JSON.stringify(type)} fails its CRC`;
    if (!header && type !== 'IHDR') return 'the first chunk is not IHDR';
    if (type === 'IHDR') {
      if (length !== 13) return 'IHDR has the wrong length';
      header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), bits: data[8]!, colorType: data[9]!, interlace: data[12]! };
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + length;
  }
  const h = header!;
  const channels = CHANNELS[h.colorType];
  if (!channels || ![1, 2, 4, 8, 16].includes(h.bits)) return 'unknown colour type or bit depth';
  if (h.width === 0 || h.height === 0 || h.width * h.height > MAX_PIXELS) return `${h.width}×${h.height} pixels is not drawable`;
  if (!idat.length) return 'no image data';
  let pixels: Buffer;
  try {
    pixels = inflateSync(Buffer.concat(idat));
  } catch {
    return 'the image data does not inflate';
  }
  // pdfkit decodes interlaced images in the same throwing callback; they are rare in photographs.
  if (h.interlace !== 0) return 'interlaced PNG';
  const rowBytes = Math.ceil((h.width * channels * h.bits) / 8);
  if (pixels.length < h.height * (rowBytes + 1)) return 'the image data is shorter than its header says';
  for (let y = 0; y < h.height; y++) if (pixels[y * (rowBytes + 1)]! > 4) return `row ${y} has an unknown filter`;
  return null;
}
