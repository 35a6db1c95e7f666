-- The e-mail addresses whose data was erased on a site (keyed hash), so that an Akismet report of one of their
-- erased comments is not stored again (src/akismet/checks.ts). Erasures made before this migration left none.
CREATE TABLE "erased_authors" (
	"site_id" text NOT NULL,
	"email_hash" text NOT NULL,
	"erased_at" timestamp with time zone NOT NULL,
	CONSTRAINT "erased_authors_site_id_email_hash_pk" PRIMARY KEY("site_id","email_hash")
);
--> statement-breakpoint
ALTER TABLE "erased_authors" ADD CONSTRAINT "erased_authors_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;