-- An erasure, and each batch of the retention purge, deletes the webhook events that carried its comments, found
-- by the comment's id in the payload. No index named it: each deletion read every event of the log (a sequential
-- scan of all sites' events, 50 000 of them in 34 ms, with the site's index no better for a busy site). Built in the
-- migrations' transaction, not CONCURRENTLY: new events wait meanwhile, about a second per million events (the log
-- keeps WEBHOOK_LOG_RETENTION_DAYS of them).
CREATE INDEX "webhook_events_comment_idx" ON "webhook_events" USING btree ("site_id",("payload"->'data'->'comment'->>'id'));