import { sql } from 'kysely';
import type { DB, DynamicTables } from '../db/index.js';
import type { Actor } from '../access/index.js';
import { readableBy } from '../access/index.js';
import { Conflict, ValidationProblem } from '../problems.js';
import { recordWrite, type Audited } from '../audit/index.js';
import {
  applySuggestion, componentSuggestion, confirmationMismatches, confirmStated, makerIsSuggested, resuggestion, suggestedValue, suggestionContextOf, windowMeaning,
  type ComponentSuggestion, type FieldStatus, type ItemFacts, type SuggestionContext,
} from './component-rules.js';
import type { DerivedField } from './resources.js';
import { columnsOf, type ResourceSpec, type WriteContext } from './store.js';

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

/**
 * Finds the maker's organisation record by name or alias (`remnant_maker_for`, the rule the import
 * uses too), creating a manufacturer record when none exists.
 */
export async function findOrCreateMaker(trx: Audited<DB>, actor: Actor, name: string, country: string | null): Promise<string> {
  const found = await sql<{ id: string | null }>`SELECT remnant_maker_for(${name}) AS id`.execute(trx);
  if (found.rows[0]?.id) return found.rows[0].id;
  const created = await trx
    .insertInto('organisations')
    .values({ name, kind: 'manufacturer', country, createdBy: actor.id, updatedBy: actor.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  return created.id;
}

/**
 * The facts of an item its components are identified by (`ItemFacts`), with its incident's weapon
 * types. With an actor, only an item that actor may read is found.
 */
export async function itemFacts(db: DB, itemId: string, actor?: Actor | null): Promise<ItemFacts | null> {
  let q = db
    .selectFrom('items')
    .leftJoin('incidents', 'incidents.id', 'items.incidentId')
    .select(['items.recoveredOn', 'items.usedOn', 'items.weaponModel', 'items.weaponFamily', 'items.productionMarks', 'incidents.weaponTypes as incidentWeaponTypes'])
    .where('items.id', '=', itemId);
  if (actor !== undefined) q = q.where(readableBy(actor, 'items'));
  return ((await q.executeTakeFirst()) as ItemFacts | undefined) ?? null;
}

/** The identification context of an item's components; a 400 naming `field` when there is no such item (or none the actor may see). */
export async function itemContext(db: DB, itemId: string, actor?: Actor | null, field = 'itemId'): Promise<SuggestionContext> {
  const item = await itemFacts(db, itemId, actor);
  if (!item) throw new ValidationProblem([{ field, message: `no item with id ${itemId}` }]);
  return suggestionContextOf(item);
}

/** Stores a new suggestion for a component: every field no person confirmed takes its value (the maker found or created by name). */
async function adoptSuggestion(trx: Audited<DB>, actor: Actor, values: Record<string, unknown>, status: FieldStatus, suggestion: ComponentSuggestion, now: string): Promise<void> {
  values.suggestionId = await storedSuggestion(trx, suggestion);
  const maker = suggestedValue(suggestion, 'makerId');
  const makerId = makerIsSuggested(status) && maker ? await findOrCreateMaker(trx, actor, maker, suggestion.makerCountry) : null;
  applySuggestion(values, status, suggestion, makerId, now);
}

/**
 * After an item's facts changed (`before`, `after`: ItemFacts with the incident's weapon types),
 * each of its components whose suggestion rested on them (`resuggestion`) gets the new one: only
 * fields no person confirmed change, and each component's change is audited as an update by the
 * actor who changed the item. Runs in the item's write transaction. Returns how many changed.
 */
export async function resuggestComponentsOf(
  trx: Audited<DB>, actor: Actor, spec: ResourceSpec, itemId: string, before: ItemFacts, after: ItemFacts,
): Promise<number> {
  // The components spec's columns are named at run time, so its table is addressed by that name.
  const rows = await trx.withTables<DynamicTables>().selectFrom(spec.table).select(columnsOf(spec)).where('itemId', '=', itemId).orderBy('id').forUpdate().execute();
  const now = new Date().toISOString();
  let changed = 0;
  for (const existing of rows) {
    const suggestion = resuggestion(existing.markingRaw as string, before, after);
    if (!suggestion) continue;
    const status: FieldStatus = { ...((existing.fieldStatus as FieldStatus | undefined) ?? {}) };
    const values: Record<string, unknown> = {};
    await adoptSuggestion(trx, actor, values, status, suggestion, now);
    Object.assign(values, windowMeaning(status, suggestion));
    Object.assign(values, await storedFieldStatus(trx, status));
    const row = await trx.withTables<DynamicTables>().updateTable(spec.table).set({ ...values, updatedBy: actor.id }).where('id', '=', existing.id as string)
      .returning(columnsOf(spec)).executeTakeFirstOrThrow();
    await recordWrite(trx, { actorId: actor.id, action: 'update', recordType: spec.name, recordId: existing.id as string, before: existing, after: row });
    changed++;
  }
  return changed;
}

/** The facts of an item row as the component rules read them, with the weapon types of the incident it names. */
async function factsOfRow(trx: DB, row: Record<string, unknown>, incidentWeaponTypes?: readonly string[] | null): Promise<ItemFacts> {
  let types = incidentWeaponTypes;
  if (types === undefined) {
    const incident = row.incidentId ? await trx.selectFrom('incidents').select('weaponTypes').where('id', '=', row.incidentId as string).executeTakeFirst() : undefined;
    types = incident?.weaponTypes ?? null;
  }
  return {
    recoveredOn: row.recoveredOn as string | null, usedOn: row.usedOn as string | null, weaponModel: row.weaponModel as string | null,
    weaponFamily: row.weaponFamily as string | null, productionMarks: row.productionMarks as string | null, incidentWeaponTypes: types,
  };
}

/** The item-update hook: the item's components are re-suggested where the item's new facts change their reading. */
export async function resuggestAfterItemUpdate(trx: Audited<DB>, actor: Actor, spec: ResourceSpec, before: Record<string, unknown>, after: Record<string, unknown>): Promise<void> {
  await resuggestComponentsOf(trx, actor, spec, after.id as string, await factsOfRow(trx, before), await factsOfRow(trx, after));
}

/** The incident-update hook: a change of weapon types can make its items North Korean or not, so their components are re-suggested. */
export async function resuggestAfterIncidentUpdate(trx: Audited<DB>, actor: Actor, spec: ResourceSpec, before: Record<string, unknown>, after: Record<string, unknown>): Promise<void> {
  if (JSON.stringify(before.weaponTypes ?? null) === JSON.stringify(after.weaponTypes ?? null)) return;
  const items = await trx.selectFrom('items').selectAll().where('incidentId', '=', after.id as string).orderBy('id').execute();
  for (const item of items) {
    await resuggestComponentsOf(trx, actor, spec, item.id,
      await factsOfRow(trx, item, (before.weaponTypes as string[] | null) ?? null), await factsOfRow(trx, item, (after.weaponTypes as string[] | null) ?? null));
  }
}

export async function prepareComponent(input: Record<string, unknown>, ctx: WriteContext): Promise<Record<string, unknown>> {
  const { trx, actor, existing } = ctx;
  const now = new Date().toISOString();
  const values: Record<string, unknown> = { ...input };
  const confirm = (values.confirm as DerivedField[] | undefined) ?? [];
  const expect = values.expect as Partial<Record<DerivedField, string | null>> | undefined;
  delete values.confirm;
  delete values.expect;

  const itemId = (values.itemId ?? existing?.itemId) as string;
  const marking = (values.markingRaw ?? existing?.markingRaw) as string;
  const markingChanged = existing === null || (values.markingRaw !== undefined && values.markingRaw !== existing.markingRaw);
  const itemChanged = existing !== null && values.itemId !== undefined && values.itemId !== existing.itemId;
  const status: FieldStatus = { ...((existing?.fieldStatus as FieldStatus | undefined) ?? {}) };
  confirmStated(status, input, actor.id, now);

  let suggestion = (existing?.suggestion ?? null) as ComponentSuggestion | null;
  if (markingChanged || itemChanged) {
    suggestion = componentSuggestion(marking, await itemContext(trx, itemId));
    await adoptSuggestion(trx, actor, values, status, suggestion, now);
  }

  // "Confirm" confirms the values the person saw: if the suggestion is no longer those, say so.
  const mismatches = confirmationMismatches(confirm, expect, suggestion);
  if (mismatches.length > 0) {
    throw new Conflict(`the suggestion changed since it was shown: ${mismatches.map((m) => `${m.field} is now ${m.suggested ?? 'empty'}, not ${m.shown ?? 'empty'}`).join('; ')}; look again and confirm what is shown now`, {
      mismatches, suggestion,
    });
  }
  for (const f of confirm) {
    const value = values[f] !== undefined ? values[f] : existing?.[f];
    if (value === null || value === undefined) {
      throw new ValidationProblem([{ field: `confirm`, message: `cannot confirm ${f}: it has no value` }]);
    }
    status[f] = { state: 'confirmed', by: actor.id, at: now };
  }
  Object.assign(values, windowMeaning(status, suggestion));
  Object.assign(values, await storedFieldStatus(trx, status));
  return values;
}
