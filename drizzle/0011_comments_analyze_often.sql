-- Most of what Vigil asks of `comments` names one site, and the planner's idea of a site comes from the table's
-- statistics. A site created after the last ANALYZE is unknown to them: on a table shared by many sites the
-- planner then takes it for a site of one row and reads its recent comments through the wrong index (measured:
-- 1 to 3 ms per look-up instead of 0.02 on a million comments). By default autovacuum analyses after 10 % of the
-- table has changed, 100 000 comments on a million; here after 0.5 % plus 1 000, so a new site's first thousands
-- of comments bring its statistics within a minute or two.
ALTER TABLE "comments" SET (autovacuum_analyze_scale_factor = 0.005, autovacuum_analyze_threshold = 1000);
