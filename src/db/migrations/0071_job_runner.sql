-- Which app server (host:pid) runs or last ran the job: operators can tell where work went, and
-- the several-servers test can tell which server to kill.
ALTER TABLE jobs ADD COLUMN runner text CHECK (length(runner) <= 300);
