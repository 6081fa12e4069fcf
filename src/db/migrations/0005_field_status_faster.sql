-- remnant_field_status (0003) rebuilt a component's field-status document with an aggregate over
-- the ten derived fields: ~60 µs a row, a third of the time of an export of components. The same
-- document from a loop: ~23 µs (200k imported rows: 12.6 s → 4.5 s, every result identical).
-- Keys of field_status_extra that are not derived fields travel as they are.
CREATE OR REPLACE FUNCTION remnant_field_status(extra jsonb, suggested_at timestamptz, confirmed smallint, confirmed_by uuid, confirmed_at timestamptz)
  RETURNS jsonb LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
  fields text[] := remnant_derived_fields();
  doc jsonb;
  conf jsonb;
  sug jsonb;
  e jsonb;
BEGIN
  IF confirmed <> 0 THEN
    conf := jsonb_build_object('state', 'confirmed', 'by', confirmed_by, 'at', remnant_iso(confirmed_at));
  END IF;
  IF suggested_at IS NOT NULL THEN
    sug := jsonb_build_object('state', 'suggested', 'by', NULL, 'at', remnant_iso(suggested_at));
  END IF;
  -- Keys that are not derived fields travel as they are.
  doc := CASE WHEN extra = '{}'::jsonb THEN '{}'::jsonb ELSE extra - fields END;
  FOR i IN 1 .. 10 LOOP
    IF extra ? fields[i] THEN
      e := nullif(extra -> fields[i], 'null'::jsonb);
    ELSIF (confirmed::int >> (i - 1)) & 1 = 1 THEN
      e := conf;
    ELSE
      e := sug;
    END IF;
    IF e IS NOT NULL THEN
      doc := doc || jsonb_build_object(fields[i], e);
    END IF;
  END LOOP;
  RETURN doc;
END $$;
