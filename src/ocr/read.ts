/**
 * Reading a marking from a photo: the box is checked against the image, cut out and read; a
 * second, cleaned-up pass runs only when the first is unsure, and the more confident reading is
 * kept; the gate says whether to offer it; near misses against catalogued part numbers are added.
 * Identification itself is not done here: the caller runs the text through the one engine in the
 * component's context (`evidence.componentSuggestion`), as a typed marking is.
 */
import { Problem, ValidationProblem } from '../problems.js';
import { OcrUnavailable, recognise, type EngineOptions, type RecognisedLine } from './engine.js';
import { ACCEPT_AT, accepted, keepCleaned, needsCleanedPass, PLEASE_TYPE, readingConfidence } from './gate.js';
import { correctedText, nearMisses, type NearMiss } from './near-miss.js';
import { cleanedImage, firstPassImage, imageInfo, NotAnImage, type Box } from './prepare.js';

export interface MarkingReading {
  /** The lines read, joined by new lines (as the marking field holds them). */
  text: string;
  /** `text` with each word that has a near miss replaced by its closest correction: what the form proposes. */
  corrected: string;
  /** The least confident line's confidence, 0–1 (see gate.ts). */
  confidence: number;
  lines: RecognisedLine[];
  /** Which image the kept reading came from. */
  pass: 'first' | 'cleaned';
  /** The cleaned-up pass ran (the first was below `SECOND_PASS_BELOW`). */
  cleanedPassRan: boolean;
  /** At or above `acceptAt`: offered as the marking; below, the investigator is asked to type it. */
  accepted: boolean;
  acceptAt: number;
  message: string | null;
  nearMisses: NearMiss[];
  box: Box;
  image: { width: number; height: number };
}

/** A crop smaller than this cannot hold a legible line. */
const MIN_BOX = 8;

/** The box, checked against the image: each side named in the 400 when it leaves the image. */
export function checkBox(box: Box, image: { width: number; height: number }): void {
  const errors: { field: string; message: string }[] = [];
  for (const k of ['x', 'y', 'w', 'h'] as const) if (!Number.isInteger(box[k]) || box[k] < 0) errors.push({ field: k, message: 'must be a whole number of pixels, 0 or more' });
  if (errors.length) throw new ValidationProblem(errors);
  if (box.w < MIN_BOX) errors.push({ field: 'w', message: `the box must be at least ${MIN_BOX} pixels wide` });
  if (box.h < MIN_BOX) errors.push({ field: 'h', message: `the box must be at least ${MIN_BOX} pixels high` });
  if (box.x + box.w > image.width) errors.push({ field: 'w', message: `x + w (${box.x + box.w}) is beyond the image's width (${image.width} pixels)` });
  if (box.y + box.h > image.height) errors.push({ field: 'h', message: `y + h (${box.y + box.h}) is beyond the image's height (${image.height} pixels)` });
  if (errors.length) throw new ValidationProblem(errors, 'the box must lie inside the image');
}

export class OcrNotAvailable extends Problem {
  constructor(why: string) {
    super(503, 'OCR unavailable', `the marking could not be read: ${why}; please type the marking`);
  }
}

export interface ReadOptions extends EngineOptions {
  /** Identification context for the near-miss candidates (the component's item). */
  context?: Parameters<typeof nearMisses>[1];
}

/** Reads the marking inside `box` of an image. 400 for a file that is no image or a box outside it; 503 when OCR cannot run. */
export async function readMarking(content: Buffer, box: Box, options: ReadOptions = {}): Promise<MarkingReading> {
  let image: { width: number; height: number };
  try {
    image = await imageInfo(content);
  } catch (e) {
    if (e instanceof NotAnImage) throw new ValidationProblem([{ field: 'id', message: `the file is not an image: ${e.message}` }]);
    throw e;
  }
  checkBox(box, image);
  try {
    const first = await recognise(await firstPassImage(content, box), options);
    let kept = { ...first, confidence: readingConfidence(first.lines), pass: 'first' as 'first' | 'cleaned' };
    let cleanedPassRan = false;
    if (needsCleanedPass(kept)) {
      cleanedPassRan = true;
      const second = await recognise(await cleanedImage(content, box), options);
      const confidence = readingConfidence(second.lines);
      if (keepCleaned(kept, { text: second.text, confidence })) kept = { ...second, confidence, pass: 'cleaned' };
    }
    const ok = accepted(kept.confidence);
    const misses = nearMisses(kept.text, options.context);
    return {
      text: kept.text,
      corrected: correctedText(kept.text, misses),
      confidence: kept.confidence,
      lines: kept.lines,
      pass: kept.pass,
      cleanedPassRan,
      accepted: ok,
      acceptAt: ACCEPT_AT,
      message: ok ? null : PLEASE_TYPE,
      nearMisses: misses,
      box,
      image,
    };
  } catch (e) {
    if (e instanceof OcrUnavailable) throw new OcrNotAvailable(e.message);
    throw e;
  }
}
