-- Change counters for HTTP caching of public reads (issue 19). A public GET answers with an ETag
-- made of the counters of the tables it reads; a repeated request whose If-None-Match still holds
-- is answered 304 after reading these few rows, without touching the records.
--
-- A counter moves in the same transaction as the write (a statement-level trigger), so it becomes
-- visible together with the rows: a reader that sees the old counter cannot have seen new rows
-- that would go unnoticed. It moves once per writing transaction and table (a transaction-local
-- setting remembers it), and is spread over 16 rows picked by transaction id, so two concurrent
-- writers to one table rarely wait on the same counter row until commit. The tag is their sum.
CREATE TABLE change_counters (
  table_name text NOT NULL,
  shard smallint NOT NULL,
  n bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (table_name, shard)
);

CREATE FUNCTION remnant_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  seen text := 'remnant.changed_' || TG_TABLE_NAME;
  tx text := txid_current()::text;
BEGIN
  IF current_setting(seen, true) IS DISTINCT FROM tx THEN
    INSERT INTO change_counters AS c (table_name, shard, n) VALUES (TG_TABLE_NAME, (txid_current() % 16)::smallint, 1)
      ON CONFLICT (table_name, shard) DO UPDATE SET n = c.n + 1;
    PERFORM set_config(seen, tx, true);
  END IF;
  RETURN NULL;
END $$;

-- The tables the public evidence routes read (each resource's table and its link tables).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['components', 'items', 'incidents', 'organisations', 'sources', 'claims', 'custody_events',
                           'incident_sources', 'incident_claims', 'cases', 'case_incidents', 'case_items', 'case_sources', 'case_claims'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION remnant_count_change()',
                   t || '_count_change', t);
  END LOOP;
END $$;
