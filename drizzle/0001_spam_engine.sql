-- Trigram similarity for near-duplicate comments (a trusted extension: the database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "bayes_corpora" (
	"site_id" text PRIMARY KEY NOT NULL,
	"spam_messages" integer DEFAULT 0 NOT NULL,
	"ham_messages" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bayes_tokens" (
	"site_id" text NOT NULL,
	"token" text NOT NULL,
	"spam" integer DEFAULT 0 NOT NULL,
	"ham" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "bayes_tokens_site_id_token_pk" PRIMARY KEY("site_id","token")
);
--> statement-breakpoint
CREATE TABLE "reputation" (
	"site_id" text NOT NULL,
	"subject" text NOT NULL,
	"approved" integer DEFAULT 0 NOT NULL,
	"spam" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "reputation_site_id_subject_pk" PRIMARY KEY("site_id","subject")
);
--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "article_language" text;--> statement-breakpoint
-- Comments stored before this migration match by their lower-cased text until they are rescored.
ALTER TABLE "comments" ADD COLUMN "match_text" text NOT NULL DEFAULT '';--> statement-breakpoint
UPDATE "comments" SET "match_text" = lower("content");--> statement-breakpoint
ALTER TABLE "comments" ALTER COLUMN "match_text" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "author_url_host" text;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "facts" jsonb;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "learned_as" text;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "learned_tokens" text[];--> statement-breakpoint
ALTER TABLE "reputation" ADD CONSTRAINT "reputation_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "comments_recent_idx" ON "comments" USING btree ("site_id","created_at","id");--> statement-breakpoint
CREATE INDEX "comments_match_text_trgm_idx" ON "comments" USING gin ("match_text" gin_trgm_ops);