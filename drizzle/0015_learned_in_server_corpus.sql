-- Which corpora a learned comment taught. Rows learned before it hold null: they taught the server's corpus when
-- SHARED_LEARNING was on, which Vigil cannot know now, so it reads null as the setting at hand, as it always had.
ALTER TABLE "comments" ADD COLUMN "learned_in_server_corpus" boolean;
