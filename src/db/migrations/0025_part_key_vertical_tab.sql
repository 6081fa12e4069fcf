-- remnant_part_key (0022) wrote the vertical tab as E'\v', an escape PostgreSQL 15 and earlier do
-- not know: there it is a plain "v", so translate() dropped every lower-case v from a part number
-- ("bav99" keyed as BA99, "bzx84c3v3" as BZX84C33) while TypeScript's normalisePartNumber() kept
-- it. \x0B is the same character in every version. test/findings/part-key.test.ts runs both sides
-- over the same inputs on both database setups CI uses.
CREATE OR REPLACE FUNCTION remnant_part_key(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT nullif(upper(translate($1, E' \t\n\r\f\x0B-_/.', '')), '') $$;
-- The stored key (0023) was computed with the old function: recompute it where it could differ.
UPDATE components SET part_number = part_number WHERE part_number LIKE '%v%';
