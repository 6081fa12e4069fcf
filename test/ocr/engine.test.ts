import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { firstPassImage, languagePath, ocrStarted, recognise, stopOcr, OcrUnavailable } from '../../src/ocr/index.js';

/**
 * The OCR worker's lifecycle (src/ocr/engine.ts): the model comes from node_modules, a worker that
 * cannot start or outlives its deadline fails the reading with OcrUnavailable instead of hanging
 * or ending the process, and the next reading starts a fresh worker.
 */
const MARKING = readFileSync(new URL('../fixtures/ocr/stm32f407.jpg', import.meta.url));
const box = { x: 0, y: 0, w: 201, h: 149 };

afterAll(async () => { await stopOcr(); });

describe('the OCR engine', () => {
  it('loads the English model from node_modules (@tesseract.js-data/eng), not from the network', () => {
    const dir = languagePath();
    expect(dir.split(path.sep)).toEqual(expect.arrayContaining(['node_modules', '@tesseract.js-data', 'eng']));
    expect(existsSync(path.join(dir, 'eng.traineddata.gz'))).toBe(true);
  });

  it('refuses at once when the model is not where it is looked for (no download is tried)', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'remnant-ocr-'));
    await expect(recognise(await firstPassImage(MARKING, box), { langPath: empty })).rejects.toThrow(/not installed/);
    expect(ocrStarted()).toBe(false);
  });

  it('gives up on a start that outlives its deadline, then starts afresh for the next reading', async () => {
    const image = await firstPassImage(MARKING, box);
    await expect(recognise(image, { startTimeoutMs: 1 })).rejects.toBeInstanceOf(OcrUnavailable);
    expect(ocrStarted()).toBe(false);
    const read = await recognise(image);
    expect(read.lines.map((l) => l.text)).toEqual(['STM32F407', 'VGT6', 'CHN 2315']);
    expect(ocrStarted()).toBe(true);
  }, 60_000);

  it('ends its worker on stop, and a later reading starts one again', async () => {
    await stopOcr();
    expect(ocrStarted()).toBe(false);
    const read = await recognise(await firstPassImage(MARKING, box));
    expect(read.text).toContain('STM32F407');
  }, 60_000);
});
