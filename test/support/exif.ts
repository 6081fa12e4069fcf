import sharp from 'sharp';

/**
 * Real EXIF, built byte by byte, in real JPEGs: the tags a camera or phone writes about when and
 * where a photo was taken and what last saved it. Each test says exactly which tags its photo has.
 */
export interface ExifFixture {
  /** IFD0 Software (0x0131), e.g. "Adobe Photoshop 25.0". */
  software?: string;
  /** Exif IFD DateTimeOriginal, "2024:05:01 10:11:12". */
  dateTimeOriginal?: string;
  /** Exif IFD OffsetTimeOriginal, "+03:00". */
  offsetTimeOriginal?: string;
  /** GPS position in degrees. */
  gps?: { lat: number; lon: number };
  /** GPSDateStamp "2024:05:01" and GPSTimeStamp [h, m, s] (UTC). */
  gpsTime?: { date: string; time: [number, number, number] };
}

type Entry = { tag: number; type: 2 | 3 | 4 | 5; values: string | number[] };

/** One IFD's bytes at `base` (its offset in the TIFF), values beyond 4 bytes after it; `next`: offset of the next IFD or 0. */
function ifd(entries: Entry[], base: number, pointers: Map<number, number> = new Map()): Buffer {
  entries.sort((a, b) => a.tag - b.tag);
  const head = Buffer.alloc(2 + entries.length * 12 + 4);
  const extra: Buffer[] = [];
  let extraAt = base + head.length;
  head.writeUInt16BE(entries.length, 0);
  entries.forEach((e, i) => {
    const at = 2 + i * 12;
    let data: Buffer;
    let count: number;
    if (e.type === 2) {
      data = Buffer.from(`${e.values as string}\0`, 'latin1');
      count = data.length;
    } else if (e.type === 5) {
      const nums = e.values as number[];
      data = Buffer.alloc(nums.length * 8);
      nums.forEach((n, j) => {
        data.writeUInt32BE(Math.round(n * 1_000_000), j * 8);
        data.writeUInt32BE(1_000_000, j * 8 + 4);
      });
      count = nums.length;
    } else if (e.type === 3) {
      const nums = e.values as number[];
      data = Buffer.alloc(Math.max(4, nums.length * 2));
      nums.forEach((n, j) => data.writeUInt16BE(n, j * 2));
      count = nums.length;
    } else {
      const nums = e.values as number[];
      data = Buffer.alloc(nums.length * 4);
      nums.forEach((n, j) => data.writeUInt32BE(pointers.get(e.tag) ?? n, j * 4));
      count = nums.length;
    }
    head.writeUInt16BE(e.tag, at);
    head.writeUInt16BE(e.type, at + 2);
    head.writeUInt32BE(count, at + 4);
    if (data.length <= 4) data.copy(head, at + 8);
    else {
      head.writeUInt32BE(extraAt, at + 8);
      const padded = data.length % 2 ? Buffer.concat([data, Buffer.alloc(1)]) : data;
      extra.push(padded);
      extraAt += padded.length;
    }
  });
  return Buffer.concat([head, ...extra]);
}

/** A big-endian TIFF structure (EXIF's body): IFD0 → Exif IFD and GPS IFD. */
export function exifTiffOf(f: ExifFixture): Buffer {
  const exifEntries: Entry[] = [];
  if (f.dateTimeOriginal) exifEntries.push({ tag: 0x9003, type: 2, values: f.dateTimeOriginal });
  if (f.offsetTimeOriginal) exifEntries.push({ tag: 0x9011, type: 2, values: f.offsetTimeOriginal });
  const gpsEntries: Entry[] = [];
  if (f.gps) {
    const dms = (deg: number) => { const a = Math.abs(deg); const d = Math.floor(a); const m = Math.floor((a - d) * 60); return [d, m, (a - d - m / 60) * 3600]; };
    gpsEntries.push({ tag: 0x0001, type: 2, values: f.gps.lat >= 0 ? 'N' : 'S' }, { tag: 0x0002, type: 5, values: dms(f.gps.lat) });
    gpsEntries.push({ tag: 0x0003, type: 2, values: f.gps.lon >= 0 ? 'E' : 'W' }, { tag: 0x0004, type: 5, values: dms(f.gps.lon) });
  }
  if (f.gpsTime) gpsEntries.push({ tag: 0x0007, type: 5, values: f.gpsTime.time }, { tag: 0x001d, type: 2, values: f.gpsTime.date });
  const ifd0Entries: Entry[] = [];
  if (f.software) ifd0Entries.push({ tag: 0x0131, type: 2, values: f.software });
  if (exifEntries.length) ifd0Entries.push({ tag: 0x8769, type: 4, values: [0] });
  if (gpsEntries.length) ifd0Entries.push({ tag: 0x8825, type: 4, values: [0] });
  // Lay out IFD0 first (its size does not depend on the pointers' values), then the others.
  const size0 = ifd(ifd0Entries.map((e) => ({ ...e })), 8).length;
  const exifAt = 8 + size0;
  const exifBytes = exifEntries.length ? ifd(exifEntries, exifAt) : Buffer.alloc(0);
  const gpsAt = exifAt + exifBytes.length;
  const gpsBytes = gpsEntries.length ? ifd(gpsEntries, gpsAt) : Buffer.alloc(0);
  const ifd0 = ifd(ifd0Entries, 8, new Map([[0x8769, exifAt], [0x8825, gpsAt]]));
  const head = Buffer.from([0x4d, 0x4d, 0, 42, 0, 0, 0, 8]);
  return Buffer.concat([head, ifd0, exifBytes, gpsBytes]);
}

/** `jpeg` with an APP1 EXIF segment carrying `f`, right after SOI (sharp writes none of its own). */
export function withExif(jpeg: Buffer, f: ExifFixture): Buffer {
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifTiffOf(f)]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), head, payload, jpeg.subarray(2)]);
}

/** A small real JPEG: a gradient with a few shapes (seeded, so each seed is a different picture). */
export async function syntheticPhoto(seed = 1, width = 320, height = 240): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  let s = seed * 9301 + 49297;
  const rnd = () => { s = (s * 9301 + 49297) % 233280; return s / 233280; };
  const blobs = Array.from({ length: 6 }, () => ({ x: rnd() * width, y: rnd() * height, r: 20 + rnd() * 60, c: [rnd() * 255, rnd() * 255, rnd() * 255] }));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let px = [(x / width) * 200, (y / height) * 180, 90];
      for (const b of blobs) if ((x - b.x) ** 2 + (y - b.y) ** 2 < b.r ** 2) px = b.c;
      const i = (y * width + x) * 3;
      raw[i] = px[0]!; raw[i + 1] = px[1]!; raw[i + 2] = px[2]!;
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
}
