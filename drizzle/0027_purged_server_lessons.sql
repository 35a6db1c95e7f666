-- What a site's purged comments taught the server's corpus: the retention purge deletes or empties a learned spam
-- comment without unlearning it, and deleting the site (DELETE /v1/sites/{site}) takes this back with the rest.
-- Lessons purged before this migration are not known: they stay in the server's corpus.
CREATE TABLE "purged_server_lessons" (
	"site_id" text NOT NULL,
	"token" text NOT NULL,
	"spam" integer DEFAULT 0 NOT NULL,
	"ham" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "purged_server_lessons_site_id_token_pk" PRIMARY KEY("site_id","token")
);
--> statement-breakpoint
ALTER TABLE "purged_server_lessons" ADD CONSTRAINT "purged_server_lessons_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;