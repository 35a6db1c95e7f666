-- The near-duplicate candidates of a new comment (intake's context read, src/moderation/facts.ts): the sketches of
-- the site's latest `candidates` comments since a time that share a band with the new text and not its exact
-- content. The only good way to find the latest is comments_recent_idx backwards, stopping after `candidates`
-- rows. Vigil's plans are generic (src/db/client.ts), estimated from the table's average site, and the window's
-- condition is guessed to keep a third of that: on a database of many small sites, the planner expected fewer
-- rows than the limit and chose to read every comment of the window (a bitmap scan) and sort them. For the one
-- large site that meant thousands of rows on every submission: 3.4 ms instead of 0.2 on a site with 3 000
-- comments in the window, and more as it grows. The settings below leave the planner no other way than the
-- ordered index scan. PL/pgSQL keeps the plan for the session, where an SQL function with settings would be
-- planned again on every call; the filter runs inside, so only the few sketches that may match are handed back.
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
$$;
