-- Two migrations were changed after they were committed, and a database migrated with their first texts kept
-- what those created (a migration runs once, by its date): intake failed on every comment after 0012's change,
-- and 0014's change moved its date, so that it ran a second time and failed every start. 0014 has its first date
-- back; this brings both kinds of database to the schema of a new one, and changes nothing on a new one.
SET LOCAL lock_timeout = '10s';--> statement-breakpoint
-- 0012 first created vigil_recent_sketches (4a80d6a, to d74ef00); intake calls vigil_near_duplicate_candidates,
-- as 0012 creates it now (see there).
CREATE OR REPLACE FUNCTION "vigil_near_duplicate_candidates"(
  "site" text, "since" timestamptz, "candidates" integer, "exact_content" text, "bands" integer[]
)
RETURNS TABLE ("sketch" integer[])
LANGUAGE plpgsql STABLE
SET enable_bitmapscan = off
SET enable_sort = off
AS $$
BEGIN
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
$$;--> statement-breakpoint
DROP FUNCTION IF EXISTS "vigil_recent_sketches"(text, timestamptz, integer);--> statement-breakpoint
-- 0014 first named the attempts' index webhook_attempts_delivery_idx (aeb3920, to 1a91137).
CREATE INDEX IF NOT EXISTS "webhook_attempts_delivery_attempt_idx" ON "webhook_attempts" USING btree ("delivery_id","attempt");--> statement-breakpoint
DROP INDEX IF EXISTS "webhook_attempts_delivery_idx";
