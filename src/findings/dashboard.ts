import { z } from 'zod';
import type { DB } from '../db/index.js';
import { readableBy, redact, type Actor } from '../access/index.js';
import { NotFound } from '../problems.js';
import { computeFindings } from './compute.js';
import { findingsSchema } from './schema.js';

/**
 * The case dashboard's first screen in one answer: the cases to choose from, the chosen case, its
 * findings, and the incidents and claims the map and timeline draw. The web app used to chain six
 * requests for this (an OpenAPI probe, cases, findings, and every incident and claim page by page);
 * one request means one round trip and one place that decides what the dashboard counts.
 */

/** Enough of each incident for a map point and a timeline mark; the full record is a click away. */
export const dashboardIncident = z.object({
  id: z.string(), title: z.string(), occurredFrom: z.string(), occurredTo: z.string().nullable(),
  placeName: z.string().nullable(), lat: z.number().nullable(), lon: z.number().nullable(),
  locationPrecision: z.enum(['exact', 'vicinity', 'locality', 'region']).nullable(),
});
export const dashboardClaim = z.object({
  id: z.string(), speaker: z.string().nullable(), saidOn: z.string().nullable(), eventFrom: z.string().nullable(),
  quotedText: z.string().nullable(), countsWhat: z.string().nullable(),
});
export const dashboardSchema = z.object({
  cases: z.array(z.object({ id: z.string(), title: z.string(), illustrative: z.boolean() })),
  case: z.object({ id: z.string(), title: z.string(), summary: z.string().nullable(), illustrative: z.boolean() }).nullable(),
  findings: findingsSchema,
  incidents: z.array(dashboardIncident),
  claims: z.array(dashboardClaim),
  /** How many incidents and claims are in scope; the lists above stop at LIMIT. */
  incidentsTotal: z.number().int(),
  claimsTotal: z.number().int(),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

/** Marks drawn on the map and timeline at most; a case with more is summarised by the findings. */
const LIMIT = 2000;

/**
 * `caseId`: a case's id; `'all'` for every record; undefined for the first case by title (every
 * record when there is none), as the dashboard opens.
 */
export async function caseDashboard(db: DB, actor: Actor | null, caseId: string | undefined): Promise<Dashboard> {
  const cases = await db.selectFrom('cases').where(readableBy(actor)).select(['id', 'title', 'summary', 'illustrative']).orderBy('title').orderBy('id').limit(100).execute();
  let chosen = caseId === 'all' ? undefined : caseId ? cases.find((c) => c.id === caseId) : cases[0];
  if (caseId && caseId !== 'all' && !chosen) {
    // Beyond the first hundred, or not readable: ask once more by id.
    chosen = await db.selectFrom('cases').where(readableBy(actor)).where('id', '=', caseId).select(['id', 'title', 'summary', 'illustrative']).executeTakeFirst();
    if (!chosen) throw new NotFound('case', caseId);
  }
  const member = (table: 'caseIncidents' | 'caseClaims', column: 'incidentId' | 'claimId') => (chosen
    ? db.selectFrom(table).where('caseId', '=', chosen.id).select(column)
    : null);
  const incidentsOf = member('caseIncidents', 'incidentId');
  const claimsOf = member('caseClaims', 'claimId');

  let incidentsQ = db.selectFrom('incidents').where(readableBy(actor));
  if (incidentsOf) incidentsQ = incidentsQ.where('id', 'in', incidentsOf);
  let claimsQ = db.selectFrom('claims').where(readableBy(actor));
  if (claimsOf) claimsQ = claimsQ.where('id', 'in', claimsOf);

  const [findings, incidents, claims, nIncidents, nClaims] = await Promise.all([
    // No record ids (the charts link to drill-downs) and no pairwise similarity (the dashboard shows
    // none; an item's page does): the first screen waits only for the figures it draws.
    computeFindings(db, actor, chosen ? { kind: 'case', id: chosen.id } : { kind: 'all' }, { idLimit: 0, similarity: false }),
    incidentsQ.select(['id', 'title', 'occurredFrom', 'occurredTo', 'placeName', 'lat', 'lon', 'locationPrecision', 'locationSensitive', 'visibility'])
      .orderBy('occurredFrom').orderBy('id').limit(LIMIT).execute(),
    claimsQ.select(['id', 'speaker', 'saidOn', 'eventFrom', 'quotedText', 'countsWhat', 'visibility'])
      .orderBy('saidOn').orderBy('id').limit(LIMIT).execute(),
    incidentsQ.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    claimsQ.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    cases: cases.map((c) => ({ id: c.id, title: c.title, illustrative: c.illustrative as boolean })),
    case: chosen ? { id: chosen.id, title: chosen.title, summary: (chosen.summary) ?? null, illustrative: chosen.illustrative as boolean } : null,
    findings,
    // Sensitive locations are coarsened for the public exactly as on the incident's own page.
    incidents: incidents.map((r) => {
      const { locationSensitive: _s, visibility: _v, ...rest } = redact('incidents', r, actor) as Record<string, unknown>;
      return rest as z.infer<typeof dashboardIncident>;
    }),
    claims: claims.map(({ visibility: _v, ...rest }) => rest),
    incidentsTotal: Number(nIncidents.n),
    claimsTotal: Number(nClaims.n),
  };
}
