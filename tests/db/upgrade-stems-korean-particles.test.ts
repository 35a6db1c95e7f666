import { sql } from 'drizzle-orm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { rowsOf } from '../../src/db/client.js'
import { migrateDatabase } from '../../src/db/migrate.js'
import { tokenize } from '../../src/spam/bayes/tokenize.js'
import { decideOn } from '../helpers/app.js'
import { contextOf } from '../spam/rules/context.js'
import {
  databaseBeforeUpgrade,
  insertLearnedCounts,
  type LearnedCount,
  learnedCountsOf,
  REVISION_BEFORE,
  sortedCounts,
  UPGRADE_SITE,
} from './learned-upgrade.js'

/**
 * Releases before migration 0025 learned a word of another script with the Korean particle glued to it as a token
 * of its own ("iphone을", "iphone이", apart from "iphone"). The tokenizer now takes the particle off; the migration
 * does the same to what was learned, so that the counts and each comment's record of what it taught keep agreeing
 * with what intake looks up.
 */
const SITE = UPGRADE_SITE
const COMMENT = '01900000-0000-7000-8000-000000000001'

/** The word and author-name tokens the tokenizer now gives a one-word comment and a one-word author name. */
const newTokensOf = (word: string) => {
  const { input, text, name } = contextOf(word, word)
  return tokenize(input, text, name, []).filter((token) => !/^[a-z]:/.test(token) || token.startsWith('n:'))
}

