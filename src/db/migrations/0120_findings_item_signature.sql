-- Each item's similarity signature (issue 19): the part numbers and positions its components carry,
-- with their units, kept per item × component visibility × illustrative flag as three aligned arrays
-- (sorted by part key, then position). Item findings compare an item with its 20 likeliest twins;
-- reading their components cost about 10,000 heap rows per request at a million components, reading
-- their signatures costs 20 rows. Visibility and the illustrative flag are keys for the same reason
-- as in findings_item_summary (0026): each audience reads exactly its rows, and the few restricted
-- components a reader may see by grant are added row by row.
--
-- Why recounted rather than kept by deltas like the summary: a delta keeps one row per (part,
-- position) — about one per component, as boards carry a designator on every part — which would
-- triple the rows the import's trigger upserts. A statement recounts only the groups it touched,
-- from the components (index components_item): ~300 rows for an API write, one grouped pass for an
-- import.
CREATE TABLE findings_item_signature (
  item_id uuid NOT NULL,
  visibility visibility NOT NULL,
  illustrative boolean NOT NULL,
  part_keys text[] NOT NULL,
  -- NULL where the units carry no position.
  positions text[] NOT NULL,
  units bigint[] NOT NULL,
  PRIMARY KEY (item_id, visibility, illustrative)
);

-- The one home of what a signature holds: every group of the given items, counted afresh.
-- (A parameterised function rather than a view, so the item filter reaches the components index.)
CREATE FUNCTION remnant_item_signatures(item_ids uuid[])
  RETURNS TABLE (item_id uuid, visibility visibility, illustrative boolean, part_keys text[], positions text[], units bigint[])
  LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT f.item_id, f.visibility, f.illustrative,
         array_agg(f.part_key ORDER BY f.part_key, f.position), array_agg(f.position ORDER BY f.part_key, f.position),
         array_agg(f.units ORDER BY f.part_key, f.position)
    FROM (SELECT c.item_id, c.visibility, c.illustrative, c.part_key, c.position, sum(c.quantity)::bigint AS units
            FROM components c
           WHERE c.item_id = ANY (item_ids) AND c.part_key IS NOT NULL
           GROUP BY 1, 2, 3, 4, 5) f
   GROUP BY 1, 2, 3
$$;

-- After each statement on components: the groups (item, visibility, flag) its old and new rows
-- belong to are locked in key order — a placeholder row is upserted, so two writers to one item
-- queue on it — and only then recounted: the recount is a new statement, so under READ COMMITTED it
-- sees what a writer that held the lock before committed. Groups left without a part go.
CREATE FUNCTION remnant_signature_maintain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  items uuid[];
  groups text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT item_id), array_agg(DISTINCT item_id::text || '/' || visibility::text || '/' || illustrative::text)
      INTO items, groups FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT item_id), array_agg(DISTINCT item_id::text || '/' || visibility::text || '/' || illustrative::text)
      INTO items, groups FROM old_rows;
  ELSE
    SELECT array_agg(DISTINCT item_id), array_agg(DISTINCT item_id::text || '/' || visibility::text || '/' || illustrative::text)
      INTO items, groups FROM (SELECT item_id, visibility, illustrative FROM old_rows UNION ALL SELECT item_id, visibility, illustrative FROM new_rows) x;
  END IF;
  IF items IS NULL THEN RETURN NULL; END IF;
  INSERT INTO findings_item_signature AS s (item_id, visibility, illustrative, part_keys, positions, units)
  SELECT split_part(g, '/', 1)::uuid, split_part(g, '/', 2)::visibility, split_part(g, '/', 3)::boolean, '{}', '{}', '{}'
    FROM unnest(groups) g ORDER BY 1, 2, 3
  ON CONFLICT (item_id, visibility, illustrative) DO UPDATE SET part_keys = s.part_keys;
  UPDATE findings_item_signature s SET part_keys = r.part_keys, positions = r.positions, units = r.units
    FROM remnant_item_signatures(items) r
   WHERE s.item_id = r.item_id AND s.visibility = r.visibility AND s.illustrative = r.illustrative
     AND s.item_id::text || '/' || s.visibility::text || '/' || s.illustrative::text = ANY (groups);
  DELETE FROM findings_item_signature s
   WHERE s.item_id = ANY (items) AND s.item_id::text || '/' || s.visibility::text || '/' || s.illustrative::text = ANY (groups)
     AND NOT EXISTS (SELECT 1 FROM components c WHERE c.item_id = s.item_id AND c.visibility = s.visibility
                                                  AND c.illustrative = s.illustrative AND c.part_key IS NOT NULL);
  RETURN NULL;
END $$;

CREATE TRIGGER components_signature_insert AFTER INSERT ON components
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION remnant_signature_maintain();
CREATE TRIGGER components_signature_update AFTER UPDATE ON components
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION remnant_signature_maintain();
CREATE TRIGGER components_signature_delete AFTER DELETE ON components
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION remnant_signature_maintain();

CREATE FUNCTION remnant_signature_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM findings_item_signature;
  RETURN NULL;
END $$;
CREATE TRIGGER components_signature_truncate AFTER TRUNCATE ON components
  FOR EACH STATEMENT EXECUTE FUNCTION remnant_signature_truncate();

INSERT INTO findings_item_signature SELECT * FROM remnant_item_signatures(ARRAY(SELECT id FROM items));
