/**
 * Removing what a picture says about where and by whom it was taken, without re-encoding it.
 *
 * A field photo's EXIF can hold the GPS position where debris was photographed, the camera's
 * serial number and its owner's name; XMP, IPTC (Photoshop APP13), comments, maker notes and
 * embedded thumbnails (which keep the uncropped picture) can too. The stored original is evidence
 * and addressed by its SHA-256, so it is never changed: these functions make a copy for readers
 * who must not see that (the public, a letter to a company).
 *
 * The copies are exact: metadata segments or chunks are dropped and the image data is copied byte
 * for byte, so nothing is lost to a re-encode. Everything not known to be needed to show the image
 * is dropped (an allow-list, not a block-list: an unknown chunk may hold anything). Only the EXIF
 * orientation survives, when asked, as a one-entry EXIF block, so the copy is still shown upright.
 * Colour profiles are dropped as well (an ICC profile can name the device it was made for): a
 * wide-gamut photo is then shown as sRGB, slightly less saturated.
 *
 * Pure: bytes in, bytes out. Throws on input it cannot parse; callers must not fall back to the
 * original then.
 */

export interface StrippedImage {
  data: Buffer;
  /** EXIF orientation 1–8 (1 = upright) as found before stripping. */
  orientation: number;
  /** Segments, chunks or blocks removed (or rewritten, as a JFIF thumbnail). */
  removedSegments: number;
}
/** The name this had when it only knew JPEG (the tracing letters use it). */
export type StrippedJpeg = StrippedImage;

export interface StripOptions {
  /** Keep the EXIF orientation (only it) so viewers still turn the image upright. Default false. */
  keepOrientation?: boolean;
}

// -- EXIF orientation ------------------------------------------------------------------------------

/** Reads the orientation tag from a TIFF structure (EXIF's body) at `t`; null if absent or unreadable. */
function tiffOrientation(seg: Buffer, t: number): number | null {
  if (seg.length < t + 8) return null;
  const order = seg.toString('latin1', t, t + 2);
  const le = order === 'II';
  if (!le && order !== 'MM') return null;
  const r16 = (o: number) => (le ? seg.readUInt16LE(o) : seg.readUInt16BE(o));
  const r32 = (o: number) => (le ? seg.readUInt32LE(o) : seg.readUInt32BE(o));
  if (r16(t + 2) !== 42) return null;
  const ifd = t + r32(t + 4);
  if (ifd + 2 > seg.length) return null;
  const n = r16(ifd);
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > seg.length) return null;
    if (r16(e) === 0x0112) {
      const v = r16(e + 8);
      return v >= 1 && v <= 8 ? v : null;
    }
  }
  return null;
}

const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');

function exifOrientation(payload: Buffer): number | null {
  if (payload.length < 14 || !payload.subarray(0, 6).equals(EXIF_HEADER)) return null;
  return tiffOrientation(payload, 6);
}

/** A TIFF structure with one tag, the orientation: 26 bytes, big-endian. */
export function orientationOnlyTiff(orientation: number): Buffer {
  const t = Buffer.alloc(26);
  t.write('MM', 0, 'latin1');
  t.writeUInt16BE(42, 2);
  t.writeUInt32BE(8, 4); // IFD0 right after the header
  t.writeUInt16BE(1, 8); // one entry
  t.writeUInt16BE(0x0112, 10); // Orientation
  t.writeUInt16BE(3, 12); // SHORT
  t.writeUInt32BE(1, 14); // count
  t.writeUInt16BE(orientation, 18); // value, left-justified in the 4-byte field
  t.writeUInt32BE(0, 22); // no next IFD (so no thumbnail IFD)
  return t;
}

// -- JPEG ----------------------------------------------------------------------------------------

const SOI = 0xd8;
const SOS = 0xda;
const EOI = 0xd9;
const COM = 0xfe;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP14 = 0xee;
const JFIF = Buffer.from('JFIF\0', 'latin1');

