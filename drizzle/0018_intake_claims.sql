-- Intake reads what is stored (re-posts, identical copies, the sender's recent comments), scores in the server,
-- then stores in a second statement (src/moderation/store-comment.ts). Two submissions alike arriving together
-- (a double click, a client's retry, a burst from one address) both read before either had committed, and both
-- were stored as if alone: two copies of one comment, a flood let through. The store statement calls this first.
-- It waits, until the storing transaction ends, for any other storing a comment with the same text, IP or e-mail
-- (advisory locks, keys in ascending order so two stores sharing several never wait in a circle; a hash
-- collision only makes unrelated stores wait), then counts again what intake counted when it read. VOLATILE: in
-- READ COMMITTED each of its queries takes a fresh snapshot, so it sees a store that committed while this one
-- waited, which the calling statement's snapshot cannot. A count that moved means the verdict was reached on
-- stale facts: the function answers false, nothing is stored, and intake reads and scores again.
-- Counts only move when something alike was stored or deleted meanwhile, so the common case is a lock taken at
-- once and two index look-ups, inside the statement that stores anyway: no extra round trip, no transaction.
CREATE OR REPLACE FUNCTION "vigil_claim_intake"(
  "for_site" text, "same_text" text, "same_ip" text, "same_email" text,
  "window_start" timestamptz, "hour_ago" timestamptz, "seen_identical" bigint, "seen_from_sender" bigint
)
RETURNS boolean
LANGUAGE plpgsql VOLATILE
AS $$
BEGIN
  -- 1986488686 is "vgin": the class of intake's advisory locks.
  PERFORM pg_advisory_xact_lock(1986488686, ordered.key)
  FROM (
    SELECT DISTINCT hashtext("for_site" || ':' || subject) AS key
    FROM unnest(ARRAY['c:' || "same_text", 'i:' || "same_ip", 'e:' || "same_email"]) AS subject
    WHERE subject IS NOT NULL
    ORDER BY key
  ) AS ordered;
  IF "seen_identical" IS NULL THEN
    RETURN true;
  END IF;
  RETURN (
    SELECT count(*) FROM comments
    WHERE site_id = "for_site" AND content_hash = "same_text" AND created_at > "window_start"
  ) = "seen_identical" AND (
    SELECT count(*) FROM comments
    WHERE site_id = "for_site" AND created_at > "hour_ago" AND (ip_hash = "same_ip" OR author_email_hash = "same_email")
  ) = "seen_from_sender";
END
$$;
