import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { rowsOf } from '../../src/db/client.js'
import { migrateDatabase, migrationsFolder } from '../../src/db/migrate.js'
import { tokenize } from '../../src/spam/bayes/tokenize.js'
import { decideOn } from '../helpers/app.js'
import { createTestDatabase, type TestDatabase } from '../helpers/db.js'
import { contextOf } from '../spam/rules/context.js'
import {
  databaseBeforeUpgrade,
  insertLearnedCounts,
  learnedCountsOf,
  REVISION_BEFORE,
  sortedCounts,
  UPGRADE_SITE,
  UPGRADE_TAG,
} from './learned-upgrade.js'

/**
 * Releases before migration 0025 learned each spelling of a word as a token of its own: "l’argent" (a phone's
 * apostrophe) apart from "l'argent", "ёлка" apart from "елка", "большо́й" apart from "большой". The tokenizer now
 * learns them as one; the migration respells what was learned, so that the counts and each comment's record of
 * what it taught keep agreeing with what intake looks up, and with what a reversed decision takes back.
 */
const TAG = UPGRADE_TAG
const SITE = UPGRADE_SITE
const COMMENT = '01900000-0000-7000-8000-000000000001'

const tokensOf = (content: string, name = 'Camille') => {
  const { input, text, name: author } = contextOf(content, name)
  return tokenize(input, text, author, [])
}

/** A comment learned as spam by both corpora, by these tokens. */
const insertLearnedComment = (database: TestDatabase, tokens: string[]) =>
  database.db.execute(sql`
    insert into comments (id, site_id, article_id, author_name, content, content_hash, status, score, reasons,
      learned_as, learned_tokens, learned_in_server_corpus, version, created_at, updated_at)
    values (${COMMENT}::uuid, ${SITE}, 'a', 'Фёдор', 'Gagnez de l’argent', 'h', 'spam', 0, '[]', 'spam',
      ${`{${tokens.map((token) => `"${token}"`).join(',')}}`}::text[], true, 1, now(), now())`)

