-- Reference data: countries with UN M49 regions, the Common High Priority List, part-category →
-- HS6 rules and the maker catalogue. The rows come from versioned files in src/reference/ and are
-- upserted on every start by syncReferenceData (src/reference/sync.ts); this migration only
-- defines the tables. Rows that leave the files are marked retired, never deleted, so that
-- anything joined to them keeps working.

CREATE TABLE ref_countries (
  alpha2 char(2) PRIMARY KEY CHECK (alpha2 ~ '^[A-Z]{2}$'),
  alpha3 char(3) NOT NULL CHECK (alpha3 ~ '^[A-Z]{3}$'),
  numeric char(3) NOT NULL CHECK (numeric ~ '^[0-9]{3}$'),
  name text NOT NULL,
  m49_region text,
  m49_subregion text,
  m49_intermediate text,
  -- 'un-m49' from the UN list; 'inferred' where M49 has no entry of its own (Taiwan, Kosovo).
  m49_source text NOT NULL CHECK (m49_source IN ('un-m49', 'inferred', 'none')),
  retired boolean NOT NULL DEFAULT false
);
CREATE INDEX ref_countries_subregion ON ref_countries (m49_subregion);

CREATE TABLE ref_chpl (
  hs6 char(6) PRIMARY KEY CHECK (hs6 ~ '^[0-9]{6}$'),
  tier text NOT NULL CHECK (tier IN ('1', '2', '3.A', '3.B', '4.A', '4.B')),
  description text NOT NULL,
  retired boolean NOT NULL DEFAULT false
);

CREATE TABLE ref_hs_rules (
  category text PRIMARY KEY CHECK (category ~ '^[a-z0-9-]+$'),
  label text NOT NULL,
  hs6 char(6) NOT NULL CHECK (hs6 ~ '^[0-9]{6}$'),
  reason text NOT NULL,
  retired boolean NOT NULL DEFAULT false
);

CREATE TABLE ref_makers (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]*$'),
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  country char(2) NOT NULL REFERENCES ref_countries (alpha2),
  kind text NOT NULL,
  parent_id text REFERENCES ref_makers (id),
  acquired_year integer CHECK (acquired_year BETWEEN 1900 AND 2200),
  spun_off_from text REFERENCES ref_makers (id),
  spun_off_year integer CHECK (spun_off_year BETWEEN 1900 AND 2200),
  -- JEDEC JEP106 manufacturer code as 'bank:0xID' (7-bit id, parity stripped).
  jep106 text CHECK (jep106 IS NULL OR jep106 ~ '^[0-9]{1,2}:0x[0-9A-F]{2}$'),
  aliases text[] NOT NULL DEFAULT '{}',
  logos text[] NOT NULL DEFAULT '{}',
  -- [{p, cat, fam?, intro?, amb?, join?, any?, clone?, compat?}]: see src/reference/makers.ts.
  prefixes jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(prefixes) = 'array'),
  date_rules text[] NOT NULL DEFAULT '{}',
  default_category text,
  notes text,
  retired boolean NOT NULL DEFAULT false,
  CONSTRAINT ref_makers_parent_check CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX ref_makers_name_trgm ON ref_makers USING gin (name gin_trgm_ops);
CREATE INDEX ref_makers_aliases ON ref_makers USING gin (aliases);
CREATE INDEX ref_makers_country ON ref_makers (country);
CREATE INDEX ref_makers_parent ON ref_makers (parent_id);

-- One row per catalogued part-number prefix, for joins such as
--   components c JOIN ref_maker_prefixes p ON c.part_number LIKE p.prefix || '%'
CREATE VIEW ref_maker_prefixes AS
  SELECT m.id AS maker_id, e->>'p' AS prefix, e->>'cat' AS category, e->>'fam' AS family,
         (e->>'intro')::integer AS introduced, coalesce((e->>'amb')::boolean, false) AS ambiguous
    FROM ref_makers m CROSS JOIN LATERAL jsonb_array_elements(m.prefixes) AS e
   WHERE NOT m.retired;

-- What was loaded, so that an unchanged catalogue is not rewritten on every start.
CREATE TABLE ref_versions (
  name text PRIMARY KEY,
  version text NOT NULL,
  rows integer NOT NULL,
  synced_at timestamptz NOT NULL DEFAULT now()
);
