/**
 * Pixel measurements for the cleaned-up OCR pass, on 8-bit grey pixels (dark text on a light
 * ground). Pure: arrays in, numbers out.
 */

/** Otsu's threshold: the grey level that best separates ink from ground (maximum between-class variance). */
export function otsuThreshold(grey: Uint8Array): number {
  const hist = new Float64Array(256);
  for (let i = 0; i < grey.length; i++) hist[grey[i]!]!++;
  const total = grey.length;
  let sumAll = 0;
  for (let t = 0; t < 256; t++) sumAll += t * hist[t]!;
  let sumBack = 0, weightBack = 0, best = 0, bestVar = -1;
  for (let t = 0; t < 256; t++) {
    weightBack += hist[t]!;
    if (weightBack === 0) continue;
    const weightFore = total - weightBack;
    if (weightFore === 0) break;
    sumBack += t * hist[t]!;
    const meanBack = sumBack / weightBack;
    const meanFore = (sumAll - sumBack) / weightFore;
    const between = weightBack * weightFore * (meanBack - meanFore) ** 2;
    if (between > bestVar) { bestVar = between; best = t; }
  }
  // sharp's threshold() makes pixels >= level white: the ink is the class at or below `best`.
  return best + 1;
}

/** Tilts tried, in degrees: a hand-drawn box around a marking is rarely off by more than this. */
const MAX_SKEW = 10;
const STEP = 1;

/**
 * The tilt of the text lines in degrees (positive: the lines rise to the right, as a photo turned
 * clockwise shows them), found as the angle whose row projection of the ink is sharpest: text
 * lines that run along the rows give rows that are all ink or all ground. Returns 0 when no angle
 * does clearly better than level.
 */
export function skewAngle(grey: Uint8Array, width: number, height: number): number {
  // Ink pixels, sampled on a grid so that a large crop costs no more than a small one.
  const step = Math.max(1, Math.floor(Math.sqrt((width * height) / 40_000)));
  const xs: number[] = [], ys: number[] = [];
  const level = otsuThreshold(grey);
  for (let y = 0; y < height; y += step) {
    for (let x = 0; x < width; x += step) {
      if (grey[y * width + x]! < level) { xs.push(x - width / 2); ys.push(y - height / 2); }
    }
  }
  if (xs.length < 20) return 0;
  const rows = Math.ceil(Math.hypot(width, height) / step) + 2;
  const counts = new Float64Array(rows);
  const sharpness = (deg: number): number => {
    counts.fill(0);
    const t = Math.tan((deg * Math.PI) / 180);
    for (let i = 0; i < xs.length; i++) {
      // The row this ink pixel would fall in once the image is turned back by `deg`.
      const r = Math.floor((ys[i]! + xs[i]! * t) / step + rows / 2);
      if (r >= 0 && r < rows) counts[r]!++;
    }
    let s = 0;
    for (let r = 0; r < rows; r++) s += counts[r]! * counts[r]!;
    return s;
  };
  const level0 = sharpness(0);
  let best = 0, bestScore = level0;
  for (let deg = -MAX_SKEW; deg <= MAX_SKEW; deg += STEP) {
    if (deg === 0) continue;
    const s = sharpness(deg);
    if (s > bestScore) { bestScore = s; best = deg; }
  }
  // Less than 3 % sharper than level is noise, not tilt.
  return bestScore > level0 * 1.03 ? best : 0;
}
