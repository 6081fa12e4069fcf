-- Time-ordered ids for the records an import creates (issue 7, docs/performance.md). A random
-- (version 4) id sends each new row's entries in the primary key and in the (created_at, id)
-- list indexes — created_at is one value for a whole import — to a random page, so a large
-- import touches, dirties and writes in full after each checkpoint most pages of those indexes;
-- ids in the UUIDv7 layout (RFC 9562: 48 bits of Unix milliseconds, version 7, 74 random bits)
-- append them at the right edge instead. PostgreSQL 18 has uuidv7(), PostgreSQL 15 does not: this
-- one is built from gen_random_uuid() (PostgreSQL 13+), keeping its variant bits and randomness
-- and overwriting the first 48 bits with the time and the version nibble with 7. Ids made within
-- one millisecond are not ordered among themselves. Plain SQL without FROM, so the planner
-- inlines it: one call costs about what gen_random_uuid() does.
CREATE FUNCTION remnant_uuid7() RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT encode(set_bit(set_bit(
           overlay(uuid_send(gen_random_uuid())
                   PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                   FROM 1 FOR 6),
           52, 1), 53, 1), 'hex')::uuid
$$;
