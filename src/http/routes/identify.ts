import { z } from 'zod';
import type { App } from '../app.js';
import { id, isoDate, requiredText, text } from '../../fields.js';
import { identify, todayIso, RULES, type IdentifyContext } from '../../markings/index.js';
import { localiseIdentification, localiseSuggestion, translateText } from '../../messages/index.js';
import { requestLanguage } from '../language.js';
import { fieldsOf, readingSuggestions, suggestionContextOf, DERIVED_FIELDS, itemContext } from '../../evidence/index.js';

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
  dprk: z.boolean().optional().describe("The item's weapon or recovery context is North Korean: a bare two- or three-digit word may be a Juche year"),
  itemId: id.optional().describe("Read the marking as it would be for a component of this item: its recovery date and DPRK context (these win over the fields above)"),
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
  makerEvidence: z.enum(['logo', 'logo+prefix', 'prefix', 'ambiguous-prefix', 'context', 'family-letters', 'topside-code', 'serial-format', 'layout']).nullable(),
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
const window = z.object({ from: z.string(), to: z.string(), rule: z.string(), chars: z.string(), confidence: z.number(), note: z.string() });
/** A component suggestion, exactly as a create with the same marking and item stores it. */
export const componentSuggestionSchema = z.object({
  partNumber: z.string().nullable(),
  makerName: z.string().nullable(),
  makerCountry: z.string().nullable(),
  dateCodeText: z.string().nullable(),
  productionFrom: z.string().nullable().describe('The best reading\'s first window: what is stored'),
  productionTo: z.string().nullable(),
  hs6: z.string().nullable(),
  chplTier: z.string().nullable(),
  category: z.string().nullable(),
  lot: z.string().nullable(),
  confidence: z.number(),
  warnings: z.array(z.string()),
  makerCatalogueId: z.string().nullable(),
  makerParent: parent.nullable(),
  family: z.string().nullable(),
  assemblyCountry: z.string().nullable(),
  warningCodes: z.array(z.string()),
  dateRule: z.string().nullable(),
  classificationReason: z.string(),
  window: window.nullable(),
  alternatives: z.array(window).describe('The other surviving windows of the same date word'),
  ambiguous: z.boolean(),
  envelopeFrom: z.string().nullable().describe('With ambiguous: the span of the window and its alternatives'),
  envelopeTo: z.string().nullable(),
});
const result = z.object({
  marking: z.string(),
  lines: z.array(z.string()),
  readings: z.array(reading),
  warnings: z.array(warning),
  today: z.string().describe('The "today" the readings were bounded by'),
  suggestion: componentSuggestionSchema.describe('The best reading shaped as a component suggestion, as a component create stores it'),
});

const fields = z.object(Object.fromEntries(DERIVED_FIELDS.map((f) => [f, z.string().nullable()])) as Record<(typeof DERIVED_FIELDS)[number], z.ZodNullable<z.ZodString>>);

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
    // An item's context is made by the same rule as a component create's (component-rules.ts).
    const item = c.itemId ? await itemContext(app.db, c.itemId, req.actor, 'context.itemId') : suggestionContextOf(null);
    const ctx: IdentifyContext = {
      today: c.today ?? todayIso(),
      recoveryDate: c.itemId ? item.recoveryDate : c.recoveryDate ?? c.recoveredOn ?? b.recoveredOn,
      introducedYear: c.introducedYear,
      maker: c.maker,
      explain: c.explain,
      dprk: c.itemId ? item.dprk : c.dprk,
    };
    const found = identify(b.marking, ctx);
    // Reasoning and warnings in the reader's language (issue 24); English is returned untouched.
    return localiseIdentification({ ...found, today: ctx.today as string, suggestion: readingSuggestions(found)[0]! }, await requestLanguage(req));
  });

  app.post('/api/components/suggest', {
    // As public as the item: the context is read only from an item the caller may see.
    config: { permission: 'public' },
    schema: {
      tags: ['identify'],
      summary: "What a component with this marking in this item would store: the suggestion (window, alternatives, ambiguity), one per reading, and the readings",
      description: 'The entry form shows this and nothing it computes itself; "Confirm" sends the shown values back as `expect`, and a create whose suggestion differs is refused with 409.',
      operationId: 'suggestComponent',
      body: z.object({ marking: requiredText(10_000), itemId: id }),
      response: {
        200: z.object({
          suggestion: componentSuggestionSchema,
          fields: fields.describe('The suggestion as the derived fields a form shows (the maker by name); "Confirm" sends these back as `expect`'),
          readingSuggestions: z.array(componentSuggestionSchema).describe('Each reading shaped the same way, best first (the first is `suggestion`)'),
          readingFields: z.array(fields).describe('Each reading suggestion as fields'),
          identification: result.omit({ suggestion: true }),
        }),
      },
    },
  }, async (req) => {
    const { marking, itemId } = req.body;
    const context = await itemContext(app.db, itemId, req.actor);
    const today = todayIso();
    const found = identify(marking, { ...context, today });
    const shaped = readingSuggestions(found);
    const shown = shaped.map(fieldsOf);
    // The words in the reader's language (issue 24); `fields` stay as stored, since "Confirm" sends them back.
    const language = await requestLanguage(req);
    const tr = (s: string) => translateText(language, s);
    return {
      suggestion: localiseSuggestion(shaped[0]!, tr), fields: shown[0]!, readingSuggestions: shaped.map((s) => localiseSuggestion(s, tr)), readingFields: shown,
      identification: localiseIdentification({ ...found, today }, language),
    };
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
