/**
 * The one tesseract.js worker of this process: created on the first reading (most processes never
 * read a photo), reused by every reading after it, ended by `stopOcr()` when the server closes.
 *
 * The English model comes from `@tesseract.js-data/eng` in node_modules (`langPath`), never from
 * the network: without `langPath` tesseract.js fetches the model from a CDN and, offline, either
 * throws from inside its message handler (which ends the process) or waits on a connection that
 * never answers. So the model's path is checked before the worker starts, `errorHandler` keeps a
 * worker error from being thrown out of the handler, nothing is written to the working directory
 * (`cacheMethod: 'none'`), and every call into the worker has a deadline after which the worker is
 * ended and the next reading starts a new one.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';

const require = createRequire(import.meta.url);

/**
 * The integer-quantised "best" LSTM model (2.9 MB gzipped): the one tesseract.js itself picks for
 * LSTM-only recognition, smaller and faster to load than the package's legacy+LSTM `4.0.0` model.
 */
export function languagePath(): string {
  return path.join(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
}

/**
 * Characters a component marking is printed with: upper-case letters, digits, the space and the
 * punctuation of part numbers and lot codes (`PIC16F818-I/P`, `74HC595N.`, `+5V`, `#`). Lower case
 * is left out on purpose: markings are laser-printed in capitals, and a lower-case guess is
 * almost always a misread capital.
 */
export const MARKING_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -/.+#()&';

/** How long starting the worker (core, model, initialisation: ~1.5 s here) may take. */
export const START_TIMEOUT_MS = 20_000;
/** How long one recognition may take (a cropped marking takes ~0.1–0.3 s). */
export const RECOGNISE_TIMEOUT_MS = 10_000;

export class OcrUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OcrUnavailable';
  }
}

export interface RecognisedLine {
  text: string;
  confidence: number;
  /** The line's least confident word's confidence, 0–1 (a line is as wrong as its worst word). */
  minWord: number;
}
export interface Recognition {
  text: string;
  /** Tesseract's mean word confidence for the image, 0–1. */
  confidence: number;
  lines: RecognisedLine[];
}

export interface EngineOptions {
  /** Override the model folder (tests use a wrong one to prove the deadline holds). */
  langPath?: string;
  startTimeoutMs?: number;
  recogniseTimeoutMs?: number;
}

let current: { worker: Promise<Worker>; options: EngineOptions } | null = null;
/** Readings wait for each other: one worker reads one image at a time. */
let queue: Promise<unknown> = Promise.resolve();

function withDeadline<T>(work: Promise<T>, ms: number, what: string, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => { onTimeout(); reject(new OcrUnavailable(`${what} took longer than ${ms} ms`)); }, ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

async function startWorker(options: EngineOptions): Promise<Worker> {
  const langPath = options.langPath ?? languagePath();
  if (!existsSync(path.join(langPath, 'eng.traineddata.gz'))) {
    throw new OcrUnavailable(`the English OCR model is not installed at ${langPath} (npm install @tesseract.js-data/eng)`);
  }
  // Created without a language so that the handle exists before the model loads: if loading
  // outlives its deadline, the worker thread can be ended instead of being left running.
  const worker = await createWorker([], OEM.LSTM_ONLY, {
    langPath,
    gzip: true,
    cacheMethod: 'none',
    errorHandler: () => { /* the rejected job reports the error to its caller */ },
  });
  try {
    // The word lists bias tesseract towards English words; a marking is part numbers and codes.
    const config = { load_system_dawg: '0', load_freq_dawg: '0' };
    await withDeadline(worker.reinitialize('eng', OEM.LSTM_ONLY, config), options.startTimeoutMs ?? START_TIMEOUT_MS, 'starting OCR', () => void worker.terminate());
    await worker.setParameters({
      tessedit_char_whitelist: MARKING_CHARACTERS,
      // A cropped marking is one block of a few lines.
      tessedit_pageseg_mode: PSM.SINGLE_BLOCK,
      preserve_interword_spaces: '1',
      // PNGs carry no resolution; without one tesseract guesses from the pixel size and warns.
      user_defined_dpi: '300',
    });
  } catch (e) {
    await worker.terminate();
    throw e instanceof OcrUnavailable ? e : new OcrUnavailable(`OCR could not start: ${String((e as Error)?.message ?? e)}`);
  }
  return worker;
}

function workerFor(options: EngineOptions): Promise<Worker> {
  if (current && current.options.langPath === options.langPath) return current.worker;
  if (current) void stopOcr();
  const worker = startWorker(options);
  current = { worker, options };
  // A worker that failed to start is forgotten, so that the next reading tries again.
  worker.catch(() => { if (current?.worker === worker) current = null; });
  return worker;
}

interface TessLine { text: string; confidence: number; words?: { text: string; confidence: number }[] }
interface TessPage { text: string; confidence: number; blocks?: { paragraphs: { lines: TessLine[] }[] }[] | null }

/** Reads one prepared image (PNG) with the marking whitelist. */
export function recognise(png: Buffer, options: EngineOptions = {}): Promise<Recognition> {
  const run = queue.then(async () => {
    const worker = await workerFor(options);
    const result = await withDeadline(
      worker.recognize(png, {}, { text: true, blocks: true }),
      options.recogniseTimeoutMs ?? RECOGNISE_TIMEOUT_MS,
      'reading the image',
      // A worker stuck on one image is ended; the next reading starts a new one.
      () => void stopOcr(),
    );
    const page = result.data as unknown as TessPage;
    const lines: RecognisedLine[] = [];
    for (const block of page.blocks ?? []) {
      for (const para of block.paragraphs) {
        for (const line of para.lines) {
          const text = line.text.replace(/\s+/g, ' ').trim();
          const words = (line.words ?? []).filter((w) => w.text.trim());
          const minWord = words.length ? Math.min(...words.map((w) => w.confidence)) / 100 : line.confidence / 100;
          if (text) lines.push({ text, confidence: line.confidence / 100, minWord });
        }
      }
    }
    return { text: lines.map((l) => l.text).join('\n'), confidence: page.confidence / 100, lines };
  });
  queue = run.catch(() => undefined);
  return run;
}

/** Ends the worker (server shutdown, tests). Safe to call when none was started. */
export async function stopOcr(): Promise<void> {
  const was = current;
  current = null;
  if (!was) return;
  try {
    const worker = await was.worker;
    await worker.terminate();
  } catch {
    // A worker that never started has nothing to end.
  }
}

/** Whether a worker is running or starting (for tests of the lifecycle). */
export function ocrStarted(): boolean {
  return current !== null;
}
