-- Components were ~1.9 kB a row, 1.5 kB of it two jsonb documents: the identification engine's
-- whole proposal (`suggestion`, ~560 B) and a {state, by, at} object for each of the ten derived
-- fields (`field_status`, ~960 B). A bulk load of a million components spent most of its time
-- parsing and writing those bytes (docs/performance.md, "Components: what a row costs"). Both are
-- kept, in a form that costs what it says:
--
-- * the proposal once per distinct content, in `component_suggestions`, keyed by the first 128
--   bits of the SHA-256 of its canonical text (the same marking read in the same context gives the
--   same proposal, so a file of a million lines holds a few tens of thousands);
-- * field status as what it almost always is — every field suggested at one moment, some
--   confirmed by one person at one moment — with anything else spelt out in `field_status_extra`.
--
-- `remnant_field_status(…)` rebuilds the exact document the API has always returned, and
-- `remnant_pack_field_status(doc)` packs one (the API's writes and this migration use it), so that
-- the two forms cannot drift apart.

CREATE TABLE component_suggestions (
  id uuid PRIMARY KEY,
  suggestion jsonb NOT NULL
);

-- Content address of a proposal: jsonb's text form is canonical (keys sorted, no duplicates).
CREATE FUNCTION remnant_suggestion_id(jsonb) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT encode(substr(sha256(convert_to($1::text, 'UTF8')), 1, 16), 'hex')::uuid $$;

-- The API writes timestamps as JavaScript's toISOString() does (milliseconds, "Z").
CREATE FUNCTION remnant_iso(timestamptz) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT to_char($1 AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;

-- Bit n-1 of confirmed_fields is the n-th of these (DERIVED_FIELDS in src/evidence/resources.ts).
CREATE FUNCTION remnant_derived_fields() RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT ARRAY['partNumber', 'makerId', 'makerCountry', 'dateCodeText', 'productionFrom', 'productionTo', 'lot', 'category', 'hs6', 'chplTier'] $$;

ALTER TABLE components
  ADD COLUMN suggestion_id uuid,
  -- When the fields not confirmed were suggested (NULL: no field carries a suggestion state).
  ADD COLUMN suggested_at timestamptz,
  -- Fields confirmed by confirmed_by at confirmed_at.
  ADD COLUMN confirmed_fields smallint NOT NULL DEFAULT 0,
  ADD COLUMN confirmed_by uuid,
  ADD COLUMN confirmed_at timestamptz,
  -- Entries the columns above cannot say (another confirmer or time; JSON null: no status at all).
  ADD COLUMN field_status_extra jsonb NOT NULL DEFAULT '{}';

CREATE FUNCTION remnant_field_status(extra jsonb, suggested_at timestamptz, confirmed smallint, confirmed_by uuid, confirmed_at timestamptz)
  RETURNS jsonb LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(jsonb_object_agg(f, v), '{}'::jsonb)
    FROM (
      SELECT d.f, CASE
          WHEN extra ? d.f THEN extra -> d.f
          WHEN (confirmed::int >> (d.n::int - 1)) & 1 = 1
            THEN jsonb_build_object('state', 'confirmed', 'by', confirmed_by, 'at', remnant_iso(confirmed_at))
          WHEN suggested_at IS NOT NULL THEN jsonb_build_object('state', 'suggested', 'by', NULL, 'at', remnant_iso(suggested_at))
        END AS v
        FROM unnest(remnant_derived_fields()) WITH ORDINALITY AS d(f, n)
      UNION ALL
      SELECT e.k, e.v FROM jsonb_each(extra) AS e(k, v) WHERE e.k <> ALL (remnant_derived_fields())
    ) x
   WHERE v IS NOT NULL AND jsonb_typeof(v) <> 'null'
$$;

CREATE FUNCTION remnant_pack_field_status(doc jsonb, OUT suggested_at timestamptz, OUT confirmed_fields smallint,
  OUT confirmed_by uuid, OUT confirmed_at timestamptz, OUT field_status_extra jsonb)
  LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
  fields text[] := remnant_derived_fields();
  iso text := '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$';
  e jsonb;
BEGIN
  doc := coalesce(doc, '{}'::jsonb);
  -- The commonest suggestion time and (confirmer, time) pair become columns; a tie goes to the latest.
  SELECT (x.e ->> 'at')::timestamptz INTO suggested_at
    FROM jsonb_each(doc) AS x(k, e)
   WHERE x.k = ANY (fields) AND jsonb_typeof(x.e) = 'object' AND x.e ->> 'state' = 'suggested' AND x.e ->> 'at' ~ iso
   GROUP BY x.e ->> 'at' ORDER BY count(*) DESC, x.e ->> 'at' DESC LIMIT 1;
  SELECT (x.e ->> 'by')::uuid, (x.e ->> 'at')::timestamptz INTO confirmed_by, confirmed_at
    FROM jsonb_each(doc) AS x(k, e)
   WHERE x.k = ANY (fields) AND jsonb_typeof(x.e) = 'object' AND x.e ->> 'state' = 'confirmed' AND x.e ->> 'at' ~ iso
     AND x.e ->> 'by' ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
   GROUP BY x.e ->> 'by', x.e ->> 'at' ORDER BY count(*) DESC, x.e ->> 'at' DESC, x.e ->> 'by' LIMIT 1;
  confirmed_fields := 0;
  field_status_extra := '{}'::jsonb;
  FOR i IN 1 .. array_length(fields, 1) LOOP
    e := doc -> fields[i];
    IF e IS NULL OR jsonb_typeof(e) = 'null' THEN
      -- No status: say so only where the columns would otherwise give one.
      IF suggested_at IS NOT NULL THEN field_status_extra := field_status_extra || jsonb_build_object(fields[i], NULL); END IF;
    ELSIF confirmed_by IS NOT NULL AND e = jsonb_build_object('state', 'confirmed', 'by', confirmed_by, 'at', remnant_iso(confirmed_at)) THEN
      confirmed_fields := confirmed_fields | (1 << (i - 1));
    ELSIF NOT (suggested_at IS NOT NULL AND e = jsonb_build_object('state', 'suggested', 'by', NULL, 'at', remnant_iso(suggested_at))) THEN
      field_status_extra := field_status_extra || jsonb_build_object(fields[i], e);
    END IF;
  END LOOP;
  -- Keys that are not derived fields travel as they are.
  field_status_extra := field_status_extra || coalesce((SELECT jsonb_object_agg(x.k, x.v) FROM jsonb_each(doc) AS x(k, v) WHERE x.k <> ALL (fields)), '{}'::jsonb);
  IF confirmed_fields = 0 THEN
    confirmed_by := NULL;
    confirmed_at := NULL;
  END IF;
END $$;

INSERT INTO component_suggestions (id, suggestion)
  SELECT DISTINCT ON (1) remnant_suggestion_id(suggestion), suggestion FROM components WHERE suggestion IS NOT NULL
  ON CONFLICT DO NOTHING;

-- Rewriting the rows must not look like an edit of each.
ALTER TABLE components DISABLE TRIGGER components_touch;
UPDATE components c
   SET suggestion_id = CASE WHEN c.suggestion IS NOT NULL THEN remnant_suggestion_id(c.suggestion) END,
       (suggested_at, confirmed_fields, confirmed_by, confirmed_at, field_status_extra) =
         (SELECT p.suggested_at, p.confirmed_fields, p.confirmed_by, p.confirmed_at, p.field_status_extra FROM remnant_pack_field_status(c.field_status) p);
ALTER TABLE components ENABLE TRIGGER components_touch;

ALTER TABLE components DROP COLUMN suggestion, DROP COLUMN field_status;
-- No foreign key from suggestion_id: proposals are content-addressed and never deleted, and a
-- check would cost a lookup per row on bulk loads.
