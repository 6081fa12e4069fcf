-- Foundation: the evidence data model. Constraints live here, not only in the API, so that no
-- client (CLI, import, a future worker) can store what the API would refuse.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- array_to_string is only STABLE; generated search columns need an IMMUTABLE function. Joining
-- text with a fixed separator does not depend on any setting, so declaring it immutable is sound.
CREATE FUNCTION remnant_join(text[]) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(array_to_string($1, ' '), '') $$;

-- convert_to() is only STABLE (it reads the server encoding); our databases are UTF-8 by
-- construction, so the hash of a text is fixed.
CREATE FUNCTION remnant_sha256(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT encode(sha256(convert_to($1, 'UTF8')), 'hex') $$;

CREATE FUNCTION remnant_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END $$;

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  role text NOT NULL CHECK (role IN ('admin', 'reviewer', 'analyst', 'field', 'viewer')),
  password_hash text,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username ON users (username);
-- The account that owns records loaded by the system itself (demo case, reference data).
INSERT INTO users (id, username, display_name, role)
  VALUES ('00000000-0000-0000-0000-000000000001', 'system', 'Remnant (system)', 'admin');

CREATE TYPE visibility AS ENUM ('restricted', 'internal', 'public');

CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 500),
  aliases text[] NOT NULL DEFAULT '{}',
  kind text NOT NULL CHECK (kind IN ('manufacturer', 'distributor', 'broker', 'end_user', 'government', 'research_organisation', 'other')),
  country char(2) CHECK (country ~ '^[A-Z]{2}$'),
  parent_id uuid REFERENCES organisations (id),
  parent_from date,
  parent_to date,
  website text,
  notes text,
  external_id text UNIQUE,
  illustrative boolean NOT NULL DEFAULT false,
  visibility visibility NOT NULL DEFAULT 'internal',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  updated_by uuid NOT NULL REFERENCES users (id),
  search tsvector GENERATED ALWAYS AS (to_tsvector('simple', name || ' ' || remnant_join(aliases))) STORED,
  CONSTRAINT organisations_parent_id_check CHECK (parent_id IS NULL OR parent_id <> id),
  CONSTRAINT organisations_parent_to_check CHECK (parent_to IS NULL OR parent_from IS NULL OR parent_to >= parent_from)
);
CREATE INDEX organisations_search ON organisations USING gin (search);
CREATE INDEX organisations_name_trgm ON organisations USING gin (name gin_trgm_ops);
CREATE INDEX organisations_parent ON organisations (parent_id);

CREATE TABLE sources (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('news_report', 'official_statement', 'research_report', 'field_note', 'correspondence')),
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 1000),
  publisher text,
  author text,
  url text CHECK (url IS NULL OR url ~* '^https?://'),
  published_on date,
  language text CHECK (language IS NULL OR language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
  summary text,
  full_text text,
  -- The hash of the stored text is computed by the database, so it cannot disagree with the text.
  text_sha256 text GENERATED ALWAYS AS (remnant_sha256(full_text)) STORED,
  file_sha256 text CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
  external_id text UNIQUE,
  illustrative boolean NOT NULL DEFAULT false,
  visibility visibility NOT NULL DEFAULT 'internal',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  updated_by uuid NOT NULL REFERENCES users (id),
  -- Capped so that a very long text still indexes (a tsvector may not exceed 1 MB).
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', title), 'A') ||
    setweight(to_tsvector('english', coalesce(publisher, '') || ' ' || coalesce(author, '')), 'B') ||
    setweight(to_tsvector('english', left(coalesce(summary, ''), 100000)), 'C') ||
    setweight(to_tsvector('english', left(coalesce(full_text, ''), 200000)), 'D')) STORED
);
CREATE INDEX sources_search ON sources USING gin (search);

CREATE TABLE claims (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  source_id uuid NOT NULL REFERENCES sources (id),
  speaker text,
  speaker_organisation text,
  said_on date,
  quantity numeric CHECK (quantity IS NULL OR quantity >= 0),
  quantity_qualifier text CHECK (quantity_qualifier IN ('exact', 'at_least', 'at_most', 'about', 'more_than', 'less_than')),
  counts_what text,
  weapon_type text,
  place text,
  event_from date,
  event_to date,
  quoted_text text,
  status text NOT NULL DEFAULT 'unverified' CHECK (status IN ('unverified', 'corroborated', 'disputed', 'refuted')),
  status_reason text,
  status_by uuid REFERENCES users (id),
  status_at timestamptz,
  external_id text UNIQUE,
  illustrative boolean NOT NULL DEFAULT false,
  visibility visibility NOT NULL DEFAULT 'internal',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  updated_by uuid NOT NULL REFERENCES users (id),
  search tsvector GENERATED ALWAYS AS (to_tsvector('english',
    coalesce(speaker, '') || ' ' || coalesce(speaker_organisation, '') || ' ' || coalesce(counts_what, '') || ' ' ||
    coalesce(weapon_type, '') || ' ' || coalesce(place, '') || ' ' || left(coalesce(quoted_text, ''), 100000))) STORED,
  CONSTRAINT claims_event_to_check CHECK (event_to IS NULL OR event_from IS NULL OR event_to >= event_from),
  -- A ruling on a claim must say why.
  CONSTRAINT claims_status_reason_check CHECK (status = 'unverified' OR (status_reason IS NOT NULL AND length(btrim(status_reason)) > 0))
);
CREATE INDEX claims_source ON claims (source_id);
CREATE INDEX claims_search ON claims USING gin (search);

