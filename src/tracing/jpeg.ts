/**
 * JPEG metadata removal for photos embedded in letters. PDFKit copies a JPEG's bytes into the PDF
 * unchanged, EXIF included, and a field photo's EXIF can hold the GPS position where debris was
 * photographed and the camera owner's name. A letter to a company must carry neither, so every
 * APPn segment except JFIF (APP0) and Adobe (APP14, needed to read CMYK colours) is dropped, and
 * so are comments. The EXIF orientation is read first and returned so the photo can still be
 * shown upright. Pure: bytes in, bytes out.
 */

const SOI = 0xd8;
const SOS = 0xda;
const EOI = 0xd9;
const COM = 0xfe;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP14 = 0xee;

export interface StrippedJpeg {
  data: Buffer;
  /** EXIF orientation 1–8 (1 = upright) as found before stripping. */
  orientation: number;
  removedSegments: number;
}

function exifOrientation(seg: Buffer): number | null {
  // seg = the APP1 payload (after the length): "Exif\0\0" then a TIFF header.
  if (seg.length < 14 || seg.toString('latin1', 0, 6) !== 'Exif\0\0') return null;
  const t = 6;
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

/** Returns the JPEG without metadata segments; throws if the data is not a well-formed JPEG header. */
export function stripJpegMetadata(input: Buffer): StrippedJpeg {
  if (input.length < 4 || input[0] !== 0xff || input[1] !== SOI) throw new Error('not a JPEG (no SOI marker)');
  const parts: Buffer[] = [input.subarray(0, 2)];
  let pos = 2;
  let orientation = 1;
  let removed = 0;
  while (pos + 4 <= input.length) {
    if (input[pos] !== 0xff) throw new Error(`malformed JPEG: expected a marker at byte ${pos}`);
    const marker = input[pos + 1]!;
    if (marker === 0xff) {
      pos++; // fill byte
      continue;
    }
    if (marker === SOS || marker === EOI) {
      // Entropy-coded data follows: everything from here on is image, kept as is.
      parts.push(input.subarray(pos));
      return { data: Buffer.concat(parts), orientation, removedSegments: removed };
    }
    if (marker >= 0xd0 && marker <= 0xd7) {
      parts.push(input.subarray(pos, pos + 2));
      pos += 2;
      continue;
    }
    const len = input.readUInt16BE(pos + 2);
    const end = pos + 2 + len;
    if (len < 2 || end > input.length) throw new Error(`malformed JPEG: segment at byte ${pos} runs past the end`);
    const isApp = marker >= APP0 && marker <= 0xef;
    if (marker === APP1) {
      const o = exifOrientation(input.subarray(pos + 4, end));
      if (o) orientation = o;
    }
    if ((isApp && marker !== APP0 && marker !== APP14) || marker === COM) removed++;
    else parts.push(input.subarray(pos, end));
    pos = end;
  }
  throw new Error('malformed JPEG: no image data');
}
