ALTER TABLE "comments" ADD COLUMN "near_duplicate_sketch" integer[];--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "near_duplicate_bands" integer[];