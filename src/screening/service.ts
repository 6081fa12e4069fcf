/**
 * Screening of our organisations against the imported lists, the review
 * queue, and reviewers' decisions. Matches at or above the review
 * threshold are stored (pending); a reviewer confirms or dismisses each
 * with a reason. A decision outlives later screenings: re-screening only
 * refreshes the score and explanation, and marks a match stale when it
 * drops below the threshold or the entry leaves its list.
 */
import { sql } from 'kysely';
import type { DB } from '../db/index.js';
import { readableBy, type Actor } from '../access/index.js';
import { recordWrite, audited } from '../audit/index.js';
import { NotFound, ValidationProblem } from '../problems.js';
import { DEFAULT_SCORING, type ScoringConfig } from './score.js';
import type { MatchQuery } from './match-index.js';
import { listsStamp, screeningIndex, type LoadedIndex } from './store.js';

export interface ScreeningSettings {
  scoring: ScoringConfig;
  /** Matches at or above this go to the review queue (defaults to the match threshold). */
  reviewThreshold: number;
}

function envNumber(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new ValidationProblem([{ field: name, message: 'must be a number between 0 and 1' }]);
  return n;
}

/** Thresholds from the environment: REMNANT_MATCH_THRESHOLD, REMNANT_REVIEW_THRESHOLD. */
export function screeningSettings(): ScreeningSettings {
  const threshold = envNumber('REMNANT_MATCH_THRESHOLD', DEFAULT_SCORING.threshold);
  return { scoring: { ...DEFAULT_SCORING, threshold }, reviewThreshold: envNumber('REMNANT_REVIEW_THRESHOLD', threshold) };
}

export interface OrganisationRow {
  id: string;
  name: string;
  aliases: string[];
  country: string | null;
}

export interface ScreeningSummary {
  organisations: number;
  /** Matches at or above the review threshold found by this run. */
  matches: number;
  /** Of those, first seen in this run. */
  newMatches: number;
  /** Earlier matches no longer found. */
  stale: number;
  lists: number;
  ms: number;
}

/** What an organisation is screened as: its name and aliases, an organisation, its country. */
export function organisationQuery(o: OrganisationRow): MatchQuery {
  return {
    names: [o.name, ...o.aliases],
    schema: 'Organization',
    countries: o.country ? [o.country.toLowerCase()] : [],
  };
}

async function screenBatch(db: DB, loaded: LoadedIndex, orgs: OrganisationRow[], settings: ScreeningSettings, stamp: string, summary: ScreeningSummary): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const o of orgs) {
      const hits = loaded.index.match(organisationQuery(o), { cutoff: settings.reviewThreshold, limit: 10, explain: true, config: settings.scoring });
      const keep: string[] = [];
      for (const h of hits) {
        const list = loaded.lists.get(h.listId);
        const explanation = { features: h.features ?? {}, explanations: h.explanations ?? {} };
        const r = await sql<{ inserted: boolean }>`
          INSERT INTO screening_matches (organisation_id, list_id, entity_reference, entity_id, entity_caption, score, explanation, list_version_date)
          VALUES (${o.id}, ${h.listId}, ${h.reference}, ${h.key}, ${h.caption}, ${h.result.score}, ${JSON.stringify(explanation)}::jsonb, ${list?.versionDate ?? null})
          ON CONFLICT (organisation_id, list_id, entity_reference) DO UPDATE SET
            entity_id = EXCLUDED.entity_id, entity_caption = EXCLUDED.entity_caption, score = EXCLUDED.score,
            explanation = EXCLUDED.explanation, list_version_date = EXCLUDED.list_version_date, stale = false, last_screened_at = now(),
            -- An entry back on its list reopens a match its removal closed.
            closed_at = NULL, closed_import_id = NULL
          RETURNING (xmax = 0) AS inserted`.execute(trx);
        summary.matches++;
        if (r.rows[0]?.inserted) summary.newMatches++;
        keep.push(`${h.listId}:${h.reference}`);
      }
      const stale = await sql`
        UPDATE screening_matches SET stale = true, last_screened_at = now()
        WHERE organisation_id = ${o.id} AND NOT stale AND NOT ((list_id || ':' || entity_reference) = ANY(${keep}::text[]))`.execute(trx);
      summary.stale += Number(stale.numAffectedRows ?? 0);
      await sql`
        INSERT INTO organisation_screenings (organisation_id, screened_at, lists_stamp) VALUES (${o.id}, now(), ${stamp})
        ON CONFLICT (organisation_id) DO UPDATE SET screened_at = now(), lists_stamp = EXCLUDED.lists_stamp`.execute(trx);
      summary.organisations++;
    }
  });
}

/**
 * Screens organisations against every imported list: all of them, the
 * given ids, or (`due`) those never screened, changed since, or screened
 * against an older state of the lists.
 */
