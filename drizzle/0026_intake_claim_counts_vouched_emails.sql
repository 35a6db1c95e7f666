-- The store's claim (0018) counts again what intake counted when it read, and stores nothing when the two differ.
-- Since 0022 intake counts the sender's comments by IP, or by e-mail only where someone vouched for it
-- (identity_counted: sent with a key, or approved by a moderator), while the claim still counted every comment
-- under the e-mail. For a reader whose e-mail a stranger had used in the last hour the counts never agreed: each
-- submission was read and judged three times, and the third stored without a claim, so a double click stored two
-- comments and a burst was not refused as a flood. The claim now counts as intake reads (src/moderation/facts.ts).
-- Same signature: the store statement of a release before this one calls it unchanged.
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
    WHERE site_id = "for_site" AND created_at > "hour_ago"
      AND (ip_hash = "same_ip" OR (author_email_hash = "same_email" AND identity_counted))
  ) = "seen_from_sender";
END
$$;