describe('upgrading through migration 0025', () => {
  it('adds the counts of every spelling of a word under the one the tokenizer now learns', async () => {
    const database = await databaseBeforeUpgrade([
      [SITE, 5, 3],
      ['*', 5, 3],
    ])
    try {
      await insertLearnedCounts(database, [
        [SITE, 'l’argent', 3, 0],
        [SITE, "l'argent", 2, 1],
        [SITE, 'b:de l’argent', 3, 0],
        [SITE, 'ёлка', 1, 2],
        [SITE, 'елка', 0, 1],
        [SITE, 'большо́й', 1, 1],
        [SITE, 'n:фёдор', 2, 0],
        // A host keeps its name: the tokenizer respells words, not hosts.
        [SITE, 'u:ёлка.рф', 1, 0],
        [SITE, 'payday', 4, 0],
        // No longer given: a word in plain ASCII of two characters, one of a single letter once its stress mark
        // is off, and a long word whose stress mark counted.
        [SITE, 'aʼ', 1, 0],
        [SITE, 'и́', 1, 0],
        [SITE, 'sk:высо́ко:20', 1, 0],
        ['*', 'мʼясо', 0, 1],
        ['*', 'м’ясо', 1, 0],
      ])
      // One of the spam comments had both spellings of l'argent, and counted in each.
      await insertLearnedComment(database, ['n:фёдор', 'l’argent', 'u:ёлка.рф', "l'argent", 'aʼ', 'большо́й'])

      await migrateDatabase(database)

      expect(await learnedCountsOf(database)).toEqual(
        sortedCounts([
          { site_id: SITE, token: "b:de l'argent", spam: 3, ham: 0 },
          { site_id: SITE, token: 'payday', spam: 4, ham: 0 },
          { site_id: SITE, token: "l'argent", spam: 4, ham: 1 },
          { site_id: SITE, token: 'n:федор', spam: 2, ham: 0 },
          { site_id: SITE, token: 'u:ёлка.рф', spam: 1, ham: 0 },
          { site_id: SITE, token: 'большой', spam: 1, ham: 1 },
          { site_id: SITE, token: 'елка', spam: 1, ham: 3 },
          { site_id: '*', token: "м'ясо", spam: 1, ham: 1 },
        ]),
      )
      // What the tokenizer gives now is what is counted.
      expect(tokensOf('Gagnez de l’argent, Большо́й ёлка')).toEqual(
        expect.arrayContaining(["l'argent", "b:de l'argent", 'большой', 'елка']),
      )
      expect(tokensOf('Merci', 'Фёдор')).toContain('n:федор')

      const [comment] = rowsOf<{ learned_tokens: string[]; version: number }>(
        await database.db.execute(
          sql`select learned_tokens, version from comments where id = ${COMMENT}::uuid`,
        ),
      )
      expect(comment?.learned_tokens).toEqual(['n:федор', "l'argent", 'u:ёлка.рф', 'большой'])
      // Moved on, so that a decision read before reads the comment again.
      expect(comment?.version).toBe(2)
      // Moved on, so that no process keeps counts read before.
      const revisions = rowsOf<{ revision: string | number }>(
        await database.db.execute(sql`select revision from bayes_corpora`),
      )
      for (const { revision } of revisions) expect(Number(revision)).toBeGreaterThan(REVISION_BEFORE)
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
      const taught = ['l’argent', "l'argent", 'b:de l’argent', 'ёлка', 'елка', 'aʼ', 'sk:высо́ко:20', 'payday']
      await insertLearnedCounts(
        database,
        [SITE, '*'].flatMap((corpus) =>
          taught.map((token): [string, string, number, number] => [corpus, token, 1, 0]),
        ),
      )
      await insertLearnedComment(database, taught)
      await migrateDatabase(database)

      await decideOn(database, SITE, COMMENT, 'reject')

      expect(
        (await learnedCountsOf(database)).filter((count) => count.spam !== 0 || count.ham !== 0),
      ).toEqual([])
    } finally {
      await database.dispose()
    }
  })

  it('respells a token learned before as the tokenizer now spells its word, or drops it', async () => {
    // The migration's own functions, run on the tokens the earlier tokenizer gave random words.
    const migration = readFileSync(join(migrationsFolder, `${TAG}.sql`), 'utf8')
    const definitions = migration.match(/CREATE FUNCTION pg_temp\.[\s\S]*?\$\$;/g) ?? []
    expect(definitions).toHaveLength(3)
    const database = await createTestDatabase()
    try {
      // In the test's own database rather than the session's temporary schema: a pool's next query may run on
      // another connection.
      for (const definition of definitions)
        await database.db.execute(sql.raw(definition.replace(/;$/, '').replaceAll('pg_temp.', 'public.')))
      const letters = ['a', 'b', 'é', 'д', 'я', 'о', 'ё', 'е']
      const marks = ['’', 'ʼ', "'", '\u0301', '\u0300']
      const word = fc
        .tuple(
          fc.constantFrom(...letters),
          fc.array(fc.tuple(fc.constantFrom('', ...marks), fc.constantFrom(...letters)), { maxLength: 12 }),
        )
        .map(([first, rest]) => `${first}${rest.map(([mark, letter]) => `${mark}${letter}`).join('')}`)
      await fc.assert(
        fc.asyncProperty(word, async (spelt) => {
          const [learned] = analysedWords(spelt)
          fc.pre(learned !== undefined && analysedWords(spelt).length === 1)
          const before = earlierToken(learned as string)
          fc.pre(before !== null)
          const [row] = rowsOf<{ after: string | null }>(
            await database.db.execute(sql`select public.vigil_0025_learned(${before}) as after`),
          )
          const now = tokensOf(spelt).filter((token) => !/^[a-z]:/.test(token))
          // A long word's skip token with a character the tokenizer respells is dropped (stress marks counted in
          // its length); one whose stress marks all come after its first six letters is left as it was (nothing in
          // it tells them). Never misnamed.
          if (before?.startsWith('sk:') && row?.after === null) return
          const stressed = /[\u0300\u0301]/.test(learned as string)
          if (stressed && before?.startsWith('sk:') && row?.after === before) return
          expect(row?.after === null ? [] : [row?.after]).toEqual(now)
        }),
        { numRuns: 300 },
      )
    } finally {
      await database.dispose()
    }
  })
})

const analysedWords = (text: string) => contextOf(text).text.words

/** The token the tokenizer of the earlier releases gave one word (no script without spaces, no Hangul). */
function earlierToken(word: string): string | null {
  if (/^[ -~]*$/.test(word)) {
    if (word.length > 15) return `sk:${word.slice(0, 6)}:${Math.floor(word.length / 5) * 5}`
    return word.length >= 3 ? word : null
  }
  const chars = [...word]
  if (chars.length > 15) return `sk:${chars.slice(0, 6).join('')}:${Math.floor(chars.length / 5) * 5}`
  return chars.length >= 2 ? word : null
}
