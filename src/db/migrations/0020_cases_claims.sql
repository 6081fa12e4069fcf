-- Findings, cases and the claims ledger.
--
-- A case (an investigation) groups incidents, items, sources and claims through link tables with
-- real foreign keys, so that membership can never point at a record that does not exist. Deleting
-- a case removes its links; deleting a record that a case still holds is refused (the link side
-- has no cascade), so nothing silently drops out of an investigation.

-- The part-number key findings compare on: case, spaces and separators do not make two parts
-- different (`LTC-1688 CS` = `LTC1688CS`). Must match normalisePartNumber() in
-- src/findings/similarity.ts. Indexed so that "which other items share this item's parts" is an
-- index lookup rather than a scan of every component.
CREATE FUNCTION remnant_part_key(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT nullif(upper(regexp_replace($1, '[[:space:]_/.-]+', '', 'g')), '') $$;
CREATE INDEX components_part_key ON components (remnant_part_key(part_number));

CREATE TABLE cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 500),
  summary text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  external_id text UNIQUE,
  illustrative boolean NOT NULL DEFAULT false,
  visibility visibility NOT NULL DEFAULT 'internal',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  updated_by uuid NOT NULL REFERENCES users (id),
  search tsvector GENERATED ALWAYS AS (to_tsvector('english', title || ' ' || left(coalesce(summary, ''), 100000))) STORED
);
CREATE INDEX cases_search ON cases USING gin (search);
CREATE TRIGGER cases_touch BEFORE UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION remnant_touch();

CREATE TABLE case_incidents (
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  incident_id uuid NOT NULL REFERENCES incidents (id),
  PRIMARY KEY (case_id, incident_id)
);
CREATE INDEX case_incidents_incident ON case_incidents (incident_id);

CREATE TABLE case_items (
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  item_id uuid NOT NULL REFERENCES items (id),
  PRIMARY KEY (case_id, item_id)
);
CREATE INDEX case_items_item ON case_items (item_id);

CREATE TABLE case_sources (
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  source_id uuid NOT NULL REFERENCES sources (id),
  PRIMARY KEY (case_id, source_id)
);
CREATE INDEX case_sources_source ON case_sources (source_id);

CREATE TABLE case_claims (
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  claim_id uuid NOT NULL REFERENCES claims (id),
  PRIMARY KEY (case_id, claim_id)
);
CREATE INDEX case_claims_claim ON case_claims (claim_id);

-- What claims are about ("number of DPRK missiles launched by Russia", "date of CAR's first UNSC
-- briefing"). Claims on one topic are compared with each other; a topic may also name a computed
-- finding (metric + scope) that each of its claims is set against.
CREATE TABLE claim_topics (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid REFERENCES cases (id) ON DELETE SET NULL,
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 500),
  kind text NOT NULL CHECK (kind IN ('quantity', 'date', 'statement')),
  -- What a quantity counts (launches, components, percent); shown beside every value.
  unit text CHECK (unit IS NULL OR length(btrim(unit)) BETWEEN 1 AND 200),
  -- A running total ("launched so far"): a later, larger figure does not contradict an earlier one.
  cumulative boolean NOT NULL DEFAULT false,
  description text,
  finding_metric text CHECK (finding_metric IS NULL OR finding_metric ~ '^[a-zA-Z][a-zA-Z0-9]*(:[A-Za-z0-9._-]+)?$'),
  finding_item_id uuid REFERENCES items (id),
  finding_case_id uuid REFERENCES cases (id),
  finding_incident_id uuid REFERENCES incidents (id),
  external_id text UNIQUE,
  illustrative boolean NOT NULL DEFAULT false,
  visibility visibility NOT NULL DEFAULT 'internal',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  updated_by uuid NOT NULL REFERENCES users (id),
  CONSTRAINT claim_topics_finding_scope_check CHECK (num_nonnulls(finding_item_id, finding_case_id, finding_incident_id) <= 1),
  -- A metric without a scope would be computed over the whole database, which is allowed; a scope
  -- without a metric would compare against nothing.
  CONSTRAINT claim_topics_finding_metric_check2 CHECK (finding_metric IS NOT NULL OR num_nonnulls(finding_item_id, finding_case_id, finding_incident_id) = 0),
  CONSTRAINT claim_topics_statement_check CHECK (kind <> 'statement' OR (finding_metric IS NULL AND NOT cumulative))
);
CREATE INDEX claim_topics_case ON claim_topics (case_id);
CREATE TRIGGER claim_topics_touch BEFORE UPDATE ON claim_topics FOR EACH ROW EXECUTE FUNCTION remnant_touch();

ALTER TABLE claims ADD COLUMN topic_id uuid REFERENCES claim_topics (id);
-- How precisely `said_on` is known: "in February 2024" is stored as 2024-02-01 with precision month.
ALTER TABLE claims ADD COLUMN said_on_precision text NOT NULL DEFAULT 'day' CHECK (said_on_precision IN ('day', 'month', 'year'));
CREATE INDEX claims_topic ON claims (topic_id);

-- Every ruling on a claim, in order: the claim row holds the status in force, this table holds how
-- it got there (who decided, when, why), so a reversal never erases the earlier reasoning.
CREATE TABLE claim_rulings (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  claim_id uuid NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
  from_status text NOT NULL CHECK (from_status IN ('unverified', 'corroborated', 'disputed', 'refuted')),
  to_status text NOT NULL CHECK (to_status IN ('unverified', 'corroborated', 'disputed', 'refuted')),
  reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 5000),
  decided_by uuid NOT NULL REFERENCES users (id),
  decided_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX claim_rulings_claim ON claim_rulings (claim_id, id);