CREATE TABLE incidents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 500),
  occurred_from date NOT NULL,
  occurred_to date,
  place_name text,
  lat double precision CHECK (lat BETWEEN -90 AND 90),
  lon double precision CHECK (lon BETWEEN -180 AND 180),
  location_precision text CHECK (location_precision IN ('exact', 'vicinity', 'locality', 'region')),
  location_sensitive boolean NOT NULL DEFAULT false,
  weapon_types text[] NOT NULL DEFAULT '{}',
  description text,
  external_id text UNIQUE,
  illustrative boolean NOT NULL DEFAULT false,
  visibility visibility NOT NULL DEFAULT 'internal',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  updated_by uuid NOT NULL REFERENCES users (id),
  search tsvector GENERATED ALWAYS AS (to_tsvector('english',
    title || ' ' || coalesce(place_name, '') || ' ' || remnant_join(weapon_types) || ' ' || left(coalesce(description, ''), 100000))) STORED,
  CONSTRAINT incidents_occurred_to_check CHECK (occurred_to IS NULL OR occurred_to >= occurred_from),
  CONSTRAINT incidents_lon_check2 CHECK ((lat IS NULL) = (lon IS NULL)),
  CONSTRAINT incidents_location_precision_check2 CHECK (lat IS NULL OR location_precision IS NOT NULL)
);
CREATE INDEX incidents_search ON incidents USING gin (search);
CREATE INDEX incidents_occurred ON incidents (occurred_from);

CREATE TABLE incident_sources (
  incident_id uuid NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  source_id uuid NOT NULL REFERENCES sources (id),
  PRIMARY KEY (incident_id, source_id)
);
CREATE INDEX incident_sources_source ON incident_sources (source_id);
CREATE TABLE incident_claims (
  incident_id uuid NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  claim_id uuid NOT NULL REFERENCES claims (id),
  PRIMARY KEY (incident_id, claim_id)
);
CREATE INDEX incident_claims_claim ON incident_claims (claim_id);

CREATE TABLE items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  label text NOT NULL CHECK (length(btrim(label)) BETWEEN 1 AND 500),
  incident_id uuid REFERENCES incidents (id),
  weapon_model text,
  weapon_family text,
  identification_confidence text NOT NULL DEFAULT 'unknown' CHECK (identification_confidence IN ('confirmed', 'probable', 'possible', 'unknown')),
  recovered_on date,
  recovered_place text,
  recovered_lat double precision CHECK (recovered_lat BETWEEN -90 AND 90),
  recovered_lon double precision CHECK (recovered_lon BETWEEN -180 AND 180),
  production_marks text,
  used_on date,
  description text,
  external_id text UNIQUE,
  illustrative boolean NOT NULL DEFAULT false,
  visibility visibility NOT NULL DEFAULT 'internal',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  updated_by uuid NOT NULL REFERENCES users (id),
  search tsvector GENERATED ALWAYS AS (to_tsvector('english',
    label || ' ' || coalesce(weapon_model, '') || ' ' || coalesce(weapon_family, '') || ' ' || coalesce(recovered_place, '') || ' ' ||
    coalesce(production_marks, '') || ' ' || left(coalesce(description, ''), 100000))) STORED,
  CONSTRAINT items_recovered_lon_check2 CHECK ((recovered_lat IS NULL) = (recovered_lon IS NULL))
);
CREATE INDEX items_incident ON items (incident_id);
CREATE INDEX items_search ON items USING gin (search);

CREATE TABLE custody_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  item_id uuid NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  holder text NOT NULL CHECK (length(btrim(holder)) BETWEEN 1 AND 500),
  held_from timestamptz NOT NULL,
  held_to timestamptz,
  place text,
  notes text,
  visibility visibility NOT NULL DEFAULT 'internal',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  updated_by uuid NOT NULL REFERENCES users (id),
  CONSTRAINT custody_events_held_to_check CHECK (held_to IS NULL OR held_to >= held_from)
);
CREATE INDEX custody_events_item ON custody_events (item_id, held_from);

