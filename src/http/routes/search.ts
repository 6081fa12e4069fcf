import { z } from 'zod';
import type { App } from '../app.js';
import { requiredText } from '../../fields.js';
import { typoSearch } from '../../evidence/index.js';

/** Typo-tolerant search over organisation names, part numbers and places (src/evidence/search.ts). */
export const searchHit = z.object({
  kind: z.enum(['organisation', 'part_number', 'place']),
  id: z.string().nullable().describe('the organisation; null for part numbers and places'),
  label: z.string(),
  detail: z.string().nullable().describe('country code of an organisation'),
  count: z.number().int().describe('components with this part number, incidents and items at this place'),
  matched: z.string().describe('the word of the label closest to the query'),
  score: z.number().describe('1 for an exact or contained match, else 1 − edits ÷ word length'),
});

export default async function searchRoutes(app: App): Promise<void> {
  app.get('/api/search', {
    schema: {
      tags: ['search'], summary: 'Makers, organisations, part numbers and places whose spelling is close to q (typos forgiven), best first', operationId: 'typo_search',
      querystring: z.object({ q: requiredText(200), limit: z.coerce.number().int().min(1).max(100).default(20) }),
      response: { 200: z.object({ hits: z.array(searchHit) }) },
    },
  }, async (req) => typoSearch(app.db, req.actor, req.query.q, req.query.limit));
}
