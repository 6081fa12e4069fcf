-- Issue 24: names in both scripts, and search that finds them whichever script is typed.
--
-- Places, people and organisations carry a Ukrainian name beside the English one, and every list
-- search (src/evidence/store.ts whereListed) also matches a *name key*: the name transliterated
-- from Cyrillic by the Ukrainian national standard (KMU resolution 55 of 27 January 2010), then
-- folded so that the common other spellings meet it: Харків = Kharkiv = Kharkov = Charkov,
-- Запоріжжя = Zaporizhzhia = Zaporozhye, Болвінов = Bolvinov, Київ = Kyiv = Kiev.
--
-- These two functions are the one home of the rule; the query side calls the same function on
-- what was typed, so the record and the query can never be folded differently.

-- KMU 2010 Cyrillic → Latin, lower case. Word-initial є ї й ю я are ye yi y yu ya, elsewhere
-- ie i i iu ia; зг is zgh (so that it is not read as ж); ь and the apostrophe are dropped. The
-- Russian letters ё ы э ъ get their usual readings so that Russian spellings are keyed too.
-- Upper case is folded with translate(), not lower(): lower() of Cyrillic depends on the
-- database's collation, and an IMMUTABLE function may not.
CREATE FUNCTION remnant_translit_uk(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT translate(
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
      regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
        replace(
          regexp_replace(
            lower(translate(t, 'АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯЁЫЭЪ', 'абвгґдеєжзиіїйклмнопрстуфхцчшщьюяёыэъ')),
            '([а-яёіїєґ])[''ʼ’]', '\1', 'g'),
          'зг', 'zgh'),
        '(^|[^а-яёіїєґ])є', '\1ye', 'g'),
        '(^|[^а-яёіїєґ])ї', '\1yi', 'g'),
        '(^|[^а-яёіїєґ])й', '\1y', 'g'),
        '(^|[^а-яёіїєґ])ю', '\1yu', 'g'),
        '(^|[^а-яёіїєґ])я', '\1ya', 'g'),
      'щ', 'shch'), 'ж', 'zh'), 'х', 'kh'), 'ц', 'ts'), 'ч', 'ch'), 'ш', 'sh'),
      'є', 'ie'), 'ї', 'i'), 'й', 'i'), 'ю', 'iu'), 'я', 'ia'), 'ё', 'yo'), 'ь', ''), 'ъ', ''),
    'абвгґдезиіклмнопрстуфыэ', 'abvhgdezyiklmnoprstufye')
$$;

-- The name key of each word: transliterated, digraphs and letters that spellings swap folded
-- (kh/h/g, zh/z, ch/c, sh/s, ts/c, w/v, j), vowels dropped (Kharkiv and Kharkov differ only there)
-- and doubled letters made single (Zaporizhzhia, Zaporozhye). Words whose key is shorter than two
-- letters are left out: they would match far too much.
CREATE FUNCTION remnant_name_keys(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT coalesce(string_agg(k, ' '), '')
    FROM (
      SELECT regexp_replace(
               regexp_replace(
                 translate(
                   replace(replace(replace(replace(replace(replace(w, 'shch', 's'), 'kh', 'h'), 'zh', 'z'), 'ch', 'c'), 'sh', 's'), 'ts', 'c'),
                   'gwjqxäöüéèčšžłńśćźżáíóú', 'hv_kkaoueecszlnsczzaiou'),
                 '[aeiouy_]', '', 'g'),
               '([a-z])\1+', '\1', 'g') AS k
        FROM regexp_split_to_table(remnant_translit_uk(t), '[^a-z0-9äöüéèčšžłńśćźżáíóú]+') AS w
    ) keys
   WHERE length(k) >= 2
$$;

ALTER TABLE incidents ADD COLUMN place_name_uk text CHECK (length(place_name_uk) <= 500);
ALTER TABLE items ADD COLUMN recovered_place_uk text CHECK (length(recovered_place_uk) <= 500);
ALTER TABLE claims
  ADD COLUMN speaker_uk text CHECK (length(speaker_uk) <= 500),
  ADD COLUMN place_uk text CHECK (length(place_uk) <= 500);
ALTER TABLE organisations ADD COLUMN name_uk text CHECK (length(name_uk) <= 500);

-- Only names are keyed (not titles or descriptions): a vowel-less key of ordinary words would
-- match unrelated ones.
ALTER TABLE incidents ADD COLUMN name_keys tsvector GENERATED ALWAYS AS (to_tsvector('simple',
  remnant_name_keys(coalesce(place_name, '') || ' ' || coalesce(place_name_uk, '')))) STORED;
ALTER TABLE items ADD COLUMN name_keys tsvector GENERATED ALWAYS AS (to_tsvector('simple',
  remnant_name_keys(coalesce(recovered_place, '') || ' ' || coalesce(recovered_place_uk, '')))) STORED;
ALTER TABLE claims ADD COLUMN name_keys tsvector GENERATED ALWAYS AS (to_tsvector('simple',
  remnant_name_keys(coalesce(speaker, '') || ' ' || coalesce(speaker_uk, '') || ' ' || coalesce(place, '') || ' ' || coalesce(place_uk, '')))) STORED;
ALTER TABLE organisations ADD COLUMN name_keys tsvector GENERATED ALWAYS AS (to_tsvector('simple',
  remnant_name_keys(name || ' ' || coalesce(name_uk, '') || ' ' || remnant_join(aliases)))) STORED;

CREATE INDEX incidents_name_keys ON incidents USING gin (name_keys);
CREATE INDEX items_name_keys ON items USING gin (name_keys);
CREATE INDEX claims_name_keys ON claims USING gin (name_keys);
CREATE INDEX organisations_name_keys ON organisations USING gin (name_keys);
