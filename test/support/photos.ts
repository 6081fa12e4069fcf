import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';

/**
 * Photos that say too much: hand-built metadata (EXIF with GPS, artist and a thumbnail; XMP; IPTC;
 * a comment; an ICC profile; a picture appended after the image, as phones do) around real image
 * data, each carrying a marker string, so tests can check that a copy for the public has none of it.
 */
export const JPEG_BASE = readFileSync(new URL('../fixtures/tracing/chip.jpg', import.meta.url));
/** 1×1 PNG. */
export const PNG_BASE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
/** 1×1 lossless WebP (a VP8L chunk only). */
export const WEBP_BASE = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');
/** 1×1 GIF89a with a graphic control extension. */
export const GIF_BASE = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

export interface Telltales {
  marker: string;
  lat: number;
  lon: number;
  orientation?: number;
}

/** A big-endian TIFF structure: IFD0 (orientation, artist, GPS pointer) → GPS IFD, and IFD1 with a "thumbnail". */
export function exifTiff(t: Telltales): Buffer {
  const artist = Buffer.from(`${t.marker} artist\0`, 'latin1');
  const thumb = Buffer.from(`${t.marker} thumbnail`, 'latin1');
  const b = Buffer.alloc(182 + artist.length + thumb.length);
  b.write('MM', 0, 'latin1');
  b.writeUInt16BE(42, 2);
  b.writeUInt32BE(8, 4);
  const entry = (at: number, tag: number, type: number, count: number, value: number, short = false) => {
    b.writeUInt16BE(tag, at);
    b.writeUInt16BE(type, at + 2);
    b.writeUInt32BE(count, at + 4);
    if (short) b.writeUInt16BE(value, at + 8);
    else b.writeUInt32BE(value, at + 8);
  };
  b.writeUInt16BE(3, 8);
  entry(10, 0x0112, 3, 1, t.orientation ?? 6, true);
  entry(22, 0x013b, 2, artist.length, 182);
  entry(34, 0x8825, 4, 1, 50);
  b.writeUInt32BE(152, 46); // next IFD: IFD1
  b.writeUInt16BE(4, 50);
  entry(52, 0x0001, 2, 2, 0);
  b.write(t.lat >= 0 ? 'N' : 'S', 60, 'latin1');
  entry(64, 0x0002, 5, 3, 104);
  entry(76, 0x0003, 2, 2, 0);
  b.write(t.lon >= 0 ? 'E' : 'W', 84, 'latin1');
  entry(88, 0x0004, 5, 3, 128);
  b.writeUInt32BE(0, 100);
  for (const [at, deg] of [[104, Math.abs(t.lat)], [128, Math.abs(t.lon)]] as const) {
    b.writeUInt32BE(Math.round(deg * 1e6), at);
    b.writeUInt32BE(1e6, at + 4);
    b.writeUInt32BE(0, at + 8);
    b.writeUInt32BE(1, at + 12);
    b.writeUInt32BE(0, at + 16);
    b.writeUInt32BE(1, at + 20);
  }
  b.writeUInt16BE(2, 152);
  entry(154, 0x0201, 4, 1, 182 + artist.length);
  entry(166, 0x0202, 4, 1, thumb.length);
  b.writeUInt32BE(0, 178);
  artist.copy(b, 182);
  thumb.copy(b, 182 + artist.length);
  return b;
}

const xmp = (marker: string) => `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${marker} xmp</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`;

