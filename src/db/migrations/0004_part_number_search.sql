-- Substring and typo search on part numbers (`ILIKE '%q%'`, word similarity) used a trigram GIN
-- index over every component's part number. Part numbers repeat (a few thousand distinct among a
-- million components), and that index was the costliest to keep up on bulk loads: a COPY of 200k
-- components took 20.8 s with it and 12.3 s without (docs/performance.md). The trigram index is
-- now over each distinct part number once; a search finds the matching part numbers there and the
-- components through their part key (index components_part_key). See componentPartNumberMatch in
-- src/evidence/components.ts.
CREATE TABLE component_part_numbers (part_number text PRIMARY KEY);
INSERT INTO component_part_numbers (part_number) SELECT DISTINCT part_number FROM components WHERE part_number IS NOT NULL;
CREATE INDEX component_part_numbers_trgm ON component_part_numbers USING gin (part_number gin_trgm_ops);
DROP INDEX components_part_trgm;

-- Kept up per statement, from the rows it wrote, so that a bulk load pays once: every write path
-- (API, import, synthetic loads) is covered. Part numbers no component has any more stay; they only
-- cost a row, and a search through them finds nothing.
CREATE FUNCTION remnant_note_part_numbers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO component_part_numbers (part_number)
    SELECT DISTINCT part_number FROM written WHERE part_number IS NOT NULL
    ON CONFLICT (part_number) DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER components_part_numbers_insert AFTER INSERT ON components
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION remnant_note_part_numbers();
CREATE TRIGGER components_part_numbers_update AFTER UPDATE ON components
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION remnant_note_part_numbers();