function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head[0] = 0xff;
  head[1] = marker;
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** Index of the next marker after entropy-coded data starting at `pos` (0xFF not followed by 0x00 or RSTn). */
function endOfEntropyData(input: Buffer, pos: number): number {
  for (;;) {
    const ff = input.indexOf(0xff, pos);
    if (ff < 0 || ff + 1 >= input.length) throw new Error('malformed JPEG: image data runs past the end');
    const next = input[ff + 1]!;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) pos = ff + 1;
    else return ff;
  }
}

/**
 * The JPEG without metadata: every APPn segment except JFIF (APP0, its thumbnail removed) and Adobe
 * (APP14, needed to read CMYK colours), and comments, are dropped; so is anything after the end of
 * the image (phones append further pictures there: depth maps, gain maps, each with its own EXIF).
 * Progressive JPEGs are walked scan by scan, so segments between scans are caught too.
 * Throws if the data is not a well-formed JPEG.
 */
export function stripJpegMetadata(input: Buffer, opts: StripOptions = {}): StrippedImage {
  if (input.length < 4 || input[0] !== 0xff || input[1] !== SOI) throw new Error('not a JPEG (no SOI marker)');
  const parts: Buffer[] = [input.subarray(0, 2)];
  let pos = 2;
  let orientation = 1;
  let removed = 0;
  let orientationAt = -1; // index in parts where the orientation-only EXIF goes
  while (pos + 2 <= input.length) {
    if (input[pos] !== 0xff) throw new Error(`malformed JPEG: expected a marker at byte ${pos}`);
    const marker = input[pos + 1]!;
    if (marker === 0xff) {
      pos++; // fill byte
      continue;
    }
    if (marker === EOI) {
      parts.push(input.subarray(pos, pos + 2));
      if (pos + 2 < input.length) removed++; // trailing data
      if (opts.keepOrientation && orientation !== 1) {
        parts.splice(orientationAt < 0 ? 1 : orientationAt, 0, segment(APP1, Buffer.concat([EXIF_HEADER, orientationOnlyTiff(orientation)])));
      }
      return { data: Buffer.concat(parts), orientation, removedSegments: removed };
    }
    if (marker >= 0xd0 && marker <= 0xd7) {
      parts.push(input.subarray(pos, pos + 2));
      pos += 2;
      continue;
    }
    if (pos + 4 > input.length) break;
    const len = input.readUInt16BE(pos + 2);
    const end = pos + 2 + len;
    if (len < 2 || end > input.length) throw new Error(`malformed JPEG: segment at byte ${pos} runs past the end`);
    const payload = input.subarray(pos + 4, end);
    if (marker === SOS) {
      // The scan header, then entropy-coded image data up to the next marker: kept as is.
      const next = endOfEntropyData(input, end);
      parts.push(input.subarray(pos, next));
      pos = next;
      continue;
    }
    if (marker === APP1) {
      const o = exifOrientation(payload);
      if (o) orientation = o;
    }
    if (marker === APP0 && payload.length >= 14 && payload.subarray(0, 5).equals(JFIF)) {
      // JFIF may carry a thumbnail (width × height × 3 bytes after the 14-byte header): keep the header only.
      if (payload.length > 14 || payload[12] !== 0 || payload[13] !== 0) {
        const head = Buffer.from(payload.subarray(0, 14));
        head[12] = 0;
        head[13] = 0;
        parts.push(segment(APP0, head));
        removed++;
      } else parts.push(input.subarray(pos, end));
      if (orientationAt < 0) orientationAt = parts.length;
    } else if ((marker >= APP0 && marker <= 0xef && marker !== APP14) || marker === COM) {
      removed++;
    } else {
      parts.push(input.subarray(pos, end));
    }
    pos = end;
  }
  throw new Error('malformed JPEG: no end of image');
}

// -- PNG -----------------------------------------------------------------------------------------

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/**
 * Chunks needed to show the image as its author meant: critical ones, transparency, gamma and
 * chromaticity, physical size, background, and APNG animation. Not kept: eXIf, tEXt, iTXt, zTXt
 * (XMP lives in iTXt), tIME, iCCP (its profile name is free text), and anything unknown.
 */
