-- Whether a caller with a key sent the comment. A comment sent without one (anyone can write anyone's address)
-- counted towards its e-mail's and website's reputation from a moderator's approval on, for good: approved then
-- marked spam, it gave the address spam, where marked spam at once it gave nothing. It now counts only while a
-- moderator holds it approved, which needs to know how it was sent.
ALTER TABLE "comments" ADD COLUMN "sent_with_key" boolean DEFAULT true NOT NULL;--> statement-breakpoint
-- Sent without a key: those whose e-mail never counted, and those whose intake the audit trail records with no
-- actor (a key or the admin token is named there).
UPDATE "comments" SET "sent_with_key" = false
WHERE NOT "identity_counted" OR EXISTS (
  SELECT FROM "moderation_events" AS "event"
  WHERE "event"."site_id" = "comments"."site_id" AND "event"."comment_id" = "comments"."id"
    AND "event"."action" = 'submit' AND "event"."actor" IS NULL);--> statement-breakpoint
-- Those no longer approved stop counting: the spam they gave their e-mail and website (an approval reversed, or
-- the engine's verdict on a comment stored before 0022) is taken back. A pending or rejected one counted nothing.
WITH "stopped" AS (
  UPDATE "comments" SET "identity_counted" = false
  WHERE NOT "sent_with_key" AND "identity_counted" AND "status" <> 'approved' AND "erased_at" IS NULL
  RETURNING "site_id", "author_email_hash", "author_url_host", "status"),
"taken_back" AS (
  SELECT "site_id", "named"."subject", count(*)::integer AS "spam"
  FROM "stopped",
    LATERAL (VALUES ('e:' || "author_email_hash"), ('h:' || "author_url_host")) AS "named" ("subject")
  WHERE "status" = 'spam' AND "named"."subject" IS NOT NULL
  GROUP BY "site_id", "named"."subject")
UPDATE "reputation" SET "spam" = greatest(0, "reputation"."spam" - "taken_back"."spam")
FROM "taken_back"
WHERE "reputation"."site_id" = "taken_back"."site_id" AND "reputation"."subject" = "taken_back"."subject";
