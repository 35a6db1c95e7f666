-- The key lists (a site's, and the admin keys: no site) are paged newest first by (created_at, id), a total order
-- so that keys made in the same millisecond are neither repeated nor skipped, and every revoked key stays listed
-- for the audit trail. The site index, on (site_id, created_at) only, left each page to sort its site's keys by id;
-- with id last, a page is one range scan (and it still leads with site_id, which deleting a site's keys looks them
-- up by). It never served the admin keys in order: `site_id is null` is no equality, so PostgreSQL read all of them
-- (or the whole table) and sorted them; a partial index of those alone does. Keys are few: both are built in the
-- migrations' transaction in a moment.
DROP INDEX "api_keys_site_idx";--> statement-breakpoint
CREATE INDEX "api_keys_admin_idx" ON "api_keys" USING btree ("created_at","id") WHERE site_id is null;--> statement-breakpoint
CREATE INDEX "api_keys_site_idx" ON "api_keys" USING btree ("site_id","created_at","id");