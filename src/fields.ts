import { z } from 'zod';
// Plain-word messages for zod's own issues, installed before any schema here is used.
import { formMessage } from './plain-errors.js';

/**
 * Field schemas shared by every resource, so that "a date", "a country" or "a bounded text"
 * means the same thing (and produces the same error) everywhere.
 */
const NO_NUL = /^[^\u0000]*$/;

export const text = (max: number) =>
  z.string().max(max, `must be at most ${max} characters`).regex(NO_NUL, 'must not contain NUL characters');
export const requiredText = (max: number) => text(max).refine((s) => s.trim().length > 0, 'must not be empty');
export const isoDate = z.iso.date(formMessage('must be a date as YYYY-MM-DD'));
export const isoDateTime = z.iso.datetime({ offset: true, ...formMessage('must be an ISO 8601 date-time with time zone') });
export const id = z.guid(formMessage('must be an id (UUID)'));
export const country = z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code (ISO 3166-1) such as KP, CN or US');
export const visibility = z.enum(['restricted', 'internal', 'public']);
export const latitude = z.number().min(-90).max(90);
export const longitude = z.number().min(-180).max(180);
export const externalId = text(200);

/** Columns every stored record has; the response schemas extend this. */
export const recordMeta = {
  id,
  visibility,
  createdAt: z.string(),
  updatedAt: z.string(),
  // Null when redacted: the public never learns who recorded what (src/access/redact.ts).
  createdBy: id.nullable(),
  updatedBy: id.nullable(),
};

/** A list's page in the query string: every list route takes the same bounds. */
export const paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
};

export const pageQuery = z.object({
  q: text(500).optional(),
  ...paging,
  sort: text(100).optional(),
  cursor: text(2000).optional().describe('keyset paging: the nextCursor of the previous page (instead of offset; same sort)'),
});

/** One page of a list; `totalExact` is false where `total` is an estimate (lists counted with a cap). */
export const pageOf = <T extends z.ZodType>(row: T) =>
  z.object({
    data: z.array(row),
    total: z.number().int(),
    totalExact: z.boolean().optional().describe('false: more than 10,000 match and total is the planner\'s estimate'),
    limit: z.number().int(),
    offset: z.number().int(),
    nextCursor: z.string().nullable().optional().describe('pass as cursor for the next page; null on the last page'),
  });

export const idParams = z.object({ id });
