import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { otsuThreshold, skewAngle } from '../../src/ocr/pixels.js';
import { ACCEPT_AT, accepted, readingConfidence } from '../../src/ocr/index.js';

/** Pixel measurements of the cleaned-up pass and the gate (pure). */
async function bars(angle: number): Promise<{ data: Uint8Array; width: number; height: number }> {
  // Three dark text-like bars on white, made of short dashes as letters are, turned by `angle` (sharp: clockwise).
  const dashes = (y: number) => Array.from({ length: 14 }, (_, i) => `<rect x="${20 + i * 26}" y="${y}" width="18" height="22" fill="#000"/>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="420" height="150"><rect width="100%" height="100%" fill="#fff"/>${dashes(20)}${dashes(64)}${dashes(108)}</svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).flatten({ background: '#fff' }).rotate(angle, { background: '#fff' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe('skew', () => {
  it('measures the tilt that undoes a turn (rotate by the answer to level the lines)', async () => {
    for (const turned of [-6, -3, 4, 7]) {
      const img = await bars(turned);
      expect(skewAngle(img.data, img.width, img.height)).toBe(-turned);
    }
  });
  it('says 0 for level lines and for an image with no ink', async () => {
    const level = await bars(0);
    expect(skewAngle(level.data, level.width, level.height)).toBe(0);
    expect(skewAngle(new Uint8Array(100 * 50).fill(255), 100, 50)).toBe(0);
  });
});

describe('Otsu threshold', () => {
  it('falls between the ink and the ground', () => {
    const px = new Uint8Array(1000);
    for (let i = 0; i < px.length; i++) px[i] = i < 300 ? 40 + (i % 10) : 200 + (i % 20);
    const t = otsuThreshold(px);
    expect(t).toBeGreaterThan(49);
    expect(t).toBeLessThanOrEqual(200);
  });
});

describe('the gate', () => {
  it("takes the least confident line's confidence: one bad line is enough to be wrong", () => {
    expect(readingConfidence([{ confidence: 0.95 }, { confidence: 0.41 }, { confidence: 0.9 }])).toBe(0.41);
    expect(readingConfidence([])).toBe(0);
  });
  it('accepts at the threshold and above, not below', () => {
    expect(accepted(ACCEPT_AT)).toBe(true);
    expect(accepted(ACCEPT_AT - 0.01)).toBe(false);
  });
});