function jpegSegment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** chip.jpg's image data, its own APP1 replaced by every kind of metadata carrying `t`. */
export function jpegWithMetadata(t: Telltales): Buffer {
  // Keep SOI and JFIF; drop the fixture's own EXIF; put ours and the rest in front of the tables.
  const jfifEnd = 4 + JPEG_BASE.readUInt16BE(4);
  const app1End = jfifEnd + 2 + JPEG_BASE.readUInt16BE(jfifEnd + 2);
  const jfifWithThumb = Buffer.concat([JPEG_BASE.subarray(6, 6 + 12), Buffer.from([1, 1]), Buffer.from(t.marker.slice(0, 3).padEnd(3, 'x'), 'latin1')]);
  const segments = [
    jpegSegment(0xe0, jfifWithThumb),
    jpegSegment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifTiff(t)])),
    jpegSegment(0xe1, Buffer.from(`http://ns.adobe.com/xap/1.0/\0${xmp(t.marker)}`, 'latin1')),
    jpegSegment(0xe2, Buffer.from(`ICC_PROFILE\0\x01\x01${t.marker} camera profile`, 'latin1')),
    jpegSegment(0xed, Buffer.from(`Photoshop 3.0\x008BIM\x04\x04\0\0\0\0\0\x20\x1c\x02\x50\0\x14${t.marker} byline.`, 'latin1')),
    jpegSegment(0xfe, Buffer.from(`${t.marker} comment`, 'latin1')),
  ];
  const appended = Buffer.concat([Buffer.from([0xff, 0xd8]), jpegSegment(0xe1, Buffer.from(`Exif\0\0${t.marker} depth map`, 'latin1')), Buffer.from([0xff, 0xd9])]);
  return Buffer.concat([JPEG_BASE.subarray(0, 2), ...segments, JPEG_BASE.subarray(app1End), appended]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** The 1×1 PNG with eXIf, tEXt, iTXt (XMP), zTXt, tIME, iCCP and a private chunk before its image data. */
export function pngWithMetadata(t: Telltales): Buffer {
  const ihdrEnd = 8 + 12 + 13;
  return Buffer.concat([
    PNG_BASE.subarray(0, ihdrEnd),
    pngChunk('iCCP', Buffer.from(`${t.marker} profile\0\0x`, 'latin1')),
    pngChunk('eXIf', exifTiff(t)),
    pngChunk('tEXt', Buffer.from(`Author\0${t.marker} author`, 'latin1')),
    pngChunk('iTXt', Buffer.from(`XML:com.adobe.xmp\0\0\0\0\0${xmp(t.marker)}`, 'latin1')),
    pngChunk('zTXt', Buffer.from(`Comment\0\0${t.marker}`, 'latin1')),
    pngChunk('tIME', Buffer.from([0x07, 0xe8, 1, 2, 3, 4, 5])),
    pngChunk('prVt', Buffer.from(`${t.marker} private`, 'latin1')),
    PNG_BASE.subarray(ihdrEnd),
    Buffer.from(`${t.marker} after IEND`, 'latin1'),
  ]);
}

function riffChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(type, 0, 'latin1');
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data, data.length & 1 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

/** The 1×1 WebP in the extended format with ICCP, EXIF and XMP chunks. */
export function webpWithMetadata(t: Telltales): Buffer {
  const vp8x = Buffer.alloc(10);
  vp8x[0] = 0x20 | 0x08 | 0x04 | 0x10; // ICC, EXIF, XMP, alpha
  const body = Buffer.concat([
    riffChunk('VP8X', vp8x),
    riffChunk('ICCP', Buffer.from(`${t.marker} profile`, 'latin1')),
    WEBP_BASE.subarray(12),
    riffChunk('EXIF', exifTiff(t)),
    riffChunk('XMP ', Buffer.from(xmp(t.marker), 'latin1')),
  ]);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}

/** The 1×1 GIF with a comment and an XMP application extension. */
export function gifWithMetadata(t: Telltales): Buffer {
  const imageAt = GIF_BASE.indexOf(0x21); // the graphic control extension
  const text = Buffer.from(`${t.marker} comment`, 'latin1');
  const comment = Buffer.concat([Buffer.from([0x21, 0xfe, text.length]), text, Buffer.from([0])]);
  const x = Buffer.from(xmp(t.marker), 'latin1');
  const blocks: Buffer[] = [];
  for (let i = 0; i < x.length; i += 255) {
    const part = x.subarray(i, i + 255);
    blocks.push(Buffer.from([part.length]), part);
  }
  const app = Buffer.concat([Buffer.from([0x21, 0xff, 11]), Buffer.from('XMP DataXMP', 'latin1'), ...blocks, Buffer.from([0])]);
  const loop = Buffer.concat([Buffer.from([0x21, 0xff, 11]), Buffer.from('NETSCAPE2.0', 'latin1'), Buffer.from([3, 1, 0, 0, 0])]);
  return Buffer.concat([GIF_BASE.subarray(0, imageAt), loop, comment, app, GIF_BASE.subarray(imageAt)]);
}
