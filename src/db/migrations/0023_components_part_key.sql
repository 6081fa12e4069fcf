-- The part key (remnant_part_key of the part number) stored once per component instead of
-- computed on every read: findings group a case's components by it and the similar-items search
-- looks it up. Computing it per row cost ~4 µs — seconds over a million components on every
-- dashboard load; stored, it costs that once, at write time.
ALTER TABLE components ADD COLUMN part_key text GENERATED ALWAYS AS (remnant_part_key(part_number)) STORED;
-- (part_key, item_id): the similar-items search reads a bounded number of items per part key in
-- item order straight off this index.
DROP INDEX components_part_key;
CREATE INDEX components_part_key ON components (part_key, item_id);
