-- Deleting deliveries (pruning the log, deleting an endpoint) cascades to their attempts by delivery_id, and
-- deleting an endpoint to its deliveries by endpoint_id. No index was led by either column (the attempts' was led
-- by site_id), so each cascade read the whole table: 24 s to prune 1 000 events with 300 000 attempts. The
-- attempts' index is now led by the delivery (the log's queries, scoped by site, check the site on the row).
-- Migrations run in one transaction, so the builds cannot be CONCURRENTLY: while they run (about a second per
-- million rows), webhook attempts and new deliveries wait. The old index is dropped last, so that its exclusive
-- lock is held for the least time.
CREATE INDEX "webhook_attempts_delivery_attempt_idx" ON "webhook_attempts" USING btree ("delivery_id","attempt");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_endpoint_fk_idx" ON "webhook_deliveries" USING btree ("endpoint_id");--> statement-breakpoint
-- Deliveries waiting for an endpoint that is turned off are paused (no due time), out of the dispatchers' index
-- until the endpoint is turned on again, instead of being read past by every claim.
UPDATE "webhook_deliveries" d SET "next_attempt_at" = NULL
FROM "webhook_endpoints" e
WHERE e."id" = d."endpoint_id" AND NOT e."enabled" AND d."state" = 'pending';--> statement-breakpoint
DROP INDEX "webhook_attempts_delivery_idx";
