-- The hourly clearing of raw IPs, user agents and referrers past IP_RETENTION_DAYS read, by the site's index of
-- comments by date, every comment older than the cutoff, cleared long ago or not: a site's whole history, every
-- hour. Only the comments still holding such details are in this index (HOLDS_READER_DETAILS in src/db/schema.ts,
-- which the purge repeats word for word), and a comment leaves it once cleared. Built in the migrations'
-- transaction, not CONCURRENTLY: new comments wait while it reads the table once (about a second per million
-- comments); it then holds only the last IP_RETENTION_DAYS of them.
CREATE INDEX "comments_ip_retained_idx" ON "comments" USING btree ("site_id","created_at","id") WHERE (ip is not null or user_agent is not null or referrer is not null or extra @? '$.keyvalue() ? (@.key like_regex "^(REDIRECT_)*(HTTP_|REMOTE_|GEOIP_|MMDB_)" || @.key == "user_ip" || @.key == "comment_author_IP" || @.key == "comment_agent")');