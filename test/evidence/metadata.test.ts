import exifr from 'exifr';
import { describe, expect, it } from 'vitest';
import { stripGifMetadata, stripJpegMetadata, stripPngMetadata, stripWebpMetadata, withoutMetadata } from '../../src/evidence/metadata.js';
import { GIF_BASE, JPEG_BASE, PNG_BASE, WEBP_BASE, gifWithMetadata, jpegWithMetadata, pngWithMetadata, webpWithMetadata } from '../support/photos.js';

const T = { marker: 'tElLtAlE', lat: 49.987654, lon: 36.123456, orientation: 6 };
const has = (b: Buffer, s: string) => b.includes(Buffer.from(s, 'latin1'));

describe('JPEG', () => {
  const photo = jpegWithMetadata(T);

  it('the test photo carries everything it should (the checks below can fail)', async () => {
    const tags = await exifr.parse(photo, { gps: true, xmp: true, iptc: true, icc: true });
    expect(tags.latitude).toBeCloseTo(T.lat, 6);
    expect(tags.longitude).toBeCloseTo(T.lon, 6);
    expect(tags.Artist).toBe(`${T.marker} artist`);
    for (const where of ['xmp', 'byline', 'comment', 'thumbnail', 'depth map', 'camera profile']) expect(has(photo, `${T.marker} ${where}`), where).toBe(true);
  });

  it('keeps the image data and only the orientation; GPS, artist, XMP, IPTC, comment, ICC, thumbnails and appended pictures go', async () => {
    const before = Buffer.from(photo);
    const s = stripJpegMetadata(photo, { keepOrientation: true });
    expect(photo.equals(before)).toBe(true); // the original is not touched
    expect(has(s.data, T.marker)).toBe(false);
    expect(has(s.data, T.marker.slice(0, 3))).toBe(false); // the JFIF thumbnail's pixels
    expect(s.orientation).toBe(6);
    expect(s.removedSegments).toBe(7); // JFIF thumbnail, EXIF, XMP, ICC, IPTC, comment, the appended picture
    const tags = await exifr.parse(s.data, { gps: true, xmp: true, iptc: true, icc: true, jfif: false, translateValues: false });
    expect(tags).toEqual({ Orientation: 6 });
    // The image — tables, frame header and entropy-coded data up to EOI — is the original's, byte for byte.
    const dqt = (b: Buffer) => b.subarray(b.indexOf(Buffer.from([0xff, 0xdb])), b.indexOf(Buffer.from([0xff, 0xd9]), b.indexOf(Buffer.from([0xff, 0xda]))) + 2);
    expect(dqt(s.data).equals(dqt(JPEG_BASE))).toBe(true);
    expect(s.data.subarray(-2).equals(Buffer.from([0xff, 0xd9]))).toBe(true);
  });

  it('without keepOrientation (letters) no EXIF at all remains; an upright photo gets none either way', () => {
    expect(has(stripJpegMetadata(photo).data, 'Exif')).toBe(false);
    expect(has(stripJpegMetadata(jpegWithMetadata({ ...T, orientation: 1 }), { keepOrientation: true }).data, 'Exif')).toBe(false);
  });

  it('refuses what it cannot parse rather than passing it through', () => {
    expect(() => stripJpegMetadata(PNG_BASE)).toThrow(/not a JPEG/);
    expect(() => stripJpegMetadata(photo.subarray(0, photo.indexOf(Buffer.from([0xff, 0xda])) + 40))).toThrow(/malformed/);
    expect(() => withoutMetadata(PNG_BASE, 'image/jpeg')).toThrow();
  });
});

describe('PNG', () => {
  it('keeps the image chunks and the orientation as a one-entry eXIf; text, XMP, profile, time, private chunks and trailing bytes go', async () => {
    const photo = pngWithMetadata(T);
    expect(has(photo, T.marker)).toBe(true);
    const s = stripPngMetadata(photo, { keepOrientation: true });
    expect(has(s.data, T.marker)).toBe(false);
    expect(has(s.data, 'tIME')).toBe(false);
    expect(s.removedSegments).toBe(8);
    expect(s.orientation).toBe(6);
    expect(await exifr.parse(s.data, { gps: true, xmp: true, ihdr: false, translateValues: false })).toEqual({ Orientation: 6 });
    // With the orientation chunk taken out again, the result is the original 1×1 PNG exactly.
    expect(stripPngMetadata(s.data).data.equals(PNG_BASE)).toBe(true);
  });
});

describe('WebP', () => {
  it('keeps the image, clears the ICC/XMP flags and keeps only the orientation', () => {
    const photo = webpWithMetadata(T);
    const s = stripWebpMetadata(photo, { keepOrientation: true });
    expect(has(s.data, T.marker)).toBe(false);
    expect(has(s.data, 'ICCP') || has(s.data, 'XMP ')).toBe(false);
    expect(s.data.readUInt32LE(4)).toBe(s.data.length - 8);
    expect(s.data[20]! & 0x2c).toBe(0x08); // VP8X flags: EXIF only
    expect(s.data.includes(WEBP_BASE.subarray(12))).toBe(true);
    expect(stripWebpMetadata(WEBP_BASE).data.equals(WEBP_BASE)).toBe(true);
  });
});

describe('GIF', () => {
  it('drops comments and XMP, keeps animation looping and the image', () => {
    const s = stripGifMetadata(gifWithMetadata(T));
    expect(has(s.data, T.marker)).toBe(false);
    expect(has(s.data, 'NETSCAPE2.0')).toBe(true);
    expect(s.removedSegments).toBe(2);
    expect(stripGifMetadata(GIF_BASE).data.equals(GIF_BASE)).toBe(true);
  });
});

describe('which files the public may have', () => {
  it('cleans photos, passes text and PDF, and refuses what cannot be cleaned exactly', () => {
    expect(withoutMetadata(jpegWithMetadata(T), 'image/jpeg')).not.toBeNull();
    expect(withoutMetadata(Buffer.from('notes'), 'text/plain')!.data.toString()).toBe('notes');
    for (const t of ['image/tiff', 'image/heic', 'video/mp4']) expect(withoutMetadata(Buffer.from('x'), t)).toBeNull();
  });
});
