import { z } from 'zod';
import type { App } from '../app.js';
import { isoDate, requiredText, text } from '../../fields.js';
import { identify, todayIso, RULES, type IdentifyContext } from '../../markings/index.js';

/**
 * `POST /api/identify`: a printed marking in, ranked readings out (maker, part number, family,
 * production windows, HS6, CHPL tier, warnings and the reasoning). The engine reads only the
 * versioned reference catalogue, never stored evidence, so anyone may ask.
 */
const context = z.object({
  today: isoDate.optional().describe('"Today" for future checks; defaults to the server date'),
  recoveryDate: isoDate.optional().describe("The item's recovery date: nothing on it was produced later"),
  recoveredOn: isoDate.optional().describe('Same as recoveryDate (the items table name)'),
  introducedYear: z.number().int().min(1900).max(2200).optional().describe('Year the part was introduced, when known'),
  maker: text(200).optional().describe('A maker already confirmed by the analyst (name, alias or catalogue id)'),
  explain: z.boolean().optional().describe('Include the reasoning text (default true)'),
});

const body = z.object({
  marking: requiredText(10_000).describe('The printed lines of one part, joined by " / " or new lines'),
  context: context.optional(),
  /** Accepted at the top level too, as the web client sends it. */
  recoveredOn: isoDate.optional(),
});

const warning = z.object({ code: z.string(), message: z.string() });
const parent = z.object({ id: z.string(), name: z.string(), country: z.string().nullable(), year: z.number().int().nullable() });
const maker = z.object({
  id: z.string(), name: z.string(), country: z.string().nullable(), parent: parent.nullable(), ultimateParent: parent.nullable(), jep106: z.string().nullable(),
});
const dateReading = z.object({
  from: z.string(), to: z.string(), rule: z.string(), chars: z.string(), token: z.string(), confidence: z.number(), note: z.string(),
});
const rejectedDate = z.object({ from: z.string(), to: z.string(), rule: z.string(), chars: z.string(), reason: z.string() });
const reading = z.object({
  confidence: z.number(),
  maker: maker.nullable(),
  makerEvidence: z.enum(['logo', 'logo+prefix', 'prefix', 'ambiguous-prefix', 'context']).nullable(),
  makerCandidates: z.array(z.string()),
  partNumber: z.string().nullable(),
  family: z.string().nullable(),
  category: z.string().nullable(),
  hs6: z.string().nullable(),
  chplTier: z.string().nullable(),
  classificationReason: z.string(),
  introduced: z.number().int().nullable(),
  dates: z.array(dateReading),
  rejectedDates: z.array(rejectedDate),
  dateToken: z.string().nullable(),
  site: z.object({ code: z.string(), name: z.string().nullable() }).nullable(),
  assemblyCountry: z.string().nullable(),
  lot: z.string().nullable(),
  ownerAtProduction: parent.nullable(),
  warnings: z.array(warning),
  reasoning: z.array(z.string()),
});
const result = z.object({
  marking: z.string(),
  lines: z.array(z.string()),
  readings: z.array(reading),
  warnings: z.array(warning),
  today: z.string().describe('The "today" the readings were bounded by'),
});

export default async function identifyRoutes(app: App): Promise<void> {
  app.post('/api/identify', {
    config: { permission: 'public' },
    schema: {
      tags: ['identify'],
      summary: 'Read a component marking: maker, part number, production window, HS6 and CHPL tier, with the reasoning',
      operationId: 'identify',
      body,
      response: { 200: result },
    },
  }, async (req) => {
    const b = req.body;
    const c = b.context ?? {};
    const ctx: IdentifyContext = {
      today: c.today ?? todayIso(),
      recoveryDate: c.recoveryDate ?? c.recoveredOn ?? b.recoveredOn,
      introducedYear: c.introducedYear,
      maker: c.maker,
      explain: c.explain,
    };
    return { ...identify(b.marking, ctx), today: ctx.today as string };
  });

  app.get('/api/identify/rules', {
    config: { permission: 'public' },
    schema: {
      tags: ['identify'],
      summary: 'The date-code rules the engine applies, with an example each',
      operationId: 'identifyRules',
      response: { 200: z.object({ data: z.array(z.object({ id: z.string(), summary: z.string(), example: z.string(), source: z.string() })) }) },
    },
  }, async () => ({ data: Object.values(RULES).map((r) => ({ id: r.id, summary: r.summary, example: r.example, source: r.source })) }));
}
