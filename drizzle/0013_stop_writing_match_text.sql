-- The text as the rules match it was stored with every comment for the trigram index of the first near-duplicate
-- search, which sketches replaced (0005, 0006); nothing has read it since, and Vigil no longer writes it. The
-- column stays for now, nullable, because processes of the previous release may still be inserting it during a
-- rolling upgrade (several processes share one database); a later release drops it.
ALTER TABLE "comments" ALTER COLUMN "match_text" DROP NOT NULL;