-- The near-duplicate sketches of a site's latest comments since a time, newest first, at most `candidates` of
-- them (intake's context read, src/moderation/facts.ts). The only good way to read them is comments_recent_idx
-- backwards, stopping after `candidates` rows. Vigil's plans are generic (src/db/client.ts), estimated from the
-- table's average site, and the window's condition is guessed to keep a third of that: on a database of many
-- small sites, the planner expected fewer rows than the limit and chose to read every comment of the window
-- (a bitmap scan) and sort them. For the one large site that meant thousands of rows on every submission:
-- 3.4 ms instead of 0.2 on a site with 3 000 comments in the window, and more as it grows. The settings below
-- leave the planner no other way than the ordered index scan. PL/pgSQL keeps the plan for the session, where an
-- SQL function with settings would be planned again on every call.
CREATE OR REPLACE FUNCTION "vigil_recent_sketches"("site" text, "since" timestamptz, "candidates" integer)
RETURNS TABLE ("sketch" integer[], "bands" integer[], "hash" text)
LANGUAGE plpgsql STABLE
SET enable_bitmapscan = off
SET enable_sort = off
AS $$
BEGIN
  RETURN QUERY
    SELECT c.near_duplicate_sketch, c.near_duplicate_bands, c.content_hash
    FROM comments AS c
    WHERE c.site_id = "site" AND c.created_at > "since"
    ORDER BY c.created_at DESC, c.id DESC
    LIMIT "candidates";
END
$$;
