-- Whether a caller with a key sent the comment. A comment sent without one (anyone can write anyone's address)
-- counted towards its e-mail's and website's reputation from a moderator's approval on, for good: approved then
-- marked spam, it gave the address spam, where marked spam at once it gave nothing. It now counts only while a
-- moderator holds it approved, which needs to know how it was sent (src/moderation/learning.ts).
--
-- Null where it is not recorded: read as `identity_counted` says, which is false for every comment sent without a
-- key but those a moderator approved, and those stored before 0022. A release before this one still running
-- during a deploy stores null too, and is read right. Only those are written here, found by their intake's audit
-- row, which names no actor (a key or the admin token is named there): the column is added without rewriting
-- the table. The comments table is locked meanwhile (new comments and decisions wait): an index look-up per
-- comment whose e-mail counts, and a write per one found (about 50 s for 540 000 of a million comments on a
-- slow two-core VM; most sites have few: since 0022 only a moderator's approval makes a keyless one count).
SET LOCAL lock_timeout = '10s';--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "sent_with_key" boolean;--> statement-breakpoint
-- Those no longer approved stop counting, and the spam they gave their e-mail and website (an approval reversed,
-- or the engine's verdict on a comment stored before 0022) is taken back: a pending or rejected one counted
-- nothing. One pass over the rows it writes.
WITH "keyless" AS (
  UPDATE "comments" SET "sent_with_key" = false, "identity_counted" = ("status" = 'approved')
  WHERE "identity_counted" AND EXISTS (
    SELECT FROM "moderation_events" AS "event"
    WHERE "event"."site_id" = "comments"."site_id" AND "event"."comment_id" = "comments"."id"
      AND "event"."action" = 'submit' AND "event"."actor" IS NULL)
  RETURNING "site_id", "author_email_hash", "author_url_host", "status", "erased_at"),
"taken_back" AS (
  SELECT "site_id", "named"."subject", count(*)::integer AS "spam"
  FROM "keyless",
    LATERAL (VALUES ('e:' || "author_email_hash"), ('h:' || "author_url_host")) AS "named" ("subject")
  WHERE "status" = 'spam' AND "erased_at" IS NULL AND "named"."subject" IS NOT NULL
  GROUP BY "site_id", "named"."subject")
UPDATE "reputation" SET "spam" = greatest(0, "reputation"."spam" - "taken_back"."spam")
FROM "taken_back"
WHERE "reputation"."site_id" = "taken_back"."site_id" AND "reputation"."subject" = "taken_back"."subject";