const PNG_KEEP = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'sBIT', 'bKGD', 'hIST', 'pHYs', 'acTL', 'fcTL', 'fdAT', 'cICP']);

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** The PNG with only the chunks needed to show it (see PNG_KEEP); nothing after IEND. */
export function stripPngMetadata(input: Buffer, opts: StripOptions = {}): StrippedImage {
  if (input.length < 8 || !input.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG (no signature)');
  const parts: Buffer[] = [PNG_SIGNATURE];
  let pos = 8;
  let orientation = 1;
  let removed = 0;
  let imageSeen = false;
  while (pos + 12 <= input.length) {
    const len = input.readUInt32BE(pos);
    const type = input.toString('latin1', pos + 4, pos + 8);
    const end = pos + 12 + len;
    if (end > input.length) throw new Error(`malformed PNG: chunk ${type} at byte ${pos} runs past the end`);
    if (type === 'eXIf') {
      const o = tiffOrientation(input.subarray(pos + 8, pos + 8 + len), 0);
      if (o) orientation = o;
    }
    if (PNG_KEEP.has(type)) {
      // The orientation goes where eXIf may stand: after IHDR, before the image data.
      if (type === 'IDAT' && !imageSeen && opts.keepOrientation && orientation !== 1) parts.push(pngChunk('eXIf', orientationOnlyTiff(orientation)));
      if (type === 'IDAT') imageSeen = true;
      parts.push(input.subarray(pos, end));
    } else removed++;
    pos = end;
    if (type === 'IEND') {
      if (pos < input.length) removed++;
      return { data: Buffer.concat(parts), orientation, removedSegments: removed };
    }
  }
  throw new Error('malformed PNG: no IEND chunk');
}

// -- WebP ----------------------------------------------------------------------------------------

/** Image, alpha and animation chunks; not EXIF, XMP, ICCP or anything unknown. */
const WEBP_KEEP = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF']);
const VP8X_ICC = 0x20;
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

/** The WebP with image chunks only; the extended header's flags are made to match. */
export function stripWebpMetadata(input: Buffer, opts: StripOptions = {}): StrippedImage {
  if (input.length < 12 || input.toString('latin1', 0, 4) !== 'RIFF' || input.toString('latin1', 8, 12) !== 'WEBP') throw new Error('not a WebP (no RIFF/WEBP header)');
  const riffEnd = Math.min(input.length, 8 + input.readUInt32LE(4));
  const chunks: Buffer[] = [];
  let pos = 12;
  let orientation = 1;
  let removed = 0;
  let vp8x: Buffer | null = null;
  while (pos + 8 <= riffEnd) {
    const type = input.toString('latin1', pos, pos + 4);
    const len = input.readUInt32LE(pos + 4);
    const end = pos + 8 + len + (len & 1);
    if (pos + 8 + len > riffEnd) throw new Error(`malformed WebP: chunk ${type} at byte ${pos} runs past the end`);
    const data = input.subarray(pos + 8, pos + 8 + len);
    if (type === 'EXIF') {
      const t = data.subarray(0, 6).equals(EXIF_HEADER) ? 6 : 0;
      const o = tiffOrientation(data, t);
      if (o) orientation = o;
    }
    if (type === 'VP8X' && len >= 10) {
      vp8x = Buffer.from(input.subarray(pos, Math.min(end, riffEnd)));
      vp8x[8] = vp8x[8]! & ~(VP8X_ICC | VP8X_EXIF | VP8X_XMP);
      chunks.push(vp8x);
    } else if (WEBP_KEEP.has(type)) chunks.push(input.subarray(pos, Math.min(end, riffEnd)));
    else removed++;
    pos = end;
  }
  if (!chunks.some((c) => ['VP8 ', 'VP8L', 'ANMF'].includes(c.toString('latin1', 0, 4)))) throw new Error('malformed WebP: no image data');
  if (opts.keepOrientation && orientation !== 1 && vp8x) {
    const tiff = orientationOnlyTiff(orientation);
    const head = Buffer.alloc(8);
    head.write('EXIF', 0, 'latin1');
    head.writeUInt32LE(tiff.length, 4);
    chunks.push(head, tiff); // EXIF comes after the image data in the extended format
    vp8x[8] = vp8x[8]! | VP8X_EXIF;
  }
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return { data: Buffer.concat([head, body]), orientation, removedSegments: removed };
}

// -- GIF -----------------------------------------------------------------------------------------

/** Application extensions that only say how an animation loops. */
const GIF_KEEP_APPS = new Set(['NETSCAPE2.0', 'ANIMEXTS1.0']);

/** End of the data sub-blocks starting at `pos` (just past the zero-length terminator). */
function endOfSubBlocks(input: Buffer, pos: number): number {
  for (;;) {
    if (pos >= input.length) throw new Error('malformed GIF: data runs past the end');
    const n = input[pos]!;
    pos += 1 + n;
    if (n === 0) return pos;
  }
}

/** The GIF without comments and application extensions other than animation looping (XMP, ICC). */
export function stripGifMetadata(input: Buffer): StrippedImage {
  const sig = input.toString('latin1', 0, 6);
  if (input.length < 13 || (sig !== 'GIF87a' && sig !== 'GIF89a')) throw new Error('not a GIF (no signature)');
  const flags = input[10]!;
  let pos = 13 + (flags & 0x80 ? 3 * 2 ** ((flags & 7) + 1) : 0);
  const parts: Buffer[] = [input.subarray(0, pos)];
  let removed = 0;
  while (pos < input.length) {
    const block = input[pos]!;
    if (block === 0x3b) {
      parts.push(input.subarray(pos, pos + 1));
      if (pos + 1 < input.length) removed++;
      return { data: Buffer.concat(parts), orientation: 1, removedSegments: removed };
    }
    if (block === 0x2c) {
      if (pos + 10 > input.length) break;
      const f = input[pos + 9]!;
      const lzw = pos + 10 + (f & 0x80 ? 3 * 2 ** ((f & 7) + 1) : 0);
      const end = endOfSubBlocks(input, lzw + 1);
      parts.push(input.subarray(pos, end));
      pos = end;
    } else if (block === 0x21) {
      const label = input[pos + 1];
      const end = endOfSubBlocks(input, pos + 2);
      const app = label === 0xff && input[pos + 2] === 11 ? input.toString('latin1', pos + 3, pos + 14) : null;
      if (label === 0xfe || (label === 0xff && !(app && GIF_KEEP_APPS.has(app)))) removed++;
      else parts.push(input.subarray(pos, end));
      pos = end;
    } else throw new Error(`malformed GIF: unknown block 0x${block.toString(16)} at byte ${pos}`);
  }
  throw new Error('malformed GIF: no trailer');
}

// -- which files can be cleaned ------------------------------------------------------------------

/**
 * A copy of `content` without metadata, for readers who must not see it; null when this type of
 * file cannot be cleaned exactly (TIFF and HEIC keep their metadata in the structures that hold
 * the image, MP4 in atoms beside it) and so must not be given to them at all. Plain text has no
 * metadata and is returned as it is. PDFs are returned as they are: their document properties
 * are the document author's (a known limit, docs/access.md).
 */
export function withoutMetadata(content: Buffer, mediaType: string): { data: Buffer; removedSegments: number } | null {
  switch (mediaType) {
    case 'image/jpeg':
      return stripJpegMetadata(content, { keepOrientation: true });
    case 'image/png':
      return stripPngMetadata(content, { keepOrientation: true });
    case 'image/webp':
      return stripWebpMetadata(content, { keepOrientation: true });
    case 'image/gif':
      return stripGifMetadata(content);
    case 'text/plain':
    case 'application/pdf':
      return { data: content, removedSegments: 0 };
    default:
      return null;
  }
}
