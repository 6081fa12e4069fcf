-- Signed case bundles (issue 22): which instance keys an admin trusts, and what each import of a
-- bundle brought in, so that a record's path between instances can be traced back.

CREATE TABLE bundle_trusted_keys (
  -- Ed25519 public key, raw 32 bytes as base64url: what `remnant bundle key` prints.
  public_key text PRIMARY KEY CHECK (public_key ~ '^[A-Za-z0-9_-]{43}$'),
  fingerprint text NOT NULL UNIQUE,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  added_by uuid NOT NULL REFERENCES users (id),
  added_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE bundle_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The signed manifest's hash identifies a bundle: importing it again finds this row.
  manifest_sha256 text NOT NULL UNIQUE CHECK (manifest_sha256 ~ '^[0-9a-f]{64}$'),
  source_instance_id text NOT NULL,
  source_instance_name text,
  signer_public_key text NOT NULL,
  signer_fingerprint text NOT NULL,
  -- The trusted key's name at import time; NULL when imported under --allow-untrusted.
  signer_name text,
  trusted boolean NOT NULL,
  case_id uuid NOT NULL,
  exported_at timestamptz NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  imported_by uuid NOT NULL REFERENCES users (id),
  counts jsonb NOT NULL
);

-- One row per record a bundle carried: its id at the source and the local record it became
-- (the same id when new, an existing record's id when matched by id or external id).
CREATE TABLE bundle_import_records (
  import_id uuid NOT NULL REFERENCES bundle_imports (id) ON DELETE CASCADE,
  record_type text NOT NULL,
  original_id text NOT NULL,
  local_id text NOT NULL,
  matched boolean NOT NULL,
  PRIMARY KEY (import_id, record_type, original_id)
);
CREATE INDEX bundle_import_records_local ON bundle_import_records (record_type, local_id);
