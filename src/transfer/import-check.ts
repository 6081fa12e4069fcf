import { sql, type RawBuilder } from 'kysely';
import type { DynamicTables } from '../db/index.js';
import { assertCanWrite, readableBy, type Actor } from '../access/index.js';
import { FIELDS, REF_GROUPS, TABLES, type FieldDef, type ImportResource } from './mapping.js';
import { type Session } from './session.js';

import { type ImportCounts, colId, type Staged, exec, scalar, addProblems } from './import-common.js';

/** Step 2 of an import: the whole file checked at once in SQL — duplicate rows, the records rows refer to or would update, and whether the actor may change them. */

function keyExpr(resource: ImportResource, fields: FieldDef[], mapped: Set<string>): RawBuilder<string> {
  // Only mapped fields enter the key, in declaration order, so that adding an empty column to a
  // file does not change the keys of its rows.
  const parts = fields.filter((f) => !f.notInKey && mapped.has(f.name)).map((f) => sql`coalesce(${colId(f.name, 's')}, E'\\x1e')`);
  return sql`'row:' || remnant_sha256(concat_ws(E'\\x1f', ${sql.lit(resource)}, ${parts.length ? sql.join(parts) : sql`''`}))`;
}

export async function check(session: Session, actor: Actor, st: Staged): Promise<ImportCounts> {
  const resource = st.mapping.resource;
  const fields = FIELDS[resource];
  const table = TABLES[resource].table;
  const has = (f: string) => st.mappedFields.has(f);
  await session.client.query(`CREATE TEMP TABLE _prob (row_no integer, col text, value text, reason text, severity text) ON COMMIT DROP`);
  await session.client.query(`INSERT INTO _prob SELECT row_no, p->>'column', p->>'value', p->>'reason', p->>'severity' FROM _imp, jsonb_array_elements(problems) p WHERE problems IS NOT NULL`);
  for (const p of st.fileProblems) {
    await session.client.query(`INSERT INTO _prob VALUES ($1, $2, $3, $4, $5)`, [p.row, p.column, p.value, p.reason, p.severity]);
  }

  // Rows' keys: the given id, else the external id, else the content key.
  // New records get time-ordered ids (remnant_uuid7, migration 0061), which keep their index
  // entries together; new components get theirs as they are written instead (see write()).
  const idCol = has('id') ? sql`${colId('id', 's')}::uuid` : sql`NULL::uuid`;
  const extCol = has('externalId') ? colId('externalId', 's') : sql`NULL`;
  const refGroups = REF_GROUPS[resource].filter((g) => fields.some((f) => f.ref?.group === g.name && has(f.name)));
  const refKey = (g: string) => {
    const members = fields.filter((f) => f.ref?.group === g && has(f.name));
    const order = ['id', 'externalId', 'label'] as const;
    const whens = order.flatMap((by) =>
      members.filter((m) => m.ref!.by === by).map((m) => {
        const v = colId(m.name, 's');
        return sql`WHEN ${v} IS NOT NULL THEN ${sql.lit(`${by}:`)} || ${by === 'label' ? sql`lower(${v})` : v}`;
      }),
    );
    return sql`CASE ${sql.join(whens, sql` `)} END`;
  };
  await exec(session, sql`
    CREATE TEMP TABLE _res ON COMMIT DROP AS
    SELECT s.row_no, s.has_error, ${idCol} AS given_id,
           coalesce(${extCol}, CASE WHEN ${idCol} IS NULL THEN ${keyExpr(resource, fields, st.mappedFields)} END) AS ext,
           ${extCol} IS NULL AND ${idCol} IS NULL AS content_key,
           NULL::uuid AS existing_id, coalesce(${idCol}, remnant_uuid7()) AS target_id
           ${sql.join(refGroups.map((g) => sql`, ${refKey(g.name)} AS ${sql.id(`rk_${g.name}`)}`), sql``)}
      FROM _imp s`);
  await session.client.query(`CREATE INDEX ON _res (row_no)`);
  await session.client.query(`ANALYZE _res`);

  // Existing records: by id, else by external id.
  await exec(session, sql`UPDATE _res r SET existing_id = t.id FROM ${sql.table(table)} t WHERE r.given_id IS NOT NULL AND t.id = r.given_id`);
  // Only rows that match an existing record are rewritten (all of them on a re-import, none on a first one).
  await exec(session, sql`UPDATE _res r SET existing_id = t.id, target_id = t.id FROM ${sql.table(table)} t WHERE r.given_id IS NULL AND r.ext IS NOT NULL AND t.external_id = r.ext`);
  await addProblems(session, 'error', sql`
    SELECT r.row_no, 'externalId' AS col, r.ext AS value, 'this external id already belongs to another record (' || t.id || ')' AS reason
      FROM _res r JOIN ${sql.table(table)} t ON t.external_id = r.ext WHERE r.given_id IS NOT NULL AND t.id <> r.given_id`);

  // Duplicates within the file: the first row wins; an explicit id twice is an error, an identical row a warning.
  await session.client.query(`
    CREATE TEMP TABLE _dup ON COMMIT DROP AS
    SELECT row_no, first_row, content_key FROM (
      SELECT row_no, content_key, first_value(row_no) OVER w AS first_row, row_number() OVER w AS n
        FROM _res WINDOW w AS (PARTITION BY coalesce(given_id::text, ext) ORDER BY row_no)) d
     WHERE n > 1`);
  const dupCount = await scalar<number>(session, `SELECT count(*) FROM _dup WHERE content_key`);
  await addProblems(session, 'error', sql`SELECT d.row_no, 'id' AS col, coalesce(r.given_id::text, r.ext) AS value, 'the same id as row ' || d.first_row AS reason
    FROM _dup d JOIN _res r USING (row_no) WHERE NOT d.content_key`);
  await addProblems(session, 'warning', sql`SELECT row_no, '' AS col, '' AS value, 'identical to row ' || first_row || '; imported once (to import both, give them distinct ids, positions or a quantity)' AS reason
    FROM _dup WHERE content_key`);
  await session.client.query(`DELETE FROM _res r USING _dup d WHERE d.row_no = r.row_no AND d.content_key`);

  // Existing records the actor may not see or change are refused, row by row.
  await addProblems(session, 'error', sql`SELECT r.row_no, 'id' AS col, coalesce(r.given_id::text, r.ext) AS value,
      'matches a record you may not see' AS reason
    FROM _res r WHERE r.existing_id IS NOT NULL AND r.existing_id NOT IN (${session.db.withTables<DynamicTables>().selectFrom(table).select('id').where(readableBy(actor))})`);
  const combos = await exec(session, sql`SELECT DISTINCT t.created_by = ${actor.id}::uuid AS own, t.visibility::text AS visibility
    FROM _res r JOIN ${sql.table(table)} t ON t.id = r.existing_id`);
  for (const c of combos.rows as { own: boolean; visibility: 'public' | 'internal' | 'restricted' }[]) {
    try {
      assertCanWrite(actor, 'update', { createdBy: c.own ? actor.id : '00000000-0000-0000-0000-000000000000', visibility: c.visibility });
    } catch (e) {
      await addProblems(session, 'error', sql`SELECT r.row_no, 'id' AS col, coalesce(r.given_id::text, r.ext) AS value, ${`would change an existing record: ${(e as Error).message}`} AS reason
        FROM _res r JOIN ${sql.table(table)} t ON t.id = r.existing_id WHERE (t.created_by = ${actor.id}::uuid) = ${c.own} AND t.visibility::text = ${c.visibility}`);
    }
  }
  if (has('visibility')) {
    const publishing = (await exec(session, sql<{ n: number }>`SELECT count(*) AS n FROM _imp WHERE ${colId('visibility')} = 'public'`)).rows[0]?.n ?? 0;
    if (publishing > 0) {
      try {
        (assertCanWrite as (...a: unknown[]) => void)(actor, 'create', undefined, { recordType: resource, visibility: 'public' });
      } catch (e) {
        await addProblems(session, 'error', sql`SELECT row_no, ${st.mapping.headers.get('visibility') ?? 'visibility'} AS col, 'public' AS value, ${(e as Error).message} AS reason
          FROM _imp WHERE ${colId('visibility')} = 'public'`);
      }
    }
  }
  if (resource === 'claims' && has('status') && actor.role !== 'reviewer' && actor.role !== 'admin') {
    // Ruling on a claim is a reviewer's act (policy action "rule").
    await addProblems(session, 'error', sql`SELECT row_no, ${st.mapping.headers.get('status') ?? 'status'} AS col, ${colId('status')} AS value,
        'only reviewers and admins may set the status of a claim' AS reason FROM _imp WHERE ${colId('status')} IS NOT NULL AND ${colId('status')} <> 'unverified'`);
  }

  // References to other records, resolved once per distinct reference.
  const counts: ImportCounts = { rows: st.rowsRead, inserted: 0, updated: 0, unchanged: 0, duplicates: dupCount, createdItems: 0, createdMakers: 0, identified: 0 };
  for (const g of refGroups) await resolveGroup(session, actor, st, g.name);
  if (resource === 'incidents') await checkLinks(session, actor, st);

  const rows = await session.client.query<{ new: number; existing: number }>(`SELECT count(*) FILTER (WHERE existing_id IS NULL) AS new, count(*) FILTER (WHERE existing_id IS NOT NULL) AS existing FROM _res WHERE NOT has_error`);
  counts.inserted = rows.rows[0]!.new;
  counts.updated = rows.rows[0]!.existing;
  if (refGroups.some((g) => g.name === 'item')) counts.createdItems = await scalar<number>(session, `SELECT count(*) FROM _ref_item WHERE create_new`);
  if (refGroups.some((g) => g.name === 'maker')) counts.createdMakers = await scalar<number>(session, `SELECT count(*) FROM _ref_maker WHERE create_new`);
  return counts;
}

