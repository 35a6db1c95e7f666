-- Releases before 2158a46 cleared a comment's raw IP, user agent and referrer past IP_RETENTION_DAYS, and of what
-- an Akismet client forwarded only the Apache-style keys (HTTP_..., REMOTE_...) and three exact names: what
-- clients forward under other names and in other letter cases (x-forwarded-for, user-agent, submit_referer...)
-- stayed, and the comment, holding no raw IP any more, left the index the hourly clearing reads
-- (comments_ip_retained_idx), so no later run took them. This takes them now, with the keys the clearing takes
-- (src/privacy/clear-ips.ts). A comment with a forwarded field and no raw IP is one of those: a comment-check
-- always names the reader's address, and a reader's erasure empties the whole field. Rows only: comments keep
-- being written while it reads the table (about 15 s per million comments on a slow two-core VM).
SET LOCAL lock_timeout = '10s';--> statement-breakpoint
UPDATE "comments" SET "extra" = (
  SELECT coalesce(jsonb_object_agg(key, value), '{}'::jsonb) FROM jsonb_each("extra")
  WHERE NOT (replace(lower(key), '-', '_') ~ '^((redirect_)*(http_|remote_|geoip_|mmdb_)|user_ip$|comment_author_ip$|comment_agent$|user_agent$|(submit_)?referr?er$|submit_uri$)'
    OR replace(lower(key), '-', '_') ~ '(forwarded|client_?ip|real_?ip|remote_?addr|true_client|cf_connecting)')
)
WHERE "ip" IS NULL AND "user_agent" IS NULL AND "referrer" IS NULL AND jsonb_typeof("extra") = 'object'
  AND EXISTS (
    SELECT FROM jsonb_object_keys(CASE WHEN jsonb_typeof("extra") = 'object' THEN "extra" END) AS key
    WHERE replace(lower(key), '-', '_') ~ '^((redirect_)*(http_|remote_|geoip_|mmdb_)|user_ip$|comment_author_ip$|comment_agent$|user_agent$|(submit_)?referr?er$|submit_uri$)'
      OR replace(lower(key), '-', '_') ~ '(forwarded|client_?ip|real_?ip|remote_?addr|true_client|cf_connecting)'
  );