describe('upgrading through migration 0025, for Korean particles', () => {
  it('adds the counts of a word with and without its particles under the word, and its record the same', async () => {
    const database = await databaseBeforeUpgrade([[SITE, 4, 3]])
    try {
      const counts: [string, number, number][] = [
        ['iphone을', 2, 0],
        ['iphone이', 2, 1],
        ['iphone', 1, 0],
        ['n:vigil은', 1, 0],
        // No longer given: "AI" alone gives no token either.
        ['ai가', 3, 0],
        // Left as they were: a pair keeps its words whole, a Korean word was read without its particle already,
        // and a word whose Hangul ending is no particle, or follows other Hangul, keeps it.
        ['b:iphone을 팔아요', 1, 0],
        ['토토사이트', 1, 0],
        ['abc가나다를', 1, 0],
        ['2024년에', 0, 1],
        ['iphone다', 1, 1],
      ]
      await insertLearnedCounts(
        database,
        counts.map(([token, spam, ham]): [string, string, number, number] => [SITE, token, spam, ham]),
      )
      await database.db.execute(sql`
        insert into comments (id, site_id, article_id, author_name, content, content_hash, status, score,
          reasons, learned_as, learned_tokens, version, created_at, updated_at)
        values (${COMMENT}::uuid, ${SITE}, 'a', 'Vigil은', 'iPhone을 iPhone', 'h', 'spam', 0, '[]', 'spam',
          array['n:vigil은', 'iphone을', 'ai가', 'b:iphone을 팔아요', 'iphone', '2024년에'], 1, now(), now())`)

      await migrateDatabase(database)

      expect(await learnedCountsOf(database)).toEqual(
        sortedCounts([
          // 2 + 2 + 1, less the one the comment learned below counted twice (as iphone을 and as iphone).
          { site_id: SITE, token: 'iphone', spam: 4, ham: 1 },
          { site_id: SITE, token: 'n:vigil', spam: 1, ham: 0 },
          { site_id: SITE, token: 'b:iphone을 팔아요', spam: 1, ham: 0 },
          { site_id: SITE, token: '토토사이트', spam: 1, ham: 0 },
          { site_id: SITE, token: 'abc가나다를', spam: 1, ham: 0 },
          { site_id: SITE, token: '2024년에', spam: 0, ham: 1 },
          { site_id: SITE, token: 'iphone다', spam: 1, ham: 1 },
        ]),
      )
      const [comment] = rowsOf<{ learned_tokens: string[]; version: number }>(
        await database.db.execute(
          sql`select learned_tokens, version from comments where id = ${COMMENT}::uuid`,
        ),
      )
      expect(comment?.learned_tokens).toEqual(['n:vigil', 'iphone', 'b:iphone을 팔아요', '2024년에'])
      // Moved on, so that a decision read before reads the comment again.
      expect(comment?.version).toBe(2)
      const [corpus] = rowsOf<{ revision: string | number }>(
        await database.db.execute(sql`select revision from bayes_corpora where site_id = ${SITE}`),
      )
      // Moved on, so that no process keeps counts read before.
      expect(Number(corpus?.revision)).toBeGreaterThan(REVISION_BEFORE)
    } finally {
      await database.dispose()
    }
  })

  it('lets a decision reversed after the upgrade take back exactly what the comment taught', async () => {
    // Of the three spam comments learned, only this one taught these tokens, in the site's corpus and the server's.
    const database = await databaseBeforeUpgrade([
      [SITE, 3, 0],
      ['*', 3, 0],
    ])
    try {
      const taught = ['iphone을', 'iphone', 'iphone이', 'ai가', 'n:vigil은', 'b:iphone을 팔아요', 'url에서']
      await insertLearnedCounts(
        database,
        [SITE, '*'].flatMap((corpus) =>
          taught.map((token): [string, string, number, number] => [corpus, token, 1, 0]),
        ),
      )
      await database.db.execute(sql`
        insert into comments (id, site_id, article_id, author_name, content, content_hash, status, score,
          reasons, learned_as, learned_tokens, learned_in_server_corpus, version, created_at, updated_at)
        values (${COMMENT}::uuid, ${SITE}, 'a', 'Vigil은', 'iPhone을 iPhone', 'h', 'spam', 0, '[]', 'spam',
          ${`{${taught.map((token) => `"${token}"`).join(',')}}`}::text[], true, 1, now(), now())`)
      await migrateDatabase(database)

      await decideOn(database, SITE, COMMENT, 'reject')

      expect(
        (await learnedCountsOf(database)).filter((count) => count.spam !== 0 || count.ham !== 0),
      ).toEqual([])
    } finally {
      await database.dispose()
    }
  })

  it('gives every word learned before the tokens the tokenizer now gives it', async () => {
    // Words as the tokenizer learned them before: not starting with Hangul, no script written without spaces,
    // two to fifteen characters (three in plain ASCII), then Hangul endings, particles or not.
    const start = fc.constantFrom('a', 'b', 'z', '1', 'é', 'д', '𞤢')
    const middle = fc.array(fc.constantFrom('a', 'q', '7', 'è', 'ж', '가', '나', '이', '𞤢'), { maxLength: 6 })
    const ending = fc.constantFrom('', '을', '이', '가', '에서', '으로', '로', '다', '요', '를요', '은는')
    const words = fc.sample(
      fc
        .tuple(start, middle, ending)
        .map(([first, rest, end]) => `${first}${rest.join('')}${end}`)
        .filter((word) => {
          const length = [...word].length
          return length <= 15 && length >= (/^[ -~]*$/.test(word) ? 3 : 2)
        }),
      { numRuns: 400, seed: 26 },
    )
    const learned = [...new Set(words)]
    const database = await databaseBeforeUpgrade([[SITE, 10_000, 10_000]])
    try {
      for (const word of learned) {
        await insertLearnedCounts(database, [
          [SITE, word, 1, 0],
          [SITE, `n:${word}`, 0, 1],
        ])
      }
      await migrateDatabase(database)

      const expected = new Map<string, LearnedCount>()
      for (const word of learned) {
        for (const token of newTokensOf(word)) {
          const count = expected.get(token) ?? { site_id: SITE, token, spam: 0, ham: 0 }
          if (token.startsWith('n:')) count.ham++
          else count.spam++
          expected.set(token, count)
        }
      }
      expect(await learnedCountsOf(database)).toEqual(sortedCounts([...expected.values()]))
    } finally {
      await database.dispose()
    }
  })
})
