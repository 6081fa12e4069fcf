-- Screening (issue 20): listed persons' birth dates, as evidence beyond the name, and when Remnant
-- first saw each entry and last saw it change, for yente's first_seen / last_change.
ALTER TABLE sanctions_entities
  -- Partial ISO dates as the list gives them: ["1944"], ["1944-10-13"].
  ADD COLUMN birth_dates jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN first_seen timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN last_change timestamptz NOT NULL DEFAULT now();
