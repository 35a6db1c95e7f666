-- The learned model now learns the forms of one word as one token (src/spam/bayes/tokenize.ts): the typographic
-- apostrophes ’ and ʼ as ', ё as е, a Cyrillic letter without the stress marks after it (learnedSpellings), and a
-- word of another script without the Korean particle glued to it, as Korean words were read already ("iPhone을",
-- "URL에서": koreanStem; the particle is all the Hangul the word ends with, after two characters at least whose
-- last is not Hangul). This rewrites what was learned before in the same way: the word, pair and author-name
-- tokens (the host, e-mail domain, link-count and rule tokens, whose prefix is one letter other than b and n, are
-- left alone; pairs keep their words' particles).
-- The counts of every form are added together under the new one, less what a comment that had two forms of a
-- word counted twice, and each learned comment's record of the tokens it taught (learned_tokens) is rewritten,
-- each token once: reversing its decision then takes back exactly what the counts hold. Tokens the tokenizer may
-- no longer give are dropped from both: a long word's skip token (sk:) with a character respelt (stress marks
-- counted in its length, which nothing in the token tells), a word that is then plain ASCII of fewer than
-- three characters ("aʼ", "ai가"), and one of a single character ("и́"). A skip token whose word had stress marks only after its first six letters
-- cannot be told and stays as it was, consistent with the comments' records.
-- The learned counts are locked against writes first (reads, as intake's, go on): a decision of a process of the
-- earlier release running meanwhile waits for the upgrade, where it could deadlock it or learn a comment whose
-- forms this would count twice. A decision is one statement, which takes its table locks before any row lock,
-- so it holds nothing the upgrade waits for. The comments rewritten are then locked, and their version moves
-- on, so that a decision read before reads them again. Every corpus's revision moves on too, so that no process
-- keeps counts read before in memory.
SET LOCAL lock_timeout = '10s';--> statement-breakpoint
LOCK TABLE "bayes_tokens" IN EXCLUSIVE MODE;--> statement-breakpoint
CREATE FUNCTION pg_temp.vigil_0025_respelt(token text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN token ~ '^[a-z]:' AND token !~ '^[bn]:' THEN token
    WHEN token !~ '[’ʼё]|[\u0400-\u04ff][\u0300\u0301]' THEN token
    WHEN token ~ '^(n:)?sk:' THEN NULL
    ELSE regexp_replace(translate(token, '’ʼё', '''''е'), '([\u0400-\u04ff])[\u0300\u0301]+', '\1', 'g')
  END
$$;--> statement-breakpoint
CREATE FUNCTION pg_temp.vigil_0025_stem(token text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN token !~ '^(n:)?[^:\s가-힣][^:\s]*[^:\s가-힣](에서|으로|에게|한테|까지|부터|처럼|보다|이랑|은|는|이|가|을|를|의|에|로|와|과|도|만)$' THEN token
    ELSE regexp_replace(token, '^((n:)?[^:\s가-힣][^:\s]*[^:\s가-힣])(에서|으로|에게|한테|까지|부터|처럼|보다|이랑|은|는|이|가|을|를|의|에|로|와|과|도|만)$', '\1')
  END
$$;--> statement-breakpoint
CREATE FUNCTION pg_temp.vigil_0025_learned(token text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN learned IS NULL OR learned = token THEN learned
    WHEN learned !~ '^b:' AND (regexp_replace(learned, '^n:', '') ~ '^[ -~]{0,2}$'
      OR char_length(regexp_replace(learned, '^n:', '')) < 2) THEN NULL
    ELSE learned
  END
  FROM (SELECT pg_temp.vigil_0025_stem(pg_temp.vigil_0025_respelt(token)) AS learned) AS forms
$$;--> statement-breakpoint
SELECT count(*) FROM (
  SELECT FROM "comments"
  WHERE "learned_tokens" IS NOT NULL
    AND array_to_string("learned_tokens", ' ') ~ '[’ʼё\u0300\u0301가-힣]'
  ORDER BY "id" FOR UPDATE
) AS "locked";--> statement-breakpoint
WITH "rewritten" AS (
  DELETE FROM "bayes_tokens"
  WHERE "token" ~ '[’ʼё\u0300\u0301가-힣]' AND pg_temp.vigil_0025_learned("token") IS DISTINCT FROM "token"
  RETURNING "site_id", pg_temp.vigil_0025_learned("token") AS "token", "spam", "ham"
), "merged" AS (
  SELECT "site_id", "token", sum("spam") AS "spam", sum("ham") AS "ham"
  FROM "rewritten" WHERE "token" IS NOT NULL GROUP BY 1, 2
), "forms" AS (
  -- Per learned comment and new token, how many of its tokens it stands for: all but one counted once too many.
  -- (Only a token with one of the characters the functions look for is given to them: a call for every token,
  -- or a pattern finding exactly what they change, took four to twelve times longer.)
  SELECT "comments"."site_id", "comments"."learned_as", "comments"."learned_in_server_corpus",
    CASE WHEN "learned"."token" ~ '[’ʼё\u0300\u0301가-힣]' THEN pg_temp.vigil_0025_learned("learned"."token")
      ELSE "learned"."token" END AS "token", count(*) - 1 AS "extra"
  FROM "comments", unnest("comments"."learned_tokens") AS "learned" ("token")
  WHERE "comments"."learned_as" IS NOT NULL
    AND array_to_string("comments"."learned_tokens", ' ') ~ '[’ʼё\u0300\u0301가-힣]'
  GROUP BY "comments"."id", 1, 2, 3, 4
  HAVING count(*) > 1
), "excess" AS (
  -- The site's corpus, and the server's if the comment taught it (as an earlier release did unless
  -- SHARED_LEARNING was off: the default stands for the rows that did not record it).
  SELECT "corpus", "forms"."token",
    sum("extra") FILTER (WHERE "learned_as" = 'spam') AS "spam", sum("extra") FILTER (WHERE "learned_as" = 'ham') AS "ham"
  FROM "forms",
    LATERAL (VALUES ("forms"."site_id"), (CASE WHEN coalesce("learned_in_server_corpus", true) THEN '*' END)) AS "corpora" ("corpus")
  WHERE "corpus" IS NOT NULL AND "forms"."token" IS NOT NULL
  GROUP BY 1, 2
)
INSERT INTO "bayes_tokens" ("site_id", "token", "spam", "ham")
SELECT "merged"."site_id", "merged"."token",
  greatest("merged"."spam" - coalesce("excess"."spam", 0), 0), greatest("merged"."ham" - coalesce("excess"."ham", 0), 0)
FROM "merged" LEFT JOIN "excess" ON "excess"."corpus" = "merged"."site_id" AND "excess"."token" = "merged"."token"
ON CONFLICT ("site_id", "token") DO UPDATE SET
  "spam" = "bayes_tokens"."spam" + excluded."spam", "ham" = "bayes_tokens"."ham" + excluded."ham";--> statement-breakpoint
UPDATE "comments" SET "version" = "version" + 1, "learned_tokens" = array(
  SELECT "kept"."token" FROM (
    SELECT CASE WHEN "learned"."token" ~ '[’ʼё\u0300\u0301가-힣]' THEN pg_temp.vigil_0025_learned("learned"."token")
        ELSE "learned"."token" END AS "token", min("learned"."at") AS "first"
    FROM unnest("comments"."learned_tokens") WITH ORDINALITY AS "learned" ("token", "at")
    GROUP BY 1
  ) AS "kept" WHERE "kept"."token" IS NOT NULL ORDER BY "kept"."first")
WHERE "learned_tokens" IS NOT NULL
  AND array_to_string("learned_tokens", ' ') ~ '[’ʼё\u0300\u0301가-힣]';--> statement-breakpoint
UPDATE "bayes_corpora" SET "revision" = "revision" + 1;--> statement-breakpoint
DROP FUNCTION pg_temp.vigil_0025_learned(text);--> statement-breakpoint
DROP FUNCTION pg_temp.vigil_0025_stem(text);--> statement-breakpoint
DROP FUNCTION pg_temp.vigil_0025_respelt(text);
