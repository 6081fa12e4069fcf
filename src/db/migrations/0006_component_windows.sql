-- What a component's stored production window means (issue 15). The window in force is the best
-- reading's first window, never an envelope of readings; when the date word had other surviving
-- readings and no person has decided between them, the window is `ambiguous` and the span of all
-- of them is kept beside it (`envelope_from`/`envelope_to`), so findings can be computed as
-- suggested or conservatively without reading the stored proposal of every component. The
-- alternatives themselves live once per distinct proposal in `component_suggestions` (0003).
-- Three narrow columns: ~9 bytes a row, nothing for a row whose window is not ambiguous.
ALTER TABLE components
  ADD COLUMN ambiguous boolean NOT NULL DEFAULT false,
  ADD COLUMN envelope_from date,
  ADD COLUMN envelope_to date,
  ADD CONSTRAINT components_envelope_check CHECK (
    (NOT ambiguous AND envelope_from IS NULL AND envelope_to IS NULL) OR (ambiguous AND envelope_to >= envelope_from));

-- The one rule for finding the organisation an engine-suggested maker name means: its name or an
-- alias, case-insensitive, manufacturers first, then the oldest. The API's writes and the bulk
-- import both call it (they had two spellings of it: exact alias match in one, lower-case in the other).
CREATE FUNCTION remnant_maker_for(maker_name text) RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT o.id FROM organisations o
   WHERE lower(o.name) = lower(maker_name) OR EXISTS (SELECT 1 FROM unnest(o.aliases) a WHERE lower(a) = lower(maker_name))
   ORDER BY o.kind = 'manufacturer' DESC, o.created_at, o.id
   LIMIT 1
$$;
