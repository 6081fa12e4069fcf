-- Failed sign-in attempts, for a rate limit that every app server shares (one counter per
-- username and per client address, over a sliding window). Rows older than the window are deleted
-- by the next attempt; nothing else reads them. Only the attempt's time, the username asked for
-- (lower-cased, as sign-in compares it) and the address are kept: never a password.
CREATE TABLE login_attempts (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  username text NOT NULL CHECK (length(username) <= 100),
  address text NOT NULL CHECK (length(address) <= 100)
);
CREATE INDEX login_attempts_username ON login_attempts (username, at);
CREATE INDEX login_attempts_address ON login_attempts (address, at);
CREATE INDEX login_attempts_at ON login_attempts (at);
