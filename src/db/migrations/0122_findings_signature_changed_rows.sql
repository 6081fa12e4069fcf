-- The similarity signature's trigger (migration 0120) recounted the groups of every updated row,
-- about 8 ms per single-row UPDATE at load 15 — doubling the API's write cost (bench
-- findings-write: 71 vs 35 ms). An UPDATE now recounts only the groups of rows whose signature
-- columns (item, visibility, illustrative flag, part key, position, quantity) changed; old and new
-- rows pair by id (a row whose id changed pairs with nothing and counts as changed).
CREATE OR REPLACE FUNCTION remnant_signature_maintain() RETURNS trigger LANGUAGE plpgsql AS $$
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
    -- Only rows whose signature columns changed touch a group: a maker, window or status edit
    -- (most API writes) recounts nothing.
    SELECT array_agg(DISTINCT item_id), array_agg(DISTINCT item_id::text || '/' || visibility::text || '/' || illustrative::text)
      INTO items, groups
      FROM (SELECT x.item_id, x.visibility, x.illustrative
              FROM old_rows o FULL JOIN new_rows n ON n.id = o.id
             CROSS JOIN LATERAL (VALUES (o.item_id, o.visibility, o.illustrative), (n.item_id, n.visibility, n.illustrative)) x (item_id, visibility, illustrative)
             WHERE (o.item_id, o.visibility, o.illustrative, o.part_key, o.position, o.quantity)
                   IS DISTINCT FROM (n.item_id, n.visibility, n.illustrative, n.part_key, n.position, n.quantity)
               AND x.item_id IS NOT NULL) x;
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
