CREATE TYPE "public"."comment_status" AS ENUM('pending', 'approved', 'rejected', 'spam');--> statement-breakpoint
CREATE TYPE "public"."key_role" AS ENUM('admin', 'moderator', 'server');--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"site_id" text,
	"role" "key_role" NOT NULL,
	"key_hash" text NOT NULL,
	"label" text,
	"created_at" timestamp with time zone NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "comments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" text NOT NULL,
	"article_id" text NOT NULL,
	"article_url" text,
	"article_title" text,
	"parent_id" uuid,
	"author_name" text NOT NULL,
	"author_email" text,
	"author_email_hash" text,
	"author_url" text,
	"content" text NOT NULL,
	"content_hash" text NOT NULL,
	"status" "comment_status" NOT NULL,
	"score" real NOT NULL,
	"reasons" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"ip" text,
	"ip_hash" text,
	"user_agent" text,
	"referrer" text,
	"source" text DEFAULT 'api' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "instance_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "moderation_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "moderation_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"site_id" text NOT NULL,
	"comment_id" uuid NOT NULL,
	"actor" text,
	"action" text NOT NULL,
	"from_status" "comment_status",
	"to_status" "comment_status" NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"url" text,
	"allowed_origins" text[] DEFAULT '{}'::text[] NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."comments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_events" ADD CONSTRAINT "moderation_events_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_key_hash_idx" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "api_keys_site_idx" ON "api_keys" USING btree ("site_id","created_at");--> statement-breakpoint
CREATE INDEX "comments_article_idx" ON "comments" USING btree ("site_id","article_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "comments_queue_idx" ON "comments" USING btree ("site_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "comments_content_hash_idx" ON "comments" USING btree ("site_id","content_hash","created_at");--> statement-breakpoint
CREATE INDEX "comments_email_hash_idx" ON "comments" USING btree ("site_id","author_email_hash","created_at");--> statement-breakpoint
CREATE INDEX "comments_ip_hash_idx" ON "comments" USING btree ("site_id","ip_hash","created_at");--> statement-breakpoint
CREATE INDEX "comments_parent_idx" ON "comments" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "moderation_events_comment_idx" ON "moderation_events" USING btree ("site_id","comment_id","id");