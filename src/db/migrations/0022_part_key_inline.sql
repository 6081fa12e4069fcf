-- remnant_part_key (0020) was declared STRICT around a regular expression: PostgreSQL cannot inline
-- such a function, so every row paid a SQL-function call plus a regex (~28 µs; half a minute over a
-- million components). Same meaning, written so the planner inlines it: translate() drops the
-- separator characters one by one, which is what the regex did, at a fraction of the cost.
-- Must match normalisePartNumber() in src/findings/similarity.ts.
CREATE OR REPLACE FUNCTION remnant_part_key(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT nullif(upper(translate($1, E' \t\n\r\f\v-_/.', '')), '') $$;
REINDEX INDEX components_part_key;
