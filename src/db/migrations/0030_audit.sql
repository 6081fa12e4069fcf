-- The audit log: every write, append-only, each entry chained to the previous one by SHA-256.
-- Hashing happens inside PostgreSQL so the canonical form (jsonb text, UTC timestamps) is the
-- database's own and verification can recompute the whole chain in one pass.

CREATE TABLE audit_log (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_id uuid,
  action text NOT NULL,
  record_type text NOT NULL,
  record_id text,
  before jsonb,
  after jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_record ON audit_log (record_type, record_id, seq);

CREATE FUNCTION remnant_audit_hash(prev text, seq bigint, at timestamptz, actor uuid, action text,
    record_type text, record_id text, before jsonb, after jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT encode(sha256(convert_to(concat_ws('|', prev, seq::text,
    to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), coalesce(actor::text, ''), action, record_type,
    coalesce(record_id, ''), coalesce(before::text, ''), coalesce(after::text, '')), 'UTF8')), 'hex')
$$;

-- Appends one entry. The advisory lock serialises appenders until their transaction ends, so two
-- concurrent writers cannot both chain onto the same predecessor.
CREATE FUNCTION remnant_audit(p_actor uuid, p_action text, p_record_type text, p_record_id text, p_before jsonb, p_after jsonb)
  RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  v_prev text;
  v_seq bigint;
  v_at timestamptz := clock_timestamp();
BEGIN
  PERFORM pg_advisory_xact_lock(7235002);
  SELECT hash INTO v_prev FROM audit_log ORDER BY seq DESC LIMIT 1;
  v_prev := coalesce(v_prev, repeat('0', 64));
  v_seq := nextval(pg_get_serial_sequence('audit_log', 'seq'));
  INSERT INTO audit_log (seq, at, actor_id, action, record_type, record_id, before, after, prev_hash, hash)
    OVERRIDING SYSTEM VALUE
    VALUES (v_seq, v_at, p_actor, p_action, p_record_type, p_record_id, p_before, p_after, v_prev,
            remnant_audit_hash(v_prev, v_seq, v_at, p_actor, p_action, p_record_type, p_record_id, p_before, p_after));
  RETURN v_seq;
END $$;

-- Append-only: entries can be added, never changed or removed.
CREATE FUNCTION remnant_audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION remnant_audit_guard();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log EXECUTE FUNCTION remnant_audit_guard();
