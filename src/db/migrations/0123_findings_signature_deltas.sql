-- The similarity signature (migration 0120) kept by deltas, like the summary (0026): a statement's
-- changed rows are summed per (group, part key, position) — +quantity for new rows, −quantity for
-- old — and merged into each touched group's arrays, instead of recounting the group from its
-- components (~300 heap rows per API write; an import re-read every row it had just written).
-- Measured before this (bench findings-write, load 15–23): API writes 1.47× and the import 0.63×
-- of the same writes without the findings triggers. Quantities are at least 1 (components CHECK),
-- so a (part key, position) whose units sum to 0 has no row left and goes; a group left empty goes.
-- Groups are locked in key order first (placeholder upsert), and the merge is a new statement, so
-- under READ COMMITTED it reads what a writer that held the lock before committed.
CREATE OR REPLACE FUNCTION remnant_signature_maintain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d_item uuid[]; d_vis visibility[]; d_ill boolean[]; d_pk text[]; d_pos text[]; d_q bigint[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(item_id), array_agg(visibility), array_agg(illustrative), array_agg(part_key), array_agg(position), array_agg(q)
      INTO d_item, d_vis, d_ill, d_pk, d_pos, d_q
      FROM (SELECT item_id, visibility, illustrative, part_key, position, sum(quantity)::bigint AS q
              FROM new_rows WHERE part_key IS NOT NULL GROUP BY 1, 2, 3, 4, 5) x;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(item_id), array_agg(visibility), array_agg(illustrative), array_agg(part_key), array_agg(position), array_agg(q)
      INTO d_item, d_vis, d_ill, d_pk, d_pos, d_q
      FROM (SELECT item_id, visibility, illustrative, part_key, position, -sum(quantity)::bigint AS q
              FROM old_rows WHERE part_key IS NOT NULL GROUP BY 1, 2, 3, 4, 5) x;
  ELSE
    -- Rows whose signature columns did not change cancel out (+q − q).
    SELECT array_agg(item_id), array_agg(visibility), array_agg(illustrative), array_agg(part_key), array_agg(position), array_agg(q)
      INTO d_item, d_vis, d_ill, d_pk, d_pos, d_q
      FROM (SELECT item_id, visibility, illustrative, part_key, position, sum(q)::bigint AS q
              FROM (SELECT item_id, visibility, illustrative, part_key, position, quantity AS q FROM new_rows WHERE part_key IS NOT NULL
                    UNION ALL
                    SELECT item_id, visibility, illustrative, part_key, position, -quantity FROM old_rows WHERE part_key IS NOT NULL) u
             GROUP BY 1, 2, 3, 4, 5 HAVING sum(q) <> 0) x;
  END IF;
  IF d_item IS NULL THEN RETURN NULL; END IF;
  INSERT INTO findings_item_signature AS s (item_id, visibility, illustrative, part_keys, positions, units)
  SELECT DISTINCT g.item_id, g.visibility, g.illustrative, '{}'::text[], '{}'::text[], '{}'::bigint[]
    FROM unnest(d_item, d_vis, d_ill) g (item_id, visibility, illustrative) ORDER BY 1, 2, 3
  ON CONFLICT (item_id, visibility, illustrative) DO UPDATE SET part_keys = s.part_keys;
  UPDATE findings_item_signature s SET part_keys = m.part_keys, positions = m.positions, units = m.units
    FROM (SELECT e.item_id, e.visibility, e.illustrative, array_agg(e.part_key ORDER BY e.part_key, e.position) AS part_keys,
                 array_agg(e.position ORDER BY e.part_key, e.position) AS positions, array_agg(e.units ORDER BY e.part_key, e.position) AS units
            FROM (SELECT z.item_id, z.visibility, z.illustrative, z.part_key, z.position, sum(z.units)::bigint AS units
                    FROM (SELECT o.item_id, o.visibility, o.illustrative, k.part_key, k.position, k.units
                            FROM findings_item_signature o
                            JOIN (SELECT DISTINCT item_id, visibility, illustrative FROM unnest(d_item, d_vis, d_ill) x (item_id, visibility, illustrative)) g
                              ON g.item_id = o.item_id AND g.visibility = o.visibility AND g.illustrative = o.illustrative
                           CROSS JOIN LATERAL unnest(o.part_keys, o.positions, o.units) k (part_key, position, units)
                          UNION ALL
                          SELECT * FROM unnest(d_item, d_vis, d_ill, d_pk, d_pos, d_q)) z (item_id, visibility, illustrative, part_key, position, units)
                   GROUP BY 1, 2, 3, 4, 5 HAVING sum(z.units) <> 0) e
           GROUP BY 1, 2, 3) m
   WHERE s.item_id = m.item_id AND s.visibility = m.visibility AND s.illustrative = m.illustrative;
  -- A group whose every part went keeps its old arrays above (nothing to aggregate): it goes here.
  DELETE FROM findings_item_signature s
   USING (SELECT DISTINCT item_id, visibility, illustrative FROM unnest(d_item, d_vis, d_ill) x (item_id, visibility, illustrative)) g
   WHERE s.item_id = g.item_id AND s.visibility = g.visibility AND s.illustrative = g.illustrative
     AND NOT EXISTS (SELECT 1 FROM components c WHERE c.item_id = s.item_id AND c.visibility = s.visibility
                                                  AND c.illustrative = s.illustrative AND c.part_key IS NOT NULL);
  RETURN NULL;
END $$;
