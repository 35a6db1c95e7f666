-- The last of the three releases that retire comments.match_text (0013 stopped writing it, the next release
-- stopped declaring it; processes of that release clear it on erasure only while it exists, so they keep working
-- while this runs). Dropping a column needs the table to itself: without a lock timeout the DROP would wait
-- behind the longest transaction on comments, and every query on comments would queue behind the DROP. After
-- 10 s it gives up instead, the migration fails as a whole, and the process exits to be restarted and try again.
SET LOCAL lock_timeout = '10s';--> statement-breakpoint
ALTER TABLE "comments" DROP COLUMN IF EXISTS "match_text";
