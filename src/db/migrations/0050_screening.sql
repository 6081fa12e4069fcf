-- Sanctions screening: imported lists (one current version each, with the publisher's version
-- date and the hash of the file it came from), their entities with the list's own references,
-- matches between our organisations and listed entities, and reviewers' decisions on them.
-- Matching itself happens in memory (src/screening); these tables are what it reads and writes.

CREATE TABLE sanctions_lists (
  -- Integer ids: the in-memory index stores them in typed arrays.
  id serial PRIMARY KEY,
  -- Stable name of the list across versions, e.g. un_sc_sanctions, us_ofac_sdn.
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9_.-]{0,62}$'),
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
  format text NOT NULL CHECK (format IN ('un', 'ofac', 'ofac-xml', 'ftm', 'targets')),
  version_date date,
  source_name text NOT NULL,
  source_sha256 text NOT NULL CHECK (source_sha256 ~ '^[0-9a-f]{64}$'),
  entity_count integer NOT NULL DEFAULT 0 CHECK (entity_count >= 0),
  imported_at timestamptz NOT NULL DEFAULT now(),
  imported_by uuid NOT NULL REFERENCES users (id)
);

-- Every import, kept after the list has moved on: which version was screened against when.
CREATE TABLE sanctions_list_imports (
  id serial PRIMARY KEY,
  list_id integer NOT NULL REFERENCES sanctions_lists (id) ON DELETE CASCADE,
  version_date date,
  source_name text NOT NULL,
  source_sha256 text NOT NULL CHECK (source_sha256 ~ '^[0-9a-f]{64}$'),
  entity_count integer NOT NULL CHECK (entity_count >= 0),
  added integer NOT NULL DEFAULT 0,
  removed integer NOT NULL DEFAULT 0,
  imported_at timestamptz NOT NULL DEFAULT now(),
  imported_by uuid NOT NULL REFERENCES users (id)
);
CREATE INDEX sanctions_list_imports_list ON sanctions_list_imports (list_id, imported_at DESC);

CREATE TABLE sanctions_entities (
  id serial PRIMARY KEY,
  list_id integer NOT NULL REFERENCES sanctions_lists (id) ON DELETE CASCADE,
  -- The list's own reference: KPe.001 (UN), an OFAC ent_num, an FtM id.
  reference text NOT NULL CHECK (length(reference) BETWEEN 1 AND 200),
  schema text NOT NULL,
  caption text NOT NULL,
  -- [{value, kind}] with kind primary | alias | weak | previous | original.
  names jsonb NOT NULL,
  countries jsonb NOT NULL DEFAULT '[]',
  addresses jsonb NOT NULL DEFAULT '[]',
  -- [{type, value}]
  identifiers jsonb NOT NULL DEFAULT '[]',
  programmes jsonb NOT NULL DEFAULT '[]',
  -- Other lists' references named in the entry (a UN number on an OpenSanctions row).
  other_references jsonb NOT NULL DEFAULT '[]',
  listed_on date,
  notes text,
  UNIQUE (list_id, reference)
);

CREATE TABLE screening_matches (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  list_id integer NOT NULL REFERENCES sanctions_lists (id) ON DELETE CASCADE,
  -- Matches are keyed by the list's reference, not the entity row, so that a decision survives
  -- re-imports; entity_id is cleared when the entry leaves the list.
  entity_reference text NOT NULL,
  entity_id integer REFERENCES sanctions_entities (id) ON DELETE SET NULL,
  entity_caption text NOT NULL,
  score real NOT NULL CHECK (score >= 0 AND score <= 1),
  -- {features, explanations, matchedName, queryName} as the matcher reported them.
  explanation jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'dismissed')),
  -- The last screening no longer found it above the review threshold (or the entry was delisted).
  stale boolean NOT NULL DEFAULT false,
  list_version_date date,
  first_screened_at timestamptz NOT NULL DEFAULT now(),
  last_screened_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organisation_id, list_id, entity_reference)
);
CREATE INDEX screening_matches_queue ON screening_matches (status, score DESC) WHERE NOT stale;
CREATE INDEX screening_matches_entity ON screening_matches (list_id, entity_reference);

CREATE TABLE screening_reviews (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  match_id uuid NOT NULL REFERENCES screening_matches (id) ON DELETE CASCADE,
  decision text NOT NULL CHECK (decision IN ('confirmed', 'dismissed', 'reopened')),
  reason text NOT NULL CONSTRAINT screening_reviews_reason_check CHECK (length(btrim(reason)) BETWEEN 3 AND 4000),
  reviewer_id uuid NOT NULL REFERENCES users (id),
  reviewed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX screening_reviews_match ON screening_reviews (match_id, reviewed_at DESC);

-- When each organisation was last screened, and against which lists' state, so that new and
-- changed organisations (and every organisation after a list update) are screened again.
CREATE TABLE organisation_screenings (
  organisation_id uuid PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
  screened_at timestamptz NOT NULL DEFAULT now(),
  lists_stamp text NOT NULL
);