export async function screenOrganisations(
  db: DB,
  opts: { ids?: readonly string[]; due?: boolean; settings?: ScreeningSettings; onProgress?: (done: number) => void } = {},
): Promise<ScreeningSummary> {
  const started = performance.now();
  const settings = opts.settings ?? screeningSettings();
  const loaded = await screeningIndex(db);
  const stamp = loaded.stamp;
  const summary: ScreeningSummary = { organisations: 0, matches: 0, newMatches: 0, stale: 0, lists: loaded.lists.size, ms: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    let q = db
      .selectFrom('organisations as o')
      .select(['o.id', 'o.name', 'o.aliases', 'o.country'])
      .where('o.id', '>', after)
      .orderBy('o.id')
      .limit(500);
    if (opts.ids) q = q.where('o.id', 'in', opts.ids.length ? [...opts.ids] : ['00000000-0000-0000-0000-000000000000']);
    if (opts.due) {
      q = q.where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('organisationScreenings as s')
              .select(eb.lit(1).as('one'))
              .whereRef('s.organisationId', '=', 'o.id')
              .where('s.listsStamp', '=', stamp)
              .whereRef('s.screenedAt', '>=', 'o.updatedAt'),
          ),
        ),
      );
    }
    const orgs = (await q.execute()) as OrganisationRow[];
    if (orgs.length === 0) break;
    await screenBatch(db, loaded, orgs, settings, stamp, summary);
    opts.onProgress?.(summary.organisations);
    after = orgs.at(-1)!.id;
    if (orgs.length < 500) break;
  }
  summary.ms = Math.round(performance.now() - started);
  return summary;
}

