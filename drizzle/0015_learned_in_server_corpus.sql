-- Which corpora a learned comment taught: until now, the site's and the server's, always (SHARED_LEARNING was on
-- or did not exist yet), so every existing row reads true. The default is given while the column is added (no
-- table rewrite: rows store none, PostgreSQL answers the default for them) and dropped at once, so rows written
-- from now on hold null until a decision teaches them.
ALTER TABLE "comments" ADD COLUMN "learned_in_server_corpus" boolean DEFAULT true;--> statement-breakpoint
ALTER TABLE "comments" ALTER COLUMN "learned_in_server_corpus" DROP DEFAULT;
