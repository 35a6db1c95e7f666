-- The learned model now learns the spellings of one word as one token (src/spam/bayes/tokenize.ts,
-- learnedSpellings): the typographic apostrophes ’ and ʼ as ', ё as е, and a Cyrillic letter without the stress
-- marks after it. This respells what was learned before, in the same way: the counts of the word, pair and author
-- name tokens (the host, e-mail domain, link-count and rule tokens, whose prefix is one letter other than b and n,
-- are not respelt) are added together under the new spelling, at most the corpus's messages of each class (a
-- comment that had two spellings of a word counted for each), and each learned comment's record of the tokens it
-- taught (learned_tokens) is respelt too, each token once, so that reversing its decision takes back what the
-- counts now hold. Every corpus's revision moves on, so that no process keeps counts read before in memory.
-- A long word's skip token (sk:) keeps the length class of its old spelling; the next comments teach the new one.
SET LOCAL lock_timeout = '10s';--> statement-breakpoint
WITH "respelt" AS (
  DELETE FROM "bayes_tokens"
  WHERE ("token" !~ '^[a-z]:' OR "token" ~ '^[bn]:') AND "token" ~ '[’ʼё]|[\u0400-\u04ff][\u0300\u0301]'
  RETURNING "site_id", "token", "spam", "ham"
), "merged" AS (
  SELECT "site_id",
    regexp_replace(translate("token", '’ʼё', '''''е'), '([\u0400-\u04ff])[\u0300\u0301]+', '\1', 'g') AS "token",
    sum("spam") AS "spam", sum("ham") AS "ham"
  FROM "respelt" GROUP BY 1, 2
)
INSERT INTO "bayes_tokens" ("site_id", "token", "spam", "ham")
SELECT "merged"."site_id", "merged"."token",
  least("merged"."spam", coalesce("bayes_corpora"."spam_messages", "merged"."spam")),
  least("merged"."ham", coalesce("bayes_corpora"."ham_messages", "merged"."ham"))
FROM "merged" LEFT JOIN "bayes_corpora" ON "bayes_corpora"."site_id" = "merged"."site_id"
ON CONFLICT ("site_id", "token") DO UPDATE SET
  "spam" = least("bayes_tokens"."spam" + excluded."spam",
    coalesce((SELECT "spam_messages" FROM "bayes_corpora" WHERE "site_id" = excluded."site_id"), "bayes_tokens"."spam" + excluded."spam")),
  "ham" = least("bayes_tokens"."ham" + excluded."ham",
    coalesce((SELECT "ham_messages" FROM "bayes_corpora" WHERE "site_id" = excluded."site_id"), "bayes_tokens"."ham" + excluded."ham"));--> statement-breakpoint
UPDATE "comments" SET "learned_tokens" = array(
  SELECT "spelt"."token" FROM (
    SELECT CASE WHEN "learned"."token" ~ '^[a-z]:' AND "learned"."token" !~ '^[bn]:' THEN "learned"."token"
        ELSE regexp_replace(translate("learned"."token", '’ʼё', '''''е'), '([\u0400-\u04ff])[\u0300\u0301]+', '\1', 'g')
      END AS "token",
      min("learned"."at") AS "first"
    FROM unnest("comments"."learned_tokens") WITH ORDINALITY AS "learned" ("token", "at")
    GROUP BY 1
  ) AS "spelt" ORDER BY "spelt"."first")
WHERE "learned_tokens" IS NOT NULL
  AND array_to_string("learned_tokens", ' ') ~ '[’ʼё]|[\u0400-\u04ff][\u0300\u0301]';--> statement-breakpoint
UPDATE "bayes_corpora" SET "revision" = "revision" + 1;