/** Organisations never screened, changed since, or screened before the lists last changed. */
export async function dueCount(db: DB): Promise<number> {
  const stamp = await listsStamp(db);
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM organisations o
    WHERE NOT EXISTS (SELECT 1 FROM organisation_screenings s WHERE s.organisation_id = o.id AND s.lists_stamp = ${stamp} AND s.screened_at >= o.updated_at)`.execute(db);
  return r.rows[0]!.n;
}

export type MatchStatus = 'pending' | 'confirmed' | 'dismissed';

export interface MatchView {
  id: string;
  organisationId: string;
  organisationName: string;
  organisationKind: string;
  listId: number;
  listSlug: string;
  listTitle: string;
  listVersionDate: string | null;
  entityReference: string;
  entityCaption: string;
  entityListed: boolean;
  programmes: string[];
  score: number;
  explanation: unknown;
  status: MatchStatus;
  stale: boolean;
  /** When the import that removed the entry from its list closed this match (kept as history). */
  closedAt: string | null;
  firstScreenedAt: string;
  lastScreenedAt: string;
  lastReview: { decision: string; reason: string; reviewerId: string; reviewerName: string | null; reviewedAt: string } | null;
}

function matchQuery(db: DB, actor: Actor | null) {
  return db
    .selectFrom('screeningMatches as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisationId')
    .innerJoin('sanctionsLists as l', 'l.id', 'm.listId')
    .leftJoin('sanctionsEntities as e', 'e.id', 'm.entityId')
    .where(readableBy(actor, 'o'))
    .select([
      'm.id', 'm.organisationId', 'o.name as organisationName', 'o.kind as organisationKind', 'm.listId', 'l.slug as listSlug', 'l.title as listTitle',
      'm.listVersionDate', 'm.entityReference', 'm.entityCaption', 'm.score', 'm.status', 'm.stale', 'm.closedAt', 'm.firstScreenedAt', 'm.lastScreenedAt',
    ])
    .select((eb) => [
      // As text: the camel-case plugin would rewrite the matcher's feature names inside the JSON.
      sql<string>`m.explanation::text`.as('explanation'),
      eb('e.id', 'is not', null).as('entityListed'),
      sql<string[]>`coalesce(e.programmes, '[]'::jsonb)`.as('programmes'),
      sql<MatchView['lastReview']>`(SELECT json_build_object('decision', r.decision, 'reason', r.reason, 'reviewerId', r.reviewer_id,
        'reviewerName', u.display_name, 'reviewedAt', r.reviewed_at) FROM screening_reviews r LEFT JOIN users u ON u.id = r.reviewer_id
        WHERE r.match_id = m.id ORDER BY r.reviewed_at DESC LIMIT 1)`.as('lastReview'),
    ]);
}

function view(row: Record<string, unknown>): MatchView {
  return { ...row, explanation: JSON.parse(row['explanation'] as string) } as MatchView;
}

export async function listMatches(
  db: DB,
  actor: Actor | null,
  filter: { status?: MatchStatus; organisationId?: string; includeStale?: boolean; limit: number; offset: number },
): Promise<{ data: MatchView[]; total: number; limit: number; offset: number }> {
  let q = matchQuery(db, actor);
  if (filter.status) q = q.where('m.status', '=', filter.status);
  if (filter.organisationId) q = q.where('m.organisationId', '=', filter.organisationId);
  if (!filter.includeStale) q = q.where('m.stale', '=', false);
  const data = (await q.orderBy('m.score', 'desc').orderBy('m.id').limit(filter.limit).offset(filter.offset).execute()).map(view);
  let c = db
    .selectFrom('screeningMatches as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisationId')
    .where(readableBy(actor, 'o'))
    .select((eb) => eb.fn.countAll<number>().as('n'));
  if (filter.status) c = c.where('m.status', '=', filter.status);
  if (filter.organisationId) c = c.where('m.organisationId', '=', filter.organisationId);
  if (!filter.includeStale) c = c.where('m.stale', '=', false);
  const total = Number((await c.executeTakeFirstOrThrow()).n);
  return { data, total, limit: filter.limit, offset: filter.offset };
}

export async function getMatch(db: DB, actor: Actor | null, id: string): Promise<MatchView> {
  const row = await matchQuery(db, actor).where('m.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('screening match', id);
  return view(row);
}

export type Decision = 'confirmed' | 'dismissed' | 'reopened';

/** A reviewer's decision, with its reason; the route admits reviewers and admins only. */
export async function decideMatch(db: DB, actor: Actor, id: string, input: { decision: Decision; reason: string }): Promise<MatchView> {
  const reason = input.reason.trim();
  if (reason.length < 3) throw new ValidationProblem([{ field: 'reason', message: 'give the reason for the decision (at least 3 characters)' }]);
  const before = await getMatch(db, actor, id);
  const status: MatchStatus = input.decision === 'reopened' ? 'pending' : input.decision;
  await audited(db, async (trx) => {
    await trx.insertInto('screeningReviews').values({ matchId: id, decision: input.decision, reason, reviewerId: actor.id }).execute();
    await trx.updateTable('screeningMatches').set({ status }).where('id', '=', id).execute();
    await recordWrite(trx, {
      actorId: actor.id,
      action: 'update',
      recordType: 'screening_matches',
      recordId: id,
      before: { status: before.status },
      after: { status, decision: input.decision, reason },
    });
  });
  return getMatch(db, actor, id);
}

export interface SanctionedMatch {
  matchId: string;
  listSlug: string;
  listTitle: string;
  /** The list version the match was last screened against. */
  listVersionDate: string | null;
  entityReference: string;
  entityCaption: string;
  programmes: string[];
  score: number;
  confirmedAt: string | null;
}

/**
 * Confirmed matches of the given organisations whose entries are still
 * listed: what findings and chains show as "sanctioned". Call with ids the
 * caller may already read; no visibility filter is applied here.
 */
export async function sanctionedOrganisations(db: DB, organisationIds: readonly string[]): Promise<Map<string, SanctionedMatch[]>> {
  const out = new Map<string, SanctionedMatch[]>();
  if (organisationIds.length === 0) return out;
  const rows = await db
    .selectFrom('screeningMatches as m')
    .innerJoin('sanctionsLists as l', 'l.id', 'm.listId')
    .innerJoin('sanctionsEntities as e', 'e.id', 'm.entityId')
    .where('m.organisationId', 'in', [...new Set(organisationIds)])
    .where('m.status', '=', 'confirmed')
    .select(['m.id', 'm.organisationId', 'l.slug', 'l.title', 'm.listVersionDate', 'm.entityReference', 'm.entityCaption', 'e.programmes', 'm.score'])
    .select(sql<string | null>`(SELECT max(r.reviewed_at) FROM screening_reviews r WHERE r.match_id = m.id AND r.decision = 'confirmed')`.as('confirmedAt'))
    .orderBy('m.score', 'desc')
    .execute();
  for (const r of rows) {
    const list = out.get(r.organisationId) ?? [];
    list.push({
      matchId: r.id,
      listSlug: r.slug,
      listTitle: r.title,
      listVersionDate: (r.listVersionDate) ?? null,
      entityReference: r.entityReference,
      entityCaption: r.entityCaption,
      programmes: r.programmes as string[],
      score: r.score,
      confirmedAt: r.confirmedAt,
    });
    out.set(r.organisationId, list);
  }
  return out;
}

/**
 * Every organisation with a confirmed match whose entry is still listed. Few (reviewers confirm
 * them one by one), so findings fetch them first and only then look for them in a scope.
 * No visibility filter: callers intersect with what the reader may count.
 */
/** The sanctions lists loaded (with at least one entity): screening means nothing before the first. */
export async function loadedLists(db: DB): Promise<{ count: number; titles: string[] }> {
  const rows = await db.selectFrom('sanctionsLists').where('entityCount', '>', 0).select('title').orderBy('title').execute();
  return { count: rows.length, titles: rows.map((r) => r.title) };
}

export async function sanctionedOrganisationIds(db: DB): Promise<string[]> {
  const rows = await db
    .selectFrom('screeningMatches as m')
    .innerJoin('sanctionsEntities as e', 'e.id', 'm.entityId')
    .where('m.status', '=', 'confirmed')
    .select('m.organisationId')
    .distinct()
    .orderBy('m.organisationId')
    .execute();
  return rows.map((r) => r.organisationId);
}

