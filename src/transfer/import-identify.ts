import { sql } from 'kysely';
import { DERIVED_FIELDS, componentSuggestion, suggestedValue, suggestionContextOf, type ComponentSuggestion } from '../evidence/index.js';
import { CopyWriter, type Session } from './session.js';

import { colId, DERIVED_COLUMN, exec, scalar } from './import-common.js';

/** Step 3 of an import (components): each distinct marking through the identification engine once, in its item's context. */

/** `_sugg`'s columns for the suggested values: the maker by name, the others as stored (component-rules.ts). */
const SUGG_COLUMNS = DERIVED_FIELDS.map((f) => (f === 'makerId' ? 'maker_name' : DERIVED_COLUMN[f]!));

/**
 * The identification context of every existing item the file's components name, by the same rule
 * as the API (`suggestionContextOf`: recovery or use date, DPRK weapon or incident), into
 * `_item_ctx`. Items the file creates by label have no context yet, as an item created with only a
 * label has none through the API.
 */
async function itemContexts(session: Session): Promise<void> {
  const c = session.client;
  await c.query(`CREATE TEMP TABLE _item_ctx (item_id uuid PRIMARY KEY, rec date, dprk boolean NOT NULL) ON COMMIT DROP`);
  const rows = await c.query<{ id: string; recovered_on: string | null; used_on: string | null; weapon_model: string | null; weapon_family: string | null; production_marks: string | null; weapon_types: string[] | null }>(`
    SELECT i.id, i.recovered_on::text, i.used_on::text, i.weapon_model, i.weapon_family, i.production_marks, inc.weapon_types
      FROM items i LEFT JOIN incidents inc ON inc.id = i.incident_id
     WHERE i.id IN (SELECT id FROM _ref_item WHERE id IS NOT NULL AND NOT create_new)`);
  const copy = new CopyWriter(c, `COPY _item_ctx FROM STDIN`);
  for (const r of rows.rows) {
    const context = suggestionContextOf({
      recoveredOn: r.recovered_on, usedOn: r.used_on, weaponModel: r.weapon_model, weaponFamily: r.weapon_family,
      productionMarks: r.production_marks, incidentWeaponTypes: r.weapon_types,
    });
    await copy.line([r.id, context.recoveryDate ?? null, context.dprk ? 't' : 'f']);
  }
  await copy.end();
  await c.query(`ANALYZE _item_ctx`);
}

/**
 * Each distinct (marking, item context) of the file goes through the same rules as the API's
 * create (`componentSuggestion`) once; results land in `_sugg`. A cursor feeds the engine in
 * batches so that a file of a million distinct markings never sits in memory.
 */
export async function identify(session: Session): Promise<number> {
  const c = session.client;
  await itemContexts(session);
  await exec(session, sql`CREATE TEMP TABLE _sugg (marking text, rec date, dprk boolean, suggestion jsonb, ${sql.join(SUGG_COLUMNS.map((x) => sql`${sql.id(x)} text`))},
    ambiguous boolean, envelope_from date, envelope_to date) ON COMMIT DROP`);
  await exec(session, sql`DECLARE _markings NO SCROLL CURSOR FOR
    SELECT DISTINCT ${colId('markingRaw', 's')} AS marking, ic.rec::text AS rec, coalesce(ic.dprk, false) AS dprk
      FROM _imp s JOIN _res r USING (row_no) LEFT JOIN _ref_item ri ON ri.key = r.rk_item LEFT JOIN _item_ctx ic ON ic.item_id = ri.id
     WHERE NOT r.has_error AND ${colId('markingRaw', 's')} IS NOT NULL`);
  let n = 0;
  for (;;) {
    const batch = await c.query<{ marking: string; rec: string | null; dprk: boolean }>(`FETCH 2000 FROM _markings`);
    if (batch.rows.length === 0) break;
    const copy = new CopyWriter(c, `COPY _sugg FROM STDIN`);
    for (const { marking, rec, dprk } of batch.rows) {
      let s: ComponentSuggestion | null = null;
      try {
        // The context as suggestionContextOf makes it, so the engine sees what the API's create gives it.
        s = componentSuggestion(marking, { ...(rec ? { recoveryDate: rec } : {}), dprk });
      } catch {
        s = null; // a marking the engine cannot read gets no suggestion, not a failed import
      }
      await copy.line([
        marking, rec, dprk ? 't' : 'f', s ? JSON.stringify(s) : null, ...DERIVED_FIELDS.map((f) => suggestedValue(s, f)),
        s?.ambiguous ? 't' : 'f', s?.envelopeFrom ?? null, s?.envelopeTo ?? null,
      ]);
      n++;
    }
    await copy.end();
  }
  await c.query(`CLOSE _markings`);
  // Proposals are stored once per distinct content (migration 0003): many markings share one.
  await c.query(`ALTER TABLE _sugg ADD COLUMN sid uuid`);
  await c.query(`UPDATE _sugg SET sid = remnant_suggestion_id(suggestion) WHERE suggestion IS NOT NULL`);
  await c.query(`CREATE INDEX ON _sugg (marking, rec, dprk)`);
  await c.query(`ANALYZE _sugg`);
  // The engine's makers join the file's makers: found by name, created when unknown.
  const hasMakerGroup = await scalar<boolean>(session, `SELECT to_regclass('pg_temp._ref_maker') IS NOT NULL`);
  if (!hasMakerGroup) {
    await c.query(`CREATE TEMP TABLE _ref_maker (key text, kind text, val text, first_row integer, label text, id uuid, create_new boolean, matches integer) ON COMMIT DROP`);
  }
  await c.query(`INSERT INTO _ref_maker (key, kind, val, label, id, create_new, matches)
    SELECT DISTINCT ON (lower(maker_name)) 'label:' || lower(maker_name), 'label', lower(maker_name), maker_name, NULL::uuid, false, 0
      FROM _sugg WHERE maker_name IS NOT NULL AND NOT EXISTS (SELECT 1 FROM _ref_maker m WHERE m.key = 'label:' || lower(maker_name))`);
  // Found by the one rule the API's writes use too (remnant_maker_for, migration 0006).
  await c.query(`UPDATE _ref_maker SET id = remnant_maker_for(val) WHERE id IS NULL`);
  await c.query(`UPDATE _ref_maker SET create_new = true, id = remnant_uuid7() WHERE id IS NULL`);
  await c.query(`ANALYZE _ref_maker`);
  return n;
}
