-- Maintained aggregates for findings (issue 19). A case dashboard used to scan every component of
-- the case (2.3 s over a million); it now sums per-item rows kept here, updated in the same
-- transaction as every write to `components` by statement-level triggers.
--
-- What is kept, per item × component visibility × illustrative flag, one row per key of each
-- dimension a figure groups by:
--   total   (key NULL)                 units, records, newest lower bound (suggested and conservative)
--   maker   (key maker_id, key2 the component's own maker_country)
--                                      HQ and ultimate-parent countries are derived from these at read
--                                      time through `organisations`, so a maker's country, parent or
--                                      visibility changing (or a parent link expiring with the date)
--                                      needs no maintenance here
--   year    (key year bucket of the stored window; NULL = undated)
--   year_c  (the same with every ambiguous window counted as its envelope)
--   tier    (key chpl_tier)
--   part    (key part_key; NULL = no part number)
-- Visibility is a key rather than a filter so that each audience reads exactly its rows: the public
-- the `public` rows, an admin all, a signed-in reader everything not restricted plus the restricted
-- components they may read, counted row by row (they are few; see src/findings/summary.ts).
-- Item visibility, case membership and tracing are not kept here: the reader joins them.
--
-- Why statement-level triggers with transition tables: one trigger run per statement, whatever the
-- number of rows, aggregating the changed rows before touching this table — an import of 300
-- components into one item is one upsert of ~60 rows instead of 300 × 6 row-trigger upserts
-- (docs/performance.md, "Maintained findings aggregates", has the measured comparison).

-- The year bucket of a production window: one year, or a span `2019–2021`; NULL when undated.
CREATE FUNCTION remnant_year_key(from_date date, to_date date) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN from_date IS NULL OR to_date IS NULL THEN NULL
              WHEN date_part('year', from_date) = date_part('year', to_date) THEN date_part('year', from_date)::int::text
              ELSE date_part('year', from_date)::int::text || '–' || date_part('year', to_date)::int::text END
$$;

-- Whether a person confirmed either end of a component's production window: its bit in
-- `confirmed_fields` (order of remnant_derived_fields()), or an entry of `field_status_extra`.
CREATE FUNCTION remnant_window_confirmed(confirmed_fields smallint, extra jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (confirmed_fields::int & ((1 << (array_position(remnant_derived_fields(), 'productionFrom') - 1))
                                  | (1 << (array_position(remnant_derived_fields(), 'productionTo') - 1)))) <> 0
      OR coalesce(extra #>> '{productionFrom,state}' = 'confirmed' OR extra #>> '{productionTo,state}' = 'confirmed', false)
$$;

CREATE TABLE findings_item_summary (
  item_id uuid NOT NULL,
  visibility visibility NOT NULL,
  illustrative boolean NOT NULL,
  dim text NOT NULL CHECK (dim IN ('total', 'maker', 'year', 'year_c', 'tier', 'part')),
  key text,
  key2 text,
  units bigint NOT NULL,
  records bigint NOT NULL,
  -- Year rows: records whose window is ambiguous / that no person confirmed.
  ambiguous_records bigint NOT NULL DEFAULT 0,
  unconfirmed_records bigint NOT NULL DEFAULT 0,
  -- Total rows: the newest production lower bound, as stored and conservatively.
  newest_from date,
  newest_from_c date,
  CONSTRAINT findings_item_summary_key UNIQUE NULLS NOT DISTINCT (item_id, visibility, illustrative, dim, key, key2)
);

-- One component's contribution to each dimension: the one home of how a row is bucketed, used by
-- the triggers below and by the reader for the rows it counts one by one.
CREATE FUNCTION remnant_findings_facts(c components)
  RETURNS TABLE (dim text, key text, key2 text, ambiguous boolean, unconfirmed boolean, newest_from date, newest_from_c date)
  LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT * FROM (VALUES
    ('total', NULL::text, NULL::text, false, false, c.production_from, coalesce(c.envelope_from, c.production_from)),
    ('maker', c.maker_id::text, c.maker_country::text, false, false, NULL::date, NULL::date),
    ('year', remnant_year_key(c.production_from, c.production_to), NULL, c.ambiguous, NOT remnant_window_confirmed(c.confirmed_fields, c.field_status_extra), NULL, NULL),
    ('year_c', remnant_year_key(coalesce(c.envelope_from, c.production_from), coalesce(c.envelope_to, c.production_to)), NULL,
      c.ambiguous, NOT remnant_window_confirmed(c.confirmed_fields, c.field_status_extra), NULL, NULL),
    ('tier', c.chpl_tier, NULL, false, false, NULL, NULL),
    ('part', c.part_key, NULL, false, false, NULL, NULL)
  ) v
$$;

-- Transition tables are visible only to statements run by the trigger function itself (EXECUTE
-- included), so the upsert is a format string here: one statement adds (sign 1) or removes
-- (sign -1) the rows of either table.
CREATE FUNCTION remnant_findings_maintain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  apply constant text := $q$
    INSERT INTO findings_item_summary AS s (item_id, visibility, illustrative, dim, key, key2, units, records,
                                            ambiguous_records, unconfirmed_records, newest_from, newest_from_c)
    SELECT c.item_id, c.visibility, c.illustrative, f.dim, f.key, f.key2,
           %1$s * sum(c.quantity), %1$s * count(*), %1$s * count(*) FILTER (WHERE f.ambiguous), %1$s * count(*) FILTER (WHERE f.unconfirmed),
           -- A removal never raises the newest bound; whether it lowered it is settled afterwards.
           CASE WHEN %1$s > 0 THEN max(f.newest_from) END, CASE WHEN %1$s > 0 THEN max(f.newest_from_c) END
      FROM %2$I c CROSS JOIN LATERAL remnant_findings_facts(c) f
     GROUP BY 1, 2, 3, 4, 5, 6
     -- Rows are locked in key order, so two writers to the same item cannot deadlock on them.
     ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ON CONSTRAINT findings_item_summary_key DO UPDATE SET
      units = s.units + excluded.units, records = s.records + excluded.records,
      ambiguous_records = s.ambiguous_records + excluded.ambiguous_records,
      unconfirmed_records = s.unconfirmed_records + excluded.unconfirmed_records,
      newest_from = greatest(s.newest_from, excluded.newest_from), newest_from_c = greatest(s.newest_from_c, excluded.newest_from_c)
  $q$;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN EXECUTE format(apply, -1, 'old_rows'); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN EXECUTE format(apply, 1, 'new_rows'); END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    -- A removed row that held an item's newest bound: read the bound again from that item's rows.
    UPDATE findings_item_summary s
         SET newest_from = (SELECT max(c.production_from) FROM components c
                             WHERE c.item_id = s.item_id AND c.visibility = s.visibility AND c.illustrative = s.illustrative),
             newest_from_c = (SELECT max(coalesce(c.envelope_from, c.production_from)) FROM components c
                               WHERE c.item_id = s.item_id AND c.visibility = s.visibility AND c.illustrative = s.illustrative)
        FROM (SELECT item_id, visibility, illustrative, max(production_from) AS pf, max(coalesce(envelope_from, production_from)) AS pfc
                FROM old_rows GROUP BY 1, 2, 3) o
       WHERE s.dim = 'total' AND s.item_id = o.item_id AND s.visibility = o.visibility AND s.illustrative = o.illustrative
         AND s.records > 0 AND (o.pf >= s.newest_from OR o.pfc >= s.newest_from_c);
    -- Buckets emptied by this statement go: a key with no rows is no key (distinct counts).
    DELETE FROM findings_item_summary s USING (SELECT DISTINCT item_id, visibility, illustrative FROM old_rows) o
       WHERE s.item_id = o.item_id AND s.visibility = o.visibility AND s.illustrative = o.illustrative AND s.records = 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER components_findings_insert AFTER INSERT ON components
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION remnant_findings_maintain();
CREATE TRIGGER components_findings_update AFTER UPDATE ON components
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION remnant_findings_maintain();
CREATE TRIGGER components_findings_delete AFTER DELETE ON components
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION remnant_findings_maintain();
-- TRUNCATE has no transition table; it empties the summary with it.
CREATE FUNCTION remnant_findings_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM findings_item_summary;
  RETURN NULL;
END $$;
CREATE TRIGGER components_findings_truncate AFTER TRUNCATE ON components
  FOR EACH STATEMENT EXECUTE FUNCTION remnant_findings_truncate();

-- The summary of rows already present.
INSERT INTO findings_item_summary (item_id, visibility, illustrative, dim, key, key2, units, records,
                                   ambiguous_records, unconfirmed_records, newest_from, newest_from_c)
SELECT c.item_id, c.visibility, c.illustrative, f.dim, f.key, f.key2, sum(c.quantity), count(*),
       count(*) FILTER (WHERE f.ambiguous), count(*) FILTER (WHERE f.unconfirmed), max(f.newest_from), max(f.newest_from_c)
  FROM components c CROSS JOIN LATERAL remnant_findings_facts(c) f
 GROUP BY 1, 2, 3, 4, 5, 6;

-- Restricted components are counted one by one for signed-in non-admins (they may be granted some).
CREATE INDEX components_restricted_item ON components (item_id) WHERE visibility = 'restricted';
