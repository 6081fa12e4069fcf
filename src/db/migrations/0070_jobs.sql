-- Long work (table imports from the web app, sanctions-list uploads and the re-screening after
-- them) runs as jobs. pg-boss (schema `pgboss`, created by its own migrator from prepareSchema)
-- hands a job to one app server and retries it; this table is what the API shows: who started it,
-- its progress, its result or its problem. Any app server can read it, and it survives restarts.
CREATE TABLE jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9-]{1,62}$'),
  owner_id uuid NOT NULL REFERENCES users (id),
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
  -- What the job works on (options, the id of an earlier job whose files it reads); never file content.
  input jsonb NOT NULL DEFAULT '{}',
  progress jsonb,
  result jsonb,
  problem jsonb,
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- pg-boss's id for the delivery of this job (to fail it when the server running it has died).
  queue_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((state IN ('succeeded', 'failed')) = (finished_at IS NOT NULL))
);
CREATE INDEX jobs_owner ON jobs (owner_id, created_at DESC);
-- The sweeper looks only at running jobs.
CREATE INDEX jobs_running ON jobs (id) WHERE state = 'running';

-- Uploaded files a job reads, stored in PostgreSQL (in 1 MiB chunks, streamed in and out) so
-- that the server that runs the job need not be the one that received the upload.
CREATE TABLE job_files (
  job_id uuid NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  -- The form field it came in (file, alt, add).
  field text NOT NULL CHECK (field ~ '^[a-z][a-z0-9_-]{0,30}$'),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 500),
  seq integer NOT NULL CHECK (seq >= 0),
  chunk bytea NOT NULL,
  PRIMARY KEY (job_id, field, seq)
);
-- Tables and lists are often compressible text, but chunks are read once: skip compression work.
ALTER TABLE job_files ALTER COLUMN chunk SET STORAGE EXTERNAL;
