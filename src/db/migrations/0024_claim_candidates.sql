-- Candidate claims read from a source's text (issue 21). One row per proposal; the fingerprint
-- (span and figure) is unique per source, so re-running the extractor never brings back a
-- candidate an analyst rejected or accepted. Access follows the source.
CREATE TABLE claim_candidates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  source_id uuid NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
  span_start integer NOT NULL CHECK (span_start >= 0),
  span_end integer NOT NULL CHECK (span_end > span_start),
  fingerprint text NOT NULL,
  proposal jsonb NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'rejected')),
  claim_id uuid REFERENCES claims (id) ON DELETE SET NULL,
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source_id, fingerprint)
);
CREATE INDEX claim_candidates_source ON claim_candidates (source_id, span_start);
