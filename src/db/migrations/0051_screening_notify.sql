-- New and renamed organisations are screened within seconds, whichever path wrote them (the API,
-- a table import, a tracing reply naming a new holder, the CLI): each statement that inserts
-- organisations or changes a name, aliases or country notifies the servers' automatic screening
-- (src/screening/auto.ts), which screens what is due. One notification per statement, not per row,
-- so a bulk import costs one.
CREATE FUNCTION screening_notify_organisations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('remnant_screening', TG_OP);
  RETURN NULL;
END $$;

CREATE TRIGGER organisations_screening_notify_insert AFTER INSERT ON organisations
  FOR EACH STATEMENT EXECUTE FUNCTION screening_notify_organisations();
CREATE TRIGGER organisations_screening_notify_update AFTER UPDATE OF name, aliases, country ON organisations
  FOR EACH STATEMENT EXECUTE FUNCTION screening_notify_organisations();
