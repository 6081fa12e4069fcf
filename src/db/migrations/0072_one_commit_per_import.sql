-- One commit job per table import (src/transfer/jobs.ts): two clicks, or two app servers asked at
-- once, queue one commit; the second request finds the first instead of importing the file twice.
-- A failed commit does not count, so the import can be committed again after it.
CREATE UNIQUE INDEX jobs_one_commit_per_import ON jobs ((input->>'checkJob'))
  WHERE kind = 'table-import-commit' AND state <> 'failed';
