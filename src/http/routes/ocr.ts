import { z } from 'zod';
import type { App } from '../app.js';
import { idParams } from '../../fields.js';
import * as evidence from '../../evidence/index.js';
import { assertCanWrite } from '../../access/index.js';
import { readMarking, stopOcr, MAX_NEAR_MISSES } from '../../ocr/index.js';
import { Unauthorized } from '../../problems.js';
import { componentSuggestionSchema } from './identify.js';

const pixels = z.number().int().min(0).max(100_000);
const body = z.object({
  x: pixels.describe('Left edge of the box, in image pixels (the photo as shown, turned as its EXIF says)'),
  y: pixels.describe('Top edge of the box, in image pixels'),
  w: pixels.describe('Width of the box, in image pixels'),
  h: pixels.describe('Height of the box, in image pixels'),
});

const reading = z.object({
  text: z.string().describe('The lines read, joined by new lines'),
  corrected: z.string().describe('The text with each word that has a near miss replaced by its closest catalogued correction: what the form proposes'),
  confidence: z.number().describe("The least confident word's confidence, 0–1"),
  lines: z.array(z.object({ text: z.string(), confidence: z.number(), minWord: z.number().describe("the line's least confident word") })),
  pass: z.enum(['first', 'cleaned']).describe('first: the cut-out as it is; cleaned: lighting flattened, straightened, thresholded, enlarged'),
  cleanedPassRan: z.boolean().describe('the first reading was unsure, so the cleaned-up pass ran too'),
  accepted: z.boolean().describe('confidence ≥ acceptAt: offered as the marking; otherwise the investigator is asked to type it'),
  acceptAt: z.number(),
  message: z.string().nullable().describe('"please type the marking" when the reading is not accepted'),
  nearMisses: z.array(z.object({
    read: z.string(), corrected: z.string(), partNumber: z.string(), maker: z.string().nullable(), distance: z.number().int(), reason: z.enum(['look-alike', 'one-edit']),
  })).max(MAX_NEAR_MISSES).describe('Catalogued part numbers the reading is one look-alike or edit away from (STM32F4O7 → STM32F407)'),
  suggestion: componentSuggestionSchema.nullable().describe("The corrected text identified as the photo's component would be (its item's context); null when nothing was read"),
  box: body,
  image: z.object({ width: z.number().int(), height: z.number().int() }),
});

/** `POST /api/evidence-files/:id/read-marking`: the marking inside a box drawn on a photo, read by OCR. */
export default async function ocrRoutes(app: App): Promise<void> {
  app.addHook('onClose', async () => { await stopOcr(); });

  app.post('/api/evidence-files/:id/read-marking', {
    // Reading is for people who enter components: the file must be readable by them, and they must be able to write components.
    config: { permission: 'write' },
    schema: {
      tags: ['evidence-files'],
      operationId: 'read_marking',
      summary: 'Read the marking inside a box drawn on a photo (OCR); the text is a suggestion for the marking field',
      description: 'One reading takes well under a second on a cropped marking, so it runs inline with a deadline. 400 for a file that is not an image or a box outside it; 503 when OCR cannot run.',
      params: idParams,
      body,
      response: { 200: reading },
    },
  }, async (req) => {
    if (!req.actor) throw new Unauthorized();
    assertCanWrite(req.actor, 'create', undefined, { recordType: 'components' });
    const { meta, content } = await evidence.readFileContent(app.db, req.actor, req.params.id);
    let context: Parameters<typeof evidence.componentSuggestion>[1] = evidence.suggestionContextOf(null);
    if (meta.componentId) {
      const component = await evidence.get(app.db, req.actor, evidence.components, meta.componentId);
      context = await evidence.itemContext(app.db, component.itemId as string, req.actor);
    }
    const read = await readMarking(content, req.body, { context });
    return { ...read, suggestion: read.corrected ? evidence.componentSuggestion(read.corrected, context) : null };
  });
}
