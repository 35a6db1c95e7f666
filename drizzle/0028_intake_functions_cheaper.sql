-- vigil_uuidv7 (0008) again, the same ids, in PL/pgSQL instead of SQL. A SQL function that is not inlined (this
-- one reads its counter once and uses it three times, so it cannot be) is parsed and planned again by every
-- statement that calls it: each webhook delivery written with a new comment or a decision paid about 0.27 ms of
-- PostgreSQL's time for its id. PL/pgSQL keeps its plans for the session: about 0.08 ms (pgbench, one prepared
-- `select vigil_uuidv7(now())` at a time, against 0.04 ms for `select now()`).
CREATE OR REPLACE FUNCTION "vigil_uuidv7"("at" timestamptz) RETURNS uuid
LANGUAGE plpgsql VOLATILE PARALLEL SAFE AS $$
DECLARE
  counter bigint := nextval('vigil_uuidv7_counter') & 4398046511103;
BEGIN
  RETURN (
    lpad(to_hex(floor(extract(epoch FROM "at") * 1000)::bigint), 12, '0')
    || '7' || lpad(to_hex((counter >> 30) & 4095), 3, '0')
    || to_hex(8 | ((counter >> 28) & 3)) || lpad(to_hex(counter & 268435455), 7, '0')
    || substr(replace(gen_random_uuid()::text, '-', ''), 1, 8)
  )::uuid;
END
$$;
--> statement-breakpoint
-- vigil_near_duplicate_candidates (0012) again, answering at once for a text too short to sketch: its null bands
-- match nothing, yet it walked the site's latest 200 comments to find that out (0.35-0.58 ms of a submission's
-- 0.6-1.0 ms read under load).
CREATE OR REPLACE FUNCTION "vigil_near_duplicate_candidates"(
  "site" text, "since" timestamptz, "candidates" integer, "exact_content" text, "bands" integer[]
)
RETURNS TABLE ("sketch" integer[])
LANGUAGE plpgsql STABLE
SET enable_bitmapscan = off
SET enable_sort = off
AS $$
BEGIN
  IF "bands" IS NULL OR cardinality("bands") = 0 THEN
    RETURN;
  END IF;
  RETURN QUERY
    SELECT latest.near_duplicate_sketch
    FROM (
      SELECT c.near_duplicate_sketch, c.near_duplicate_bands, c.content_hash
      FROM comments AS c
      WHERE c.site_id = "site" AND c.created_at > "since"
      ORDER BY c.created_at DESC, c.id DESC
      LIMIT "candidates"
    ) AS latest
    WHERE latest.content_hash <> "exact_content" AND latest.near_duplicate_bands && "bands";
END
$$;
