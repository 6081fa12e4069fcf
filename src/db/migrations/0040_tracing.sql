-- Tracing: trace requests sent to makers and distributors, the transfers (hops) their replies
-- reveal, and correspondence kept as evidence files. The status machine and deadline arithmetic
-- live in src/tracing (pure TypeScript); the constraints here keep any client from storing a state
-- those rules could not produce.

CREATE SEQUENCE trace_request_number;

CREATE TABLE trace_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Our reference, printed on the letter so replies can quote it.
  reference text NOT NULL UNIQUE DEFAULT ('TR-' || to_char(nextval('trace_request_number'), 'FM000000')),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  status text NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'sent', 'acknowledged', 'replied', 'declined', 'no_reply', 'closed')),
  -- Case context for the letter (what was found, where it was used). No investigator's personal data:
  -- the letter is signed by the organisation only.
  context text CHECK (length(context) <= 20000),
  signing_organisation text CHECK (length(btrim(signing_organisation)) BETWEEN 1 AND 300),
  notes text CHECK (length(notes) <= 100000),
  -- The request whose reply named this addressee, and the transfer that named it.
  parent_request_id uuid REFERENCES trace_requests (id),
  prompted_by_hop_id uuid,
  sent_on date,
  acknowledged_on date,
  replied_on date,
  declined_on date,
  no_reply_on date,
  closed_on date,
  reply_due date,
  right_of_reply_due date,
  illustrative boolean NOT NULL DEFAULT false,
  -- Correspondence names companies before they have answered: restricted until someone decides otherwise.
  visibility visibility NOT NULL DEFAULT 'restricted',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  updated_by uuid NOT NULL REFERENCES users (id),
  CONSTRAINT trace_requests_parent_check CHECK (parent_request_id IS NULL OR parent_request_id <> id),
  -- A request leaves draft only by being sent, and sending fixes both deadlines (28 + 28 calendar days).
  CONSTRAINT trace_requests_sent_check CHECK ((status = 'draft') = (sent_on IS NULL) OR (status = 'closed' AND sent_on IS NULL)),
  CONSTRAINT trace_requests_due_check CHECK (
    (sent_on IS NULL AND reply_due IS NULL AND right_of_reply_due IS NULL)
    OR (sent_on IS NOT NULL AND reply_due = sent_on + 28 AND right_of_reply_due >= reply_due + 28)),
  CONSTRAINT trace_requests_dates_check CHECK (
    (acknowledged_on IS NULL OR acknowledged_on >= sent_on) AND (replied_on IS NULL OR replied_on >= sent_on)
    AND (declined_on IS NULL OR declined_on >= sent_on) AND (no_reply_on IS NULL OR no_reply_on > reply_due)
    AND (closed_on IS NULL OR sent_on IS NULL OR closed_on >= sent_on)),
  CONSTRAINT trace_requests_status_date_check CHECK (
    (status <> 'acknowledged' OR acknowledged_on IS NOT NULL) AND (status <> 'replied' OR replied_on IS NOT NULL)
    AND (status <> 'declined' OR declined_on IS NOT NULL) AND (status <> 'no_reply' OR no_reply_on IS NOT NULL)
    AND (status <> 'closed' OR closed_on IS NOT NULL))
);
CREATE INDEX trace_requests_organisation ON trace_requests (organisation_id);
CREATE INDEX trace_requests_parent ON trace_requests (parent_request_id) WHERE parent_request_id IS NOT NULL;
-- The overdue list reads only requests still waiting for an answer, by due date.
CREATE INDEX trace_requests_awaiting ON trace_requests (reply_due) WHERE status IN ('sent', 'acknowledged');

CREATE TABLE trace_request_components (
  trace_request_id uuid NOT NULL REFERENCES trace_requests (id) ON DELETE CASCADE,
  component_id uuid NOT NULL REFERENCES components (id),
  PRIMARY KEY (trace_request_id, component_id)
);
CREATE INDEX trace_request_components_component ON trace_request_components (component_id);

