-- Screening (issue 20): a new version of a list is applied as a delta. Each import records which
-- entries it added, changed and removed (by the list's own reference), so that only the
-- organisations those entries can affect are re-screened, and a reader can see what changed.

CREATE TABLE sanctions_list_changes (
  id bigserial PRIMARY KEY,
  import_id integer NOT NULL REFERENCES sanctions_list_imports (id) ON DELETE CASCADE,
  list_id integer NOT NULL REFERENCES sanctions_lists (id) ON DELETE CASCADE,
  reference text NOT NULL,
  change text NOT NULL CHECK (change IN ('added', 'changed', 'removed')),
  caption text NOT NULL,
  -- The entry's names before and after ([{value, kind}]); null where there is no before (added)
  -- or after (removed).
  names_before jsonb,
  names_after jsonb,
  UNIQUE (import_id, reference)
);
CREATE INDEX sanctions_list_changes_entry ON sanctions_list_changes (list_id, reference);

ALTER TABLE sanctions_list_imports
  ADD COLUMN changed integer NOT NULL DEFAULT 0,
  -- The first import of a list has no delta: every organisation is screened against it.
  ADD COLUMN first_version boolean NOT NULL DEFAULT false,
  -- Filled once the import's re-screening ran: organisations re-screened, and how many there were.
  ADD COLUMN rescreened integer,
  ADD COLUMN organisations integer;

-- A match whose entry left its list is closed by the import that removed it: kept (with its
-- reviews) as history, out of the queue, and reopened only if the entry comes back.
ALTER TABLE screening_matches
  ADD COLUMN closed_at timestamptz,
  ADD COLUMN closed_import_id integer REFERENCES sanctions_list_imports (id) ON DELETE SET NULL;
