import { describe, expect, it } from 'vitest';
import { crc32, deflateSync } from 'node:zlib';
import { pngProblem } from '../../src/package/images.js';

/** A PNG built chunk by chunk (so that a test can damage exactly one part of it). */
function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(width: number, height: number, colorType = 6, rows?: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = colorType;
  const channels = colorType === 6 ? 4 : 3;
  const raw = rows ?? Buffer.concat(Array.from({ length: height }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(width * channels, 120)])));
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

describe('pngProblem', () => {
  it('accepts a sound PNG, with bytes after IEND', () => {
    expect(pngProblem(png(4, 3))).toBeNull();
    expect(pngProblem(Buffer.concat([png(4, 3, 2), Buffer.from('photo 7')]))).toBeNull();
  });

  it('refuses the damaged PNG that hung the package (a length read as negative by png-js)', () => {
    // The benchmark's old synthetic photo: its IDAT carried one byte more than its length says.
    const hung = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2214bc40000000049454e44ae426082', 'hex');
    expect(pngProblem(Buffer.concat([hung, Buffer.from('photo 0')]))).toMatch(/CRC|longer than the file|ends inside/);
    const huge = png(2, 2);
    huge.writeUInt32BE(0x80000000, 33); // IDAT's length field
    expect(pngProblem(huge)).toMatch(/longer than the file/);
  });

  it('refuses a bad CRC, missing IEND, pixels that do not inflate or are short, an unknown row filter', () => {
    const good = png(4, 3);
    const flipped = Buffer.from(good);
    flipped[45] = flipped[45]! ^ 0xff; // inside the IDAT data
    expect(pngProblem(flipped)).toMatch(/CRC/);
    expect(pngProblem(good.subarray(0, good.length - 12))).toMatch(/ends inside/);
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(4, 0);
    ihdr.writeUInt32BE(3, 4);
    ihdr[8] = 8;
    ihdr[9] = 6;
    const withData = (d: Buffer) => Buffer.concat([good.subarray(0, 8), chunk('IHDR', ihdr), chunk('IDAT', d), chunk('IEND', Buffer.alloc(0))]);
    expect(pngProblem(withData(Buffer.from('not zlib')))).toMatch(/inflate/);
    expect(pngProblem(withData(deflateSync(Buffer.alloc(5))))).toMatch(/shorter/);
    expect(pngProblem(png(4, 3, 6, Buffer.concat(Array.from({ length: 3 }, () => Buffer.concat([Buffer.from([9]), Buffer.alloc(16)])))))).toMatch(/filter/);
    expect(pngProblem(Buffer.from('GIF89a'))).toMatch(/signature/);
  });
});
