-- Transfer: saved import mappings. A profile remembers how one kind of spreadsheet (e.g. "RUSI
-- component tables") maps onto a resource, so that the next file of that kind imports without
-- re-doing the mapping.

CREATE TABLE import_profiles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  resource text NOT NULL CHECK (resource IN ('organisations', 'sources', 'claims', 'incidents', 'items', 'components')),
  -- field name -> header text as written in the file (null: do not import this field)
  mapping jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(mapping) = 'object'),
  -- field name -> value used when the file has no such column or the cell is empty
  defaults jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(defaults) = 'object'),
  -- reader options: delimiter, encoding, sheet, header row
  options jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(options) = 'object'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  updated_by uuid NOT NULL REFERENCES users (id)
);
-- Profiles are chosen by name on the command line, so a name means one profile.
CREATE UNIQUE INDEX import_profiles_name ON import_profiles (lower(name));
CREATE TRIGGER import_profiles_touch BEFORE UPDATE ON import_profiles FOR EACH ROW EXECUTE FUNCTION remnant_touch();