async function resolveGroup(session: Session, actor: Actor, st: Staged, group: string): Promise<void> {
  const resource = st.mapping.resource;
  const g = REF_GROUPS[resource].find((x) => x.name === group)!;
  const target = TABLES[g.resource];
  const refName = `_ref_${group}`;
  const rkName = `rk_${group}`;
  const rk = sql.id(rkName);
  const members = FIELDS[resource].filter((f) => f.ref?.group === group);
  const labelField = members.find((m) => m.ref!.by === 'label');
  const visible = session.db.withTables<DynamicTables>().selectFrom(target.table).select(['id', 'externalId', 'createdAt']).select(sql<string>`lower(${sql.ref(target.label)})`.as('l')).where(readableBy(actor));
  await exec(session, sql`
    CREATE TEMP TABLE ${sql.table(refName)} ON COMMIT DROP AS
    SELECT k AS key, split_part(k, ':', 1) AS kind, substr(k, strpos(k, ':') + 1) AS val, min(r.row_no) AS first_row,
           ${labelField ? sql`min(${colId(labelField.name, 's')})` : sql`NULL`} AS label, NULL::uuid AS id, false AS create_new, 0 AS matches
      FROM (SELECT row_no, ${rk} AS k FROM _res WHERE ${rk} IS NOT NULL) r JOIN _imp s USING (row_no)
     GROUP BY k`);
  await exec(session, sql`UPDATE ${sql.table(refName)} r SET id = t.id FROM (${visible}) t WHERE r.kind = 'id' AND t.id = r.val::uuid`);
  await exec(session, sql`UPDATE ${sql.table(refName)} r SET id = t.id FROM (${visible}) t WHERE r.kind = 'externalId' AND t.external_id = r.val`);
  if (g.resource === 'organisations') {
    // Makers and parents are found by name or alias, manufacturers first (as the API does).
    await exec(session, sql`UPDATE ${sql.table(refName)} r SET id = m.id, matches = 1 FROM (
        SELECT DISTINCT ON (r2.key) r2.key, o.id FROM ${sql.table(refName)} r2
          JOIN organisations o ON lower(o.name) = r2.val OR EXISTS (SELECT 1 FROM unnest(o.aliases) a WHERE lower(a) = r2.val)
         WHERE r2.kind = 'label' AND o.id IN (${session.db.selectFrom('organisations').select('id').where(readableBy(actor))})
         ORDER BY r2.key, o.kind = 'manufacturer' DESC, o.created_at) m
      WHERE r.key = m.key`);
  } else {
    await exec(session, sql`UPDATE ${sql.table(refName)} r SET id = t.id, matches = t.n FROM (
        SELECT l, (array_agg(id ORDER BY created_at))[1] AS id, count(*) AS n FROM (${visible}) v GROUP BY l) t
      WHERE r.kind = 'label' AND t.l = r.val`);
  }
  // A reference to a record of the same file (an organisation's parent listed further down).
  if (g.resource === resource) {
    await exec(session, sql`UPDATE ${sql.table(refName)} r SET id = x.target FROM (
        SELECT coalesce(res.given_id, res.existing_id) AS target, res.given_id, res.ext, lower(${colId('name', 's')}) AS l
          FROM _res res JOIN _imp s USING (row_no)) x
      WHERE r.id IS NULL AND ((r.kind = 'id' AND x.given_id = r.val::uuid) OR (r.kind = 'externalId' AND x.ext = r.val) OR (r.kind = 'label' AND x.l = r.val))`);
    // Rows of this file that do not exist yet already have their new id, so a parent can point at them.
    await exec(session, sql`UPDATE ${sql.table(refName)} r SET id = x.target_id FROM (
        SELECT res.target_id, res.given_id, res.ext, lower(${colId('name', 's')}) AS l FROM _res res JOIN _imp s USING (row_no)) x
      WHERE r.id IS NULL AND ((r.kind = 'id' AND x.given_id = r.val::uuid) OR (r.kind = 'externalId' AND x.ext = r.val) OR (r.kind = 'label' AND x.l = r.val))`);
  }
  if (g.createMissingByLabel) {
    await exec(session, sql`UPDATE ${sql.table(refName)} SET create_new = true, id = remnant_uuid7() WHERE id IS NULL AND kind = 'label'`);
  }
  const noun = g.resource === 'organisations' ? (group === 'maker' ? 'maker' : 'organisation') : g.resource.replace(/s$/, '');
  const headerOf = (by: string) => {
    const m = members.find((x) => x.ref!.by === by);
    return (m && st.mapping.headers.get(m.name)) ?? m?.name ?? group;
  };
  await addProblems(session, 'error', sql`SELECT res.row_no,
      CASE r.kind WHEN 'id' THEN ${headerOf('id')} WHEN 'externalId' THEN ${headerOf('externalId')} ELSE ${headerOf('label')} END AS col,
      coalesce(r.label, r.val) AS value,
      CASE WHEN r.id IS NULL THEN ${`no ${noun} you can see has this `} || CASE r.kind WHEN 'id' THEN 'id' WHEN 'externalId' THEN 'external id' ELSE 'name' END
           ELSE r.matches || ${` ${g.resource} have this name; name the ${noun} by its id or external id`} END AS reason
      FROM _res res JOIN ${sql.table(refName)} r ON r.key = ${sql.ref(`res.${rkName}`)}
     WHERE r.id IS NULL OR r.matches > 1`);
}

async function checkLinks(session: Session, actor: Actor, st: Staged): Promise<void> {
  for (const [field, table] of [['sourceIds', 'sources'], ['claimIds', 'claims']] as const) {
    if (!st.mappedFields.has(field)) continue;
    await addProblems(session, 'error', sql`SELECT s.row_no, ${st.mapping.headers.get(field) ?? field} AS col, x.v AS value, ${`no ${table.replace(/s$/, '')} you can see has this id`} AS reason
      FROM _imp s JOIN _res r USING (row_no), jsonb_array_elements_text(${colId(field, 's')}::jsonb) x(v)
     WHERE x.v::uuid NOT IN (${session.db.withTables<DynamicTables>().selectFrom(table).select('id').where(readableBy(actor))})`);
  }
}
