-- Accounts and access: sessions, personal API tokens, named-user grants on restricted records,
-- reviewer-published aggregates. Secrets (session cookies, API tokens) are stored only as their
-- SHA-256: a copy of the database does not let anyone sign in as anybody.

-- A generated (printed) password must be replaced by its owner before they may change records:
-- it has been on a terminal and perhaps in a chat message.
ALTER TABLE users
  ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
  ADD COLUMN password_changed_at timestamptz;

CREATE TABLE sessions (
  token_sha256 text PRIMARY KEY CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- Sent back by the browser in x-csrf-token; not a credential on its own (useless without the cookie).
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  user_agent text,
  CHECK (expires_at > created_at)
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  token_sha256 text NOT NULL UNIQUE CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
  -- The first characters of the token, so that its owner can tell tokens apart; not enough to guess it.
  prefix text NOT NULL,
  scope text NOT NULL CHECK (scope IN ('read', 'read-write')),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz,
  CHECK (expires_at IS NULL OR expires_at > created_at)
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Named users who may read a restricted record besides its creator. Keyed by the record's id alone
-- (ids are UUIDs, unique across tables) so that `readableBy` can test a grant without knowing the
-- table; record_type says where the record lives. The table deliberately has no `id` column: the
-- grant test in readableBy refers to the outer row's unqualified `id`.
CREATE TABLE record_grants (
  record_id uuid NOT NULL,
  record_type text NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  granted_by uuid NOT NULL REFERENCES users (id),
  granted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (record_id, user_id)
);
CREATE INDEX record_grants_user ON record_grants (user_id, record_id);

-- Derived figures (e.g. a finding's component counts) a reviewer released to the public. The
-- public sees this frozen snapshot, never a live recomputation over records it may not see.
CREATE TABLE published_aggregates (
  record_type text NOT NULL,
  record_id text NOT NULL,
  snapshot jsonb NOT NULL,
  snapshot_sha256 text NOT NULL,
  published_by uuid NOT NULL REFERENCES users (id),
  published_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (record_type, record_id)
);

-- Trace correspondence (letters to and from manufacturers and distributors) never reaches the
-- public portal, whoever publishes it.
ALTER TABLE sources ADD CONSTRAINT sources_correspondence_not_public CHECK (kind <> 'correspondence' OR visibility <> 'public');