CREATE TABLE components (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  item_id uuid NOT NULL REFERENCES items (id),
  sub_assembly text,
  position text,
  marking_raw text NOT NULL CHECK (length(marking_raw) BETWEEN 1 AND 10000),
  part_number text,
  maker_id uuid REFERENCES organisations (id),
  maker_country char(2) CHECK (maker_country ~ '^[A-Z]{2}$'),
  date_code_text text,
  production_from date,
  production_to date,
  lot text,
  serial text,
  category text,
  hs6 char(6) CHECK (hs6 ~ '^[0-9]{6}$'),
  chpl_tier text CHECK (chpl_tier IN ('1', '2', '3.A', '3.B', '4.A', '4.B')),
  quantity integer NOT NULL DEFAULT 1 CHECK (quantity BETWEEN 1 AND 100000),
  notes text,
  -- The identification engine's proposal, kept whole beside the values in force so that an
  -- override never erases what was suggested.
  suggestion jsonb,
  -- Per derived field: {"state": "suggested" | "confirmed", "by": user id, "at": timestamp}.
  field_status jsonb NOT NULL DEFAULT '{}',
  external_id text UNIQUE,
  illustrative boolean NOT NULL DEFAULT false,
  visibility visibility NOT NULL DEFAULT 'internal',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  updated_by uuid NOT NULL REFERENCES users (id),
  search tsvector GENERATED ALWAYS AS (to_tsvector('simple',
    marking_raw || ' ' || coalesce(part_number, '') || ' ' || coalesce(sub_assembly, '') || ' ' || coalesce(category, '') || ' ' ||
    left(coalesce(notes, ''), 100000))) STORED,
  CONSTRAINT components_production_to_check CHECK (production_to IS NULL OR production_from IS NULL OR production_to >= production_from)
);
CREATE INDEX components_item ON components (item_id);
CREATE INDEX components_maker ON components (maker_id);
CREATE INDEX components_part_trgm ON components USING gin (part_number gin_trgm_ops);
CREATE INDEX components_search ON components USING gin (search);

-- File content, addressed by its SHA-256. Kept in PostgreSQL so that a write is one transaction
-- (no orphan files after a crash), several app servers share it, and backup sees everything.
CREATE TABLE blobs (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
  content bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (octet_length(content) = size_bytes)
);
-- Photos are already compressed: skip TOAST's compression attempt.
ALTER TABLE blobs ALTER COLUMN content SET STORAGE EXTERNAL;

CREATE TABLE evidence_files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  sha256 text NOT NULL REFERENCES blobs (sha256),
  original_name text NOT NULL CHECK (length(original_name) BETWEEN 1 AND 500),
  media_type text NOT NULL,
  size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
  exif_taken_at timestamptz,
  gps_lat double precision CHECK (gps_lat BETWEEN -90 AND 90),
  gps_lon double precision CHECK (gps_lon BETWEEN -180 AND 180),
  caption text,
  -- Exactly one record per link row; real foreign keys rather than a (type, id) pair no constraint could check.
  incident_id uuid REFERENCES incidents (id) ON DELETE CASCADE,
  item_id uuid REFERENCES items (id) ON DELETE CASCADE,
  component_id uuid REFERENCES components (id) ON DELETE CASCADE,
  source_id uuid REFERENCES sources (id) ON DELETE CASCADE,
  claim_id uuid REFERENCES claims (id) ON DELETE CASCADE,
  organisation_id uuid REFERENCES organisations (id) ON DELETE CASCADE,
  illustrative boolean NOT NULL DEFAULT false,
  visibility visibility NOT NULL DEFAULT 'internal',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  updated_by uuid NOT NULL REFERENCES users (id),
  CONSTRAINT evidence_files_link_check CHECK (num_nonnulls(incident_id, item_id, component_id, source_id, claim_id, organisation_id) <= 1),
  CONSTRAINT evidence_files_gps_lon_check2 CHECK ((gps_lat IS NULL) = (gps_lon IS NULL))
);
CREATE INDEX evidence_files_sha ON evidence_files (sha256);
CREATE INDEX evidence_files_item ON evidence_files (item_id) WHERE item_id IS NOT NULL;
CREATE INDEX evidence_files_component ON evidence_files (component_id) WHERE component_id IS NOT NULL;
CREATE INDEX evidence_files_incident ON evidence_files (incident_id) WHERE incident_id IS NOT NULL;
CREATE INDEX evidence_files_source ON evidence_files (source_id) WHERE source_id IS NOT NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['users', 'organisations', 'sources', 'claims', 'incidents', 'items', 'custody_events', 'components', 'evidence_files']
  LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION remnant_touch()', t || '_touch', t);
  END LOOP;
END $$;

-- Facts about this instance (e.g. that the demo case was loaded once, so deleting it sticks).
CREATE TABLE instance_settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
