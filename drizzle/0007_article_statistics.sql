-- A site's articles are its own, and an article's comments are mostly approved: site_id, article_id and status are
-- far from independent. Without being told so the planner multiplies their selectivities, expects a handful of
-- rows for one article where there are thousands, and sorts them all (a bitmap scan and a top-N sort, growing with
-- the article) instead of reading the first page off comments_article_idx in order. Multivariate statistics
-- (functional dependencies and the most common combinations) correct the estimate; ANALYZE and autovacuum keep
-- them current.
CREATE STATISTICS IF NOT EXISTS "comments_site_article_status_stats" (dependencies, mcv) ON "site_id", "article_id", "status" FROM "comments";--> statement-breakpoint
ANALYZE "comments";
