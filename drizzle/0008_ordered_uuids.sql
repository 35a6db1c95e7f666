-- Version 7 UUIDs made by the server, for rows a statement inserts in numbers the application cannot know in
-- advance (one webhook delivery per subscribed endpoint, written in the same statement as the change). Like the
-- uuidv7 package in JavaScript they sort by time (delivery logs are listed newest first by id), and within one
-- millisecond by a counter: here a sequence, so the order holds across every process on the database.
-- Layout: 48-bit Unix time in ms, version 7, then 42 bits of the counter (12, the 2-bit variant, 2, 28), then 32
-- random bits.
CREATE SEQUENCE IF NOT EXISTS "vigil_uuidv7_counter" AS bigint;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "vigil_uuidv7"("at" timestamptz) RETURNS uuid
LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT (
    lpad(to_hex(floor(extract(epoch FROM "at") * 1000)::bigint), 12, '0')
    || '7' || lpad(to_hex((counter >> 30) & 4095), 3, '0')
    || to_hex(8 | ((counter >> 28) & 3)) || lpad(to_hex(counter & 268435455), 7, '0')
    || substr(replace(gen_random_uuid()::text, '-', ''), 1, 8)
  )::uuid
  FROM (SELECT nextval('vigil_uuidv7_counter') & 4398046511103 AS counter) AS next
$$;