-- One transfer of parts, as a reply (or another source) states it.
CREATE TABLE trace_hops (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  trace_request_id uuid REFERENCES trace_requests (id),
  source_id uuid REFERENCES sources (id),
  seller_id uuid NOT NULL REFERENCES organisations (id),
  buyer_id uuid NOT NULL REFERENCES organisations (id),
  transfer_date date,
  quantity integer CHECK (quantity IS NULL OR quantity BETWEEN 1 AND 100000000),
  document_kind text CHECK (document_kind IN ('invoice', 'export_licence', 'delivery_note', 'customs_declaration', 'contract', 'other')),
  document_ref text CHECK (length(btrim(document_ref)) BETWEEN 1 AND 500),
  from_country char(2) CHECK (from_country ~ '^[A-Z]{2}$'),
  to_country char(2) CHECK (to_country ~ '^[A-Z]{2}$'),
  -- As the seller's records name the goods, which may differ from the marking read on the debris.
  part_number text CHECK (length(part_number) <= 200),
  lot text CHECK (length(lot) <= 200),
  -- The investigator's judgement: was this transfer within legal trade?
  assessment text NOT NULL DEFAULT 'unknown' CHECK (assessment IN ('legal', 'diversion_suspected', 'unknown')),
  notes text CHECK (length(notes) <= 100000),
  illustrative boolean NOT NULL DEFAULT false,
  visibility visibility NOT NULL DEFAULT 'restricted',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  updated_by uuid NOT NULL REFERENCES users (id),
  CONSTRAINT trace_hops_buyer_check CHECK (buyer_id <> seller_id)
);
CREATE INDEX trace_hops_request ON trace_hops (trace_request_id) WHERE trace_request_id IS NOT NULL;
CREATE INDEX trace_hops_seller ON trace_hops (seller_id);
CREATE INDEX trace_hops_buyer ON trace_hops (buyer_id);

CREATE TABLE trace_hop_components (
  trace_hop_id uuid NOT NULL REFERENCES trace_hops (id) ON DELETE CASCADE,
  component_id uuid NOT NULL REFERENCES components (id),
  PRIMARY KEY (trace_hop_id, component_id)
);
CREATE INDEX trace_hop_components_component ON trace_hop_components (component_id);

ALTER TABLE trace_requests ADD CONSTRAINT trace_requests_prompted_by_hop_id_fkey
  FOREIGN KEY (prompted_by_hop_id) REFERENCES trace_hops (id);

CREATE TRIGGER trace_requests_touch BEFORE UPDATE ON trace_requests FOR EACH ROW EXECUTE FUNCTION remnant_touch();
CREATE TRIGGER trace_hops_touch BEFORE UPDATE ON trace_hops FOR EACH ROW EXECUTE FUNCTION remnant_touch();

-- Correspondence (letters sent, replies, invoices received) is evidence: a file may link to a
-- trace request. No cascade: deleting a request must not silently delete its correspondence.
ALTER TABLE evidence_files ADD COLUMN trace_request_id uuid REFERENCES trace_requests (id);
CREATE INDEX evidence_files_trace_request ON evidence_files (trace_request_id) WHERE trace_request_id IS NOT NULL;

-- Keep "a file links to one record at most" true with the new column. Other contexts may add link
-- columns in their own migrations, so extend whatever list the constraint holds now instead of
-- restating the foundation's list (which would drop theirs).
DO $$
DECLARE
  def text;
  cols text;
BEGIN
  SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint
   WHERE conname = 'evidence_files_link_check' AND conrelid = 'evidence_files'::regclass;
  cols := substring(def FROM 'num_nonnulls\((.*)\)\s*<=');
  IF cols IS NULL THEN
    RAISE EXCEPTION 'evidence_files_link_check has an unexpected form: %', def;
  END IF;
  EXECUTE format('ALTER TABLE evidence_files DROP CONSTRAINT evidence_files_link_check, '
    'ADD CONSTRAINT evidence_files_link_check CHECK (num_nonnulls(%s, trace_request_id) <= 1)', cols);
END $$;
