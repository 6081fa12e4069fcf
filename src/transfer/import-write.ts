import { sql, type RawBuilder } from 'kysely';
import { type Actor } from '../access/index.js';
import { DERIVED_FIELDS } from '../evidence/index.js';
import { problemFromPg } from '../problems.js';
import { FIELDS, REF_GROUPS, TABLES } from './mapping.js';
import { type Session } from './session.js';
import type { Audited } from '../audit/index.js';

import { type ImportCounts, colId, exec, castOf, COLUMN_DEFAULTS, FIELD_STATUS_COLUMNS, WINDOW_COLUMNS, DERIVED_COLUMN, type Staged, scalar } from './import-common.js';

/** Step 4 of an import: every record written set-based (INSERT … SELECT, ON CONFLICT only for rows that matched a record), with the rows it needs created first. */

export async function write(session: Audited<Session>, actor: Actor, st: Staged, rebuildIndexes: boolean): Promise<Partial<ImportCounts>> {
  const resource = st.mapping.resource;
  const fields = FIELDS[resource];
  const table = TABLES[resource].table;
  const c = session.client;
  const has = (f: string) => st.mappedFields.has(f);
  // The actor and the moment reach the SQL as parameters (transaction-local settings read once per
  // statement as an InitPlan), never spliced into its text.
  // The moment of this import: every suggestion and confirmation it makes carries it.
  await c.query(`SELECT set_config('remnant.import_actor', $1, true), set_config('remnant.import_at', $2, true)`, [actor.id, new Date().toISOString()]);
  const actorLit = sql`(SELECT current_setting('remnant.import_actor')::uuid)`;
  const atLit = sql`(SELECT current_setting('remnant.import_at')::timestamptz)`;
  const created: Partial<ImportCounts> = {};

  if (resource === 'components') {
    await c.query(`INSERT INTO component_suggestions (id, suggestion) SELECT DISTINCT ON (sid) sid, suggestion FROM _sugg WHERE sid IS NOT NULL ON CONFLICT (id) DO NOTHING`);
  }
  // Records the rows need that do not exist yet: items named by label, makers by name.
  if (await scalar<boolean>(session, `SELECT to_regclass('pg_temp._ref_item') IS NOT NULL`)) {
    const r = await exec(session, sql`INSERT INTO items (id, label, created_by, updated_by) SELECT id, label, ${actor.id}::uuid, ${actor.id}::uuid FROM _ref_item WHERE create_new`);
    created.createdItems = Number(r.numAffectedRows ?? 0);
  }
  if (await scalar<boolean>(session, `SELECT to_regclass('pg_temp._ref_maker') IS NOT NULL`)) {
    // A new maker's country: what the file says next to its name, else what the engine read.
    const fileCountry = resource === 'components' && has('makerCountry') && (has('makerName') || has('makerId'))
      ? sql`SELECT res.rk_maker AS key, min(${colId('makerCountry', 's')}) AS country FROM _imp s JOIN _res res USING (row_no) WHERE res.rk_maker IS NOT NULL GROUP BY 1`
      : sql`SELECT NULL::text AS key, NULL::text AS country WHERE false`;
    const engineCountry = resource === 'components'
      ? sql`SELECT 'label:' || lower(maker_name) AS key, min(maker_country) AS country FROM _sugg WHERE maker_name IS NOT NULL GROUP BY 1`
      : sql`SELECT NULL::text AS key, NULL::text AS country WHERE false`;
    const r = await exec(session, sql`INSERT INTO organisations (id, name, kind, country, created_by, updated_by)
      SELECT m.id, coalesce(m.label, m.val), 'manufacturer', coalesce(fc.country, ec.country), ${actor.id}::uuid, ${actor.id}::uuid
        FROM _ref_maker m LEFT JOIN (${fileCountry}) fc ON fc.key = m.key LEFT JOIN (${engineCountry}) ec ON ec.key = m.key
       WHERE m.create_new`);
    created.createdMakers = Number(r.numAffectedRows ?? 0);
  }

  // The projected rows: one SELECT producing every column the INSERT names.
  type Sql = RawBuilder<unknown>;
  const cols: { name: string; expr: Sql; update: boolean; compare: boolean }[] = [];
  const staged = (f: string) => colId(f, 's');
  cols.push({ name: 'id', expr: sql`r.target_id`, update: false, compare: false });
  cols.push({ name: 'external_id', expr: sql`r.ext`, update: true, compare: false });
  for (const f of fields) {
    if (!f.column || f.column === 'id' || f.column === 'external_id') continue;
    if (resource === 'components' && f.name in DERIVED_COLUMN) continue;
    if (!has(f.name)) continue;
    const value = castOf(f, staged(f.name));
    const fallback = COLUMN_DEFAULTS[f.column];
    cols.push({ name: f.column, expr: fallback ? sql`coalesce(${value}, ${fallback})` : value, update: true, compare: true });
  }
  for (const g of REF_GROUPS[resource]) {
    if (resource === 'components' && g.name === 'maker') continue;
    if (!fields.some((f) => f.ref?.group === g.name && has(f.name))) continue;
    cols.push({ name: g.column, expr: sql.id(`fr_${g.name}`, 'id'), update: true, compare: true });
  }
  if (resource === 'claims' && has('status')) {
    cols.push({ name: 'status_by', expr: sql`CASE WHEN ${staged('status')} IS NOT NULL AND ${staged('status')} <> 'unverified' THEN ${actorLit} END`, update: true, compare: false });
    cols.push({ name: 'status_at', expr: sql`CASE WHEN ${staged('status')} IS NOT NULL AND ${staged('status')} <> 'unverified' THEN now() END`, update: true, compare: false });
  }
  // Each reference group's resolved ids, joined by the row's reference key (no per-row UPDATE).
  const joins: Sql[] = REF_GROUPS[resource]
    .filter((g) => fields.some((f) => f.ref?.group === g.name && has(f.name)))
    .map((g) => sql`LEFT JOIN ${sql.table(`_ref_${g.name}`)} ${sql.id(`fr_${g.name}`)} ON ${sql.id(`fr_${g.name}`, 'key')} = ${sql.id('r', `rk_${g.name}`)}`);
  if (resource === 'components') {
    joins.push(sql`
             LEFT JOIN _item_ctx ic ON ic.item_id = "fr_item".id
             LEFT JOIN _sugg g ON g.marking = ${staged('markingRaw')} AND g.rec IS NOT DISTINCT FROM ic.rec AND g.dprk = coalesce(ic.dprk, false)
             LEFT JOIN _ref_maker gm ON gm.key = 'label:' || lower(g.maker_name)`);
    const confirmedBits: Sql[] = [];
    // What the window in force means (windowMeaning in component-rules.ts): ambiguous while no one
    // confirmed either end and it is the engine's window (the file may carry it back as a suggestion).
    const windowConfirmed: Sql[] = [];
    const windowIsEngines: Sql[] = [];
    for (const f of DERIVED_FIELDS) {
      const column = DERIVED_COLUMN[f]!;
      const def = fields.find((d) => d.name === f);
      let provided: Sql;
      let suggested: Sql;
      if (f === 'makerId') {
        provided = has('makerId') || has('makerName') ? sql`"fr_maker".id` : sql`NULL::uuid`;
        suggested = sql`gm.id`;
      } else {
        provided = has(f) ? castOf(def!, staged(f)) : sql`NULL`;
        suggested = def ? castOf(def, sql.id('g', column)) : sql.id('g', column);
      }
      if ((f === 'productionFrom' || f === 'productionTo') && (has('productionFrom') || has('productionTo'))) {
        // The production window is one statement: a file giving either end keeps the engine's
        // window out of this row, else a mixed window could end before it starts.
        const given = sql.join(['productionFrom', 'productionTo'].filter(has).map((x) => sql`${staged(x)} IS NOT NULL`), sql` OR `);
        suggested = sql`CASE WHEN ${given} THEN NULL ELSE ${suggested} END`;
      }
      // The field's state in the file's fieldStatus column (either `{f: {state}}` or `{f: state}`).
      const stateInFile = (state: string) =>
        sql`coalesce(${staged('fieldStatus')}::jsonb #>> ${sql.lit(`{${f},state}`)}, ${staged('fieldStatus')}::jsonb ->> ${sql.lit(f)}) = ${sql.lit(state)}`;
      const downgraded = has('fieldStatus') ? stateInFile('suggested') : sql`false`;
      // A field the file marks as confirmed keeps its value even when empty (a person cleared it).
      const confirmedInFile = has('fieldStatus') ? stateInFile('confirmed') : sql`false`;
      const isConfirmed = sql`((${provided}) IS NOT NULL AND NOT (${downgraded})) OR ${confirmedInFile}`;
      const value = sql`CASE WHEN ${confirmedInFile} THEN ${provided} ELSE coalesce(${provided}, ${suggested}) END`;
      cols.push({ name: column, expr: value, update: true, compare: true });
      if (f === 'productionFrom' || f === 'productionTo') {
        windowConfirmed.push(sql`(${isConfirmed})`);
        windowIsEngines.push(sql`(${value}) IS NOT DISTINCT FROM ${sql.id('g', column)}::date`);
      }
      confirmedBits.push(sql`CASE WHEN ${isConfirmed} THEN ${sql.lit(1 << DERIVED_FIELDS.indexOf(f))} ELSE 0 END`);
    }
    // Field status as stored (migration 0003): every field suggested now, the confirmed ones a bit
    // each, confirmed by the importer now — no per-row document.
    joins.push(sql`
             CROSS JOIN LATERAL (SELECT (${sql.join(confirmedBits, sql` + `)})::smallint AS bits) fs`);
    cols.push({ name: 'suggested_at', expr: atLit, update: true, compare: false });
    cols.push({ name: 'confirmed_fields', expr: sql`fs.bits`, update: true, compare: false });
    cols.push({ name: 'confirmed_by', expr: sql`CASE WHEN fs.bits <> 0 THEN ${actorLit} END`, update: true, compare: false });
    cols.push({ name: 'confirmed_at', expr: sql`CASE WHEN fs.bits <> 0 THEN ${atLit} END`, update: true, compare: false });
    cols.push({ name: 'field_status_extra', expr: sql`'{}'::jsonb`, update: true, compare: false });
    cols.push({ name: 'suggestion_id', expr: sql`g.sid`, update: true, compare: false });
    const engineWindow = sql`NOT (${sql.join(windowConfirmed, sql` OR `)}) AND ${sql.join(windowIsEngines, sql` AND `)}`;
    cols.push({ name: 'ambiguous', expr: sql`coalesce(${engineWindow} AND g.ambiguous, false)`, update: true, compare: true });
    cols.push({ name: 'envelope_from', expr: sql`CASE WHEN ${engineWindow} AND g.ambiguous THEN g.envelope_from END`, update: true, compare: true });
    cols.push({ name: 'envelope_to', expr: sql`CASE WHEN ${engineWindow} AND g.ambiguous THEN g.envelope_to END`, update: true, compare: true });
  }
  cols.push({ name: 'created_by', expr: actorLit, update: false, compare: false });
  cols.push({ name: 'updated_by', expr: actorLit, update: true, compare: false });

  // Updating a component keeps what a person confirmed in the app unless the file states that field.
  const statusOf = (row: string) =>
    sql`remnant_field_status(${sql.join(['field_status_extra', 'suggested_at', 'confirmed_fields', 'confirmed_by', 'confirmed_at'].map((x) => sql.id(row, x)))})`;
  const before = statusOf(table);
  const after = statusOf('excluded');
  const merged = sql`(SELECT jsonb_object_agg(k, CASE WHEN ${before} #>> ARRAY[k, 'state'] = 'confirmed' AND ${after} #>> ARRAY[k, 'state'] IS DISTINCT FROM 'confirmed'
                 THEN ${before} -> k ELSE ${after} -> k END) FROM jsonb_object_keys(${before} || ${after}) k)`;
  // Kept as the app left it: the field a person confirmed there and the file does not confirm.
  const keptConfirmed = (f: string) =>
    sql`(${before} #>> ${sql.lit(`{${f},state}`)} = 'confirmed' AND ${after} #>> ${sql.lit(`{${f},state}`)} IS DISTINCT FROM 'confirmed')`;
  const setExpr = (name: string): Sql => {
    if (resource === 'components' && Object.values(DERIVED_COLUMN).includes(name)) {
      const f = Object.entries(DERIVED_COLUMN).find(([, v]) => v === name)![0];
      return sql`CASE WHEN ${keptConfirmed(f)} THEN ${sql.id(table, name)} ELSE ${sql.id('excluded', name)} END`;
    }
    if (resource === 'components' && WINDOW_COLUMNS.includes(name)) {
      // A window a person confirmed in the app stays decided unless the file states it (windowMeaning).
      const kept = sql.join(['productionFrom', 'productionTo'].map(keptConfirmed), sql` OR `);
      return sql`CASE WHEN ${kept} THEN ${name === 'ambiguous' ? sql`false` : sql`NULL`} ELSE ${sql.id('excluded', name)} END`;
    }
    if (resource === 'components' && FIELD_STATUS_COLUMNS.includes(name)) return sql`(remnant_pack_field_status(${merged})).${sql.id(name)}`;
    // A file without external ids must not erase the ones a record has.
    if (name === 'external_id') return sql`coalesce(excluded.external_id, ${sql.id(table, 'external_id')})`;
    return sql.id('excluded', name);
  };
  const updates = cols.filter((x) => x.update);
  const compared = cols.filter((x) => x.compare);
  const rowsWhere = (cond: Sql, idExpr: Sql = sql`r.target_id`) => sql`
      SELECT ${sql.join(cols.map((x) => (x.name === 'id' ? idExpr : x.expr)))}
        FROM _res r JOIN _imp s USING (row_no) ${sql.join(joins, sql`\n`)}
       WHERE NOT r.has_error AND ${cond}`;
  const columnList = sql.join(cols.map((x) => sql.id(x.name)));
  // New records are a plain INSERT: ON CONFLICT costs a speculative insertion per row, which only
  // the rows that matched a record during the checks need.
  // A new component's time-ordered id is made as the row is written, so the ids ascend in the order
  // the rows reach the table's indexes: the joins above hand them over in hash-batch order, which
  // would scatter ids made earlier (in _res) as randomly as version-4 ones, and sorting a million
  // rows back into id order cost 6–8 s of the 13–24 s ordered ids saved (docs/performance.md,
  // issue 7). Nothing reads a new component's id from _res afterwards; other resources keep the
  // id decided during the checks (an organisation's parent or an incident's links point at it).
  const newId = resource === 'components' ? sql`coalesce(r.given_id, remnant_uuid7())` : sql`r.target_id`;
  const insertNew = sql`INSERT INTO ${sql.table(table)} (${columnList}) ${rowsWhere(sql`r.existing_id IS NULL`, newId)}`;
  const upsert = sql<{ inserted: string; updated: string }>`
    WITH written AS (
      INSERT INTO ${sql.table(table)} (${columnList}) ${rowsWhere(sql`r.existing_id IS NOT NULL`)}
      ON CONFLICT (id) DO UPDATE SET ${sql.join(updates.map((x) => sql`${sql.id(x.name)} = ${setExpr(x.name)}`))}
       WHERE (${sql.join(compared.map((x) => sql.id(table, x.name)))}) IS DISTINCT FROM (${sql.join(compared.map((x) => sql.id('excluded', x.name)))})
      RETURNING (xmax = 0) AS inserted)
    SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM written`;
  // Table and column names as written here and in mapping.ts: no case plugin between them and the statement.
  const plain = session.db.withoutPlugins();
  let inserted = 0;
  let updated = 0;
  // Indexes that back a constraint (primary key, unique external id) stay: the upsert needs them.
  const rebuild = rebuildIndexes
    ? (await c.query<{ schema: string; name: string; def: string }>(`SELECT n.nspname AS schema, x.relname AS name, pg_get_indexdef(i.indexrelid) AS def
        FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_namespace n ON n.oid = x.relnamespace
        WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`, [table])).rows
    : [];
  for (const ix of rebuild) await sql`DROP INDEX ${sql.id(ix.schema, ix.name)}`.execute(plain);
  try {
    inserted += Number((await insertNew.execute(plain)).numAffectedRows ?? 0);
    if (await scalar<boolean>(session, `SELECT EXISTS (SELECT 1 FROM _res WHERE NOT has_error AND existing_id IS NOT NULL)`)) {
      const r = await upsert.execute(plain);
      // A record deleted since the checks is inserted again.
      inserted += Number(r.rows[0]!.inserted);
      updated = Number(r.rows[0]!.updated);
    }
  } catch (e) {
    // The checks above should leave nothing for the database to refuse; if it still does, the
    // refusal is about the input and reads as one (problemFromPg), not as a server fault.
    throw problemFromPg(e) ?? e;
  }
  if (rebuild.length) {
    await c.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    for (const ix of rebuild) await c.query(ix.def);
  }
  const total = await scalar<number>(session, `SELECT count(*) FROM _res WHERE NOT has_error`);

  if (resource === 'incidents') {
    for (const [field, link, other] of [['sourceIds', 'incident_sources', 'source_id'], ['claimIds', 'incident_claims', 'claim_id']] as const) {
      if (!has(field)) continue;
      await exec(session, sql`DELETE FROM ${sql.table(link)} l USING _res r WHERE l.incident_id = r.target_id AND NOT r.has_error`);
      await exec(session, sql`INSERT INTO ${sql.table(link)} (incident_id, ${sql.id(other)})
        SELECT DISTINCT r.target_id, x.v::uuid FROM _res r JOIN _imp s USING (row_no), jsonb_array_elements_text(${colId(field, 's')}::jsonb) x(v)
         WHERE NOT r.has_error`);
    }
  }
  return { ...created, inserted, updated, unchanged: total - inserted - updated };
}
