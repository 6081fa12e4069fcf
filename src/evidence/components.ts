import { sql } from 'kysely';
import type { DB } from '../db/index.js';
import type { Actor } from '../access/index.js';
import { suggestComponentFields } from '../markings/index.js';
import { ValidationProblem } from '../problems.js';
import { DERIVED_FIELDS, type DerivedField } from './resources.js';
import type { WriteContext } from './store.js';

/**
 * A component's derived fields (maker, part number, dates, HS code…) start as the identification
 * engine's suggestions and become confirmed when a person enters or confirms them. Both are kept:
 * `suggestion` holds what the engine proposed, the columns hold what is in force, and
 * `fieldStatus` says for each field whether it is still a suggestion or who confirmed it.
 *
 * Neither is stored as the document the API shows (migration 0003): the proposal lives once per
 * distinct content in `component_suggestions`, and field status as a suggestion time, a bit per
 * field confirmed by one person at one time, and whatever else in `field_status_extra`. These
 * expressions rebuild both for every read of a component, and `storedFieldStatus` packs one.
 */
export const COMPONENT_COMPUTED = {
  suggestion: sql`(SELECT s.suggestion FROM component_suggestions s WHERE s.id = components.suggestion_id)`,
  fieldStatus: sql`remnant_field_status(components.field_status_extra, components.suggested_at, components.confirmed_fields, components.confirmed_by, components.confirmed_at)`,
};

/**
 * Part-number fragments and typos (`ILIKE '%q%'`, word similarity) are looked up among the
 * distinct part numbers (`component_part_numbers`, trigram-indexed; migration 0004) and the
 * components found through their part key (index `components_part_key`), instead of through a
 * trigram index over every component's part number, which cost ~40% of a bulk load.
 */
export function componentPartNumberMatch(q: string, like: string) {
  // The part-key test narrows the components to those of a matching part number (through the
  // index); the second test is the original one, on those few rows only.
  return sql<boolean>`(components.part_key = ANY (ARRAY(SELECT remnant_part_key(p.part_number) FROM component_part_numbers p WHERE p.part_number ILIKE ${like} OR ${q}::text <% p.part_number))
    AND (components.part_number ILIKE ${like} OR ${q}::text <% components.part_number))`;
}

/** The columns that hold a field-status document (see COMPONENT_COMPUTED). */
async function storedFieldStatus(trx: DB, status: FieldStatus): Promise<Record<string, unknown>> {
  const r = await sql<Record<string, unknown>>`SELECT * FROM remnant_pack_field_status(${JSON.stringify(status)}::jsonb)`.execute(trx);
  return r.rows[0]!;
}

/** Stores the engine's proposal once per distinct content; its id. */
async function storedSuggestion(trx: DB, suggestion: unknown): Promise<string> {
  const r = await sql<{ id: string }>`WITH j AS (SELECT ${JSON.stringify(suggestion)}::jsonb AS d),
      stored AS (INSERT INTO component_suggestions (id, suggestion) SELECT remnant_suggestion_id(d), d FROM j ON CONFLICT (id) DO NOTHING)
    SELECT remnant_suggestion_id(d) AS id FROM j`.execute(trx);
  return r.rows[0]!.id;
}

type FieldStatus = Record<string, { state: 'suggested' | 'confirmed'; by: string | null; at: string }>;

/** Finds the maker's organisation record by name or alias, creating a manufacturer record when none exists. */
export async function findOrCreateMaker(trx: DB, actor: Actor, name: string, country: string | null): Promise<string> {
  const found = await trx
    .selectFrom('organisations')
    .select('id')
    .where((eb) => eb.or([eb(sql`lower(name)`, '=', name.toLowerCase()), eb(sql`${name}`, '=', sql`ANY(aliases)`)]))
    .orderBy(sql`kind = 'manufacturer'`, 'desc')
    .limit(1)
    .executeTakeFirst();
  if (found) return found.id as string;
  const created = await trx
    .insertInto('organisations')
    .values({ name, kind: 'manufacturer', country, createdBy: actor.id, updatedBy: actor.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  return created.id as string;
}

async function identificationContext(trx: DB, itemId: string): Promise<{ recoveryDate?: string }> {
  const item = await trx.selectFrom('items').select(['recoveredOn', 'usedOn']).where('id', '=', itemId).executeTakeFirst();
  if (!item) throw new ValidationProblem([{ field: 'itemId', message: `no item with id ${itemId}` }]);
  const recoveryDate = (item.recoveredOn ?? item.usedOn) as string | null;
  return recoveryDate ? { recoveryDate } : {};
}

export async function prepareComponent(input: Record<string, unknown>, ctx: WriteContext): Promise<Record<string, unknown>> {
  const { trx, actor, existing } = ctx;
  const now = new Date().toISOString();
  const values: Record<string, unknown> = { ...input };
  const confirm = (values.confirm as DerivedField[] | undefined) ?? [];
  delete values.confirm;

  const itemId = (values.itemId ?? existing?.itemId) as string;
  const marking = (values.markingRaw ?? existing?.markingRaw) as string;
  const markingChanged = existing === null || (values.markingRaw !== undefined && values.markingRaw !== existing.markingRaw);
  const itemChanged = existing !== null && values.itemId !== undefined && values.itemId !== existing.itemId;
  const status: FieldStatus = { ...((existing?.fieldStatus as FieldStatus | undefined) ?? {}) };

  // Fields the caller sent are a person's statement: confirmed by them.
  for (const f of DERIVED_FIELDS) {
    if (f in input) status[f] = { state: 'confirmed', by: actor.id, at: now };
  }

  if (markingChanged || itemChanged) {
    const suggestion = suggestComponentFields(marking, await identificationContext(trx, itemId));
    values.suggestionId = await storedSuggestion(trx, suggestion);
    const proposed: Partial<Record<DerivedField, unknown>> = {
      partNumber: suggestion.partNumber,
      makerCountry: suggestion.makerCountry,
      dateCodeText: suggestion.dateCodeText,
      productionFrom: suggestion.productionFrom,
      productionTo: suggestion.productionTo,
      lot: suggestion.lot,
      category: suggestion.category,
      hs6: suggestion.hs6,
      chplTier: suggestion.chplTier,
    };
    if (!(status.makerId?.state === 'confirmed') && suggestion.makerName) {
      proposed.makerId = await findOrCreateMaker(trx, actor, suggestion.makerName, suggestion.makerCountry ?? null);
    } else if (!(status.makerId?.state === 'confirmed')) {
      proposed.makerId = null;
    }
    for (const f of DERIVED_FIELDS) {
      if (status[f]?.state === 'confirmed') continue;
      if (!(f in proposed)) continue;
      values[f] = proposed[f] ?? null;
      status[f] = { state: 'suggested', by: null, at: now };
    }
  }

  for (const f of confirm) {
    const value = values[f] !== undefined ? values[f] : existing?.[f];
    if (value === null || value === undefined) {
      throw new ValidationProblem([{ field: `confirm`, message: `cannot confirm ${f}: it has no value` }]);
    }
    status[f] = { state: 'confirmed', by: actor.id, at: now };
  }
  Object.assign(values, await storedFieldStatus(trx, status));
  return values;
}
