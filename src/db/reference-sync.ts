/**
 * Loads the versioned reference files (src/reference, read through its pure face) into PostgreSQL, where the app needs them for joins
 * (country → M49 region, HS6 → CHPL tier, maker → country and owner). One set-based upsert per
 * table, from a JSON array expanded by `jsonb_to_recordset`; rows no longer in the files are
 * marked retired rather than deleted. A table whose content hash matches the last sync is left
 * alone, so a normal start costs one small query.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { TypedDB } from './pool.js';
import { MAKERS, CHPL, HS_RULES, allCountries } from '../reference/index.js';

/** Arbitrary constant: concurrent starts take turns instead of upserting the same rows at once. */
const SYNC_LOCK = 7_235_010;

function hashOf(rows: unknown): string {
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16);
}

interface TableSync {
  name: string;
  rows: object[];
  upsert: (json: string) => ReturnType<typeof sql>;
  retire: (keys: string[]) => ReturnType<typeof sql>;
}

export function referenceRows(): { countries: object[]; chpl: object[]; hsRules: object[]; makers: object[] } {
  const countries = allCountries().map((c) => ({
    alpha2: c.alpha2, alpha3: c.alpha3, numeric: c.numeric, name: c.name,
    m49_region: c.m49Region, m49_subregion: c.m49Subregion, m49_intermediate: c.m49Intermediate, m49_source: c.m49Source,
  }));
  const chpl = CHPL.map((e) => ({ hs6: e.hs6, tier: e.tier, description: e.description }));
  const hsRules = HS_RULES.map((r) => ({ category: r.category, label: r.label, hs6: r.hs6, reason: r.reason }));
  const makers = MAKERS.map((m) => ({
    id: m.id, name: m.name, country: m.country, kind: m.kind, parent_id: m.parent ?? null, acquired_year: m.acquired ?? null,
    spun_off_from: m.from ?? null, spun_off_year: m.since ?? null, jep106: m.jep106 ?? null,
    aliases: m.aliases ?? [], logos: m.logos ?? [], prefixes: m.prefixes ?? [], date_rules: m.dateRules ?? [],
    default_category: m.cat ?? null, notes: m.note ?? null,
  }));
  return { countries, chpl, hsRules, makers };
}

export async function syncReferenceData(db: TypedDB): Promise<void> {
  const { countries, chpl, hsRules, makers } = referenceRows();
  const tables: TableSync[] = [
    {
      name: 'ref_countries', rows: countries,
      upsert: (json) => sql`
        INSERT INTO ref_countries (alpha2, alpha3, numeric, name, m49_region, m49_subregion, m49_intermediate, m49_source, retired)
        SELECT alpha2, alpha3, numeric, name, m49_region, m49_subregion, m49_intermediate, m49_source, false
          FROM jsonb_to_recordset(${json}::jsonb) AS x(alpha2 text, alpha3 text, numeric text, name text,
               m49_region text, m49_subregion text, m49_intermediate text, m49_source text)
        ON CONFLICT (alpha2) DO UPDATE SET alpha3 = EXCLUDED.alpha3, numeric = EXCLUDED.numeric, name = EXCLUDED.name,
          m49_region = EXCLUDED.m49_region, m49_subregion = EXCLUDED.m49_subregion, m49_intermediate = EXCLUDED.m49_intermediate,
          m49_source = EXCLUDED.m49_source, retired = false`,
      retire: (keys) => sql`UPDATE ref_countries SET retired = true WHERE NOT retired AND alpha2 <> ALL(${keys}::text[])`,
    },
    {
      name: 'ref_chpl', rows: chpl,
      upsert: (json) => sql`
        INSERT INTO ref_chpl (hs6, tier, description, retired)
        SELECT hs6, tier, description, false FROM jsonb_to_recordset(${json}::jsonb) AS x(hs6 text, tier text, description text)
        ON CONFLICT (hs6) DO UPDATE SET tier = EXCLUDED.tier, description = EXCLUDED.description, retired = false`,
      retire: (keys) => sql`UPDATE ref_chpl SET retired = true WHERE NOT retired AND hs6 <> ALL(${keys}::text[])`,
    },
    {
      name: 'ref_hs_rules', rows: hsRules,
      upsert: (json) => sql`
        INSERT INTO ref_hs_rules (category, label, hs6, reason, retired)
        SELECT category, label, hs6, reason, false FROM jsonb_to_recordset(${json}::jsonb) AS x(category text, label text, hs6 text, reason text)
        ON CONFLICT (category) DO UPDATE SET label = EXCLUDED.label, hs6 = EXCLUDED.hs6, reason = EXCLUDED.reason, retired = false`,
      retire: (keys) => sql`UPDATE ref_hs_rules SET retired = true WHERE NOT retired AND category <> ALL(${keys}::text[])`,
    },
    {
      // Parents are rows of the same statement: foreign keys are checked at its end, so order does not matter.
      name: 'ref_makers', rows: makers,
      upsert: (json) => sql`
        INSERT INTO ref_makers (id, name, country, kind, parent_id, acquired_year, spun_off_from, spun_off_year, jep106,
                                aliases, logos, prefixes, date_rules, default_category, notes, retired)
        SELECT id, name, country, kind, parent_id, acquired_year, spun_off_from, spun_off_year, jep106,
               ARRAY(SELECT jsonb_array_elements_text(aliases)), ARRAY(SELECT jsonb_array_elements_text(logos)), prefixes,
               ARRAY(SELECT jsonb_array_elements_text(date_rules)), default_category, notes, false
          FROM jsonb_to_recordset(${json}::jsonb) AS x(id text, name text, country text, kind text, parent_id text, acquired_year integer,
               spun_off_from text, spun_off_year integer, jep106 text, aliases jsonb, logos jsonb, prefixes jsonb, date_rules jsonb,
               default_category text, notes text)
        ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, country = EXCLUDED.country, kind = EXCLUDED.kind,
          parent_id = EXCLUDED.parent_id, acquired_year = EXCLUDED.acquired_year, spun_off_from = EXCLUDED.spun_off_from,
          spun_off_year = EXCLUDED.spun_off_year, jep106 = EXCLUDED.jep106, aliases = EXCLUDED.aliases, logos = EXCLUDED.logos,
          prefixes = EXCLUDED.prefixes, date_rules = EXCLUDED.date_rules, default_category = EXCLUDED.default_category,
          notes = EXCLUDED.notes, retired = false`,
      retire: (keys) => sql`UPDATE ref_makers SET retired = true WHERE NOT retired AND id <> ALL(${keys}::text[])`,
    },
  ];
  const keyOf: Record<string, string> = { ref_countries: 'alpha2', ref_chpl: 'hs6', ref_hs_rules: 'category', ref_makers: 'id' };

  await db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${SYNC_LOCK})`.execute(trx);
    const done = new Map(
      (await sql<{ name: string; version: string }>`SELECT name, version FROM ref_versions`.execute(trx)).rows.map((r) => [r.name, r.version]),
    );
    for (const t of tables) {
      const version = hashOf(t.rows);
      if (done.get(t.name) === version) continue;
      await t.upsert(JSON.stringify(t.rows)).execute(trx);
      await t.retire(t.rows.map((r) => (r as Record<string, string>)[keyOf[t.name]!]!)).execute(trx);
      await sql`INSERT INTO ref_versions (name, version, rows) VALUES (${t.name}, ${version}, ${t.rows.length})
                ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version, rows = EXCLUDED.rows, synced_at = now()`.execute(trx);
    }
  });
}
