import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { textArray } from '../../src/db/array-literals.js'
import { rowsOf } from '../../src/db/client.js'
import { migrateDatabase, migrationsFolder } from '../../src/db/migrate.js'
import { learnedSpelling, tokenize } from '../../src/spam/bayes/tokenize.js'
import { createTestDatabase } from '../helpers/db.js'
import { migrateWith, migrationsBefore } from '../helpers/migrations.js'
import { contextOf } from '../spam/rules/context.js'

/**
 * Releases before migration 0025 learned each spelling of a word as a token of its own: "l’argent" (a phone's
 * apostrophe) apart from "l'argent", "ёлка" apart from "елка", "большо́й" apart from "большой". The tokenizer now
 * learns them as one; the migration respells what was learned, so that the counts and each comment's record of
 * what it taught keep agreeing with what intake looks up.
 */
const TAG = '0025_learned_token_spellings'
const SITE = 'le-quotidien'
const COMMENT = '01900000-0000-7000-8000-000000000001'

const tokensOf = (content: string, name = 'Camille') => {
  const { input, text, name: author } = contextOf(content, name)
  return tokenize(input, text, author, [])
}

type Count = { site_id: string; token: string; spam: number; ham: number }
/** In the order of their keys' code units, whatever the database's collation. */
const sorted = (rows: Count[]) =>
  [...rows].sort((a, b) => (`${a.site_id} ${a.token}` < `${b.site_id} ${b.token}` ? -1 : 1))

describe('upgrading through migration 0025', () => {
  it('adds the counts of every spelling of a word under the one the tokenizer now learns', async () => {
    const database = await createTestDatabase({ migrated: false })
    try {
      await migrateWith(database, migrationsBefore(TAG))
      const { db } = database
      await db.execute(sql`
        insert into sites (id, name, created_at, updated_at) values (${SITE}, 'Le Quotidien', now(), now())`)
      await db.execute(sql`
        insert into bayes_corpora (site_id, spam_messages, ham_messages, revision)
        values (${SITE}, 5, 3, 7), ('*', 5, 3, 2)`)
      const counts: [string, string, number, number][] = [
        [SITE, 'l’argent', 3, 0],
        [SITE, "l'argent", 2, 1],
        [SITE, 'b:de l’argent', 3, 0],
        [SITE, 'ёлка', 1, 2],
        [SITE, 'елка', 0, 2],
        [SITE, 'большо́й', 1, 1],
        [SITE, 'n:фёдор', 2, 0],
        // A host keeps its name: the tokenizer respells words, not hosts.
        [SITE, 'u:ёлка.рф', 1, 0],
        [SITE, 'payday', 4, 0],
        ['*', 'мʼясо', 0, 1],
        ['*', 'м’ясо', 1, 0],
      ]
      for (const [site, token, spam, ham] of counts)
        await db.execute(
          sql`insert into bayes_tokens (site_id, token, spam, ham) values (${site}, ${token}, ${spam}, ${ham})`,
        )
      await db.execute(sql`
        insert into comments (id, site_id, article_id, author_name, content, content_hash, status, score,
          reasons, learned_as, learned_tokens, created_at, updated_at)
        values (${COMMENT}::uuid, ${SITE}, 'a', 'Фёдор', 'payday', 'h', 'spam', 0, '[]', 'spam',
          array['n:фёдор', 'l’argent', 'u:ёлка.рф', 'payday', 'l''argent', 'b:de l’argent', 'большо́й'],
          now(), now())`)

      await migrateDatabase(database)

      const tokens = rowsOf<Count>(await db.execute(sql`select site_id, token, spam, ham from bayes_tokens`))
      // The site's corpus holds 5 spam and 3 genuine comments, which no token can count more than.
      expect(sorted(tokens)).toEqual(
        sorted([
          { site_id: SITE, token: "b:de l'argent", spam: 3, ham: 0 },
          { site_id: SITE, token: 'payday', spam: 4, ham: 0 },
          { site_id: SITE, token: "l'argent", spam: 5, ham: 1 },
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

      const [comment] = rowsOf<{ learned_tokens: string[] }>(
        await db.execute(sql`select learned_tokens from comments where id = ${COMMENT}::uuid`),
      )
      expect(comment?.learned_tokens).toEqual([
        'n:федор',
        "l'argent",
        'u:ёлка.рф',
        'payday',
        "b:de l'argent",
        'большой',
      ])

      const revisions = rowsOf<{ site_id: string; revision: string | number }>(
        await db.execute(sql`select site_id, revision from bayes_corpora order by site_id`),
      )
      expect(revisions.map((row) => [row.site_id, Number(row.revision)])).toEqual([
        ['*', 3],
        [SITE, 8],
      ])
    } finally {
      await database.dispose()
    }
  })

  it('respells a token exactly as the tokenizer spells the word now', async () => {
    // The respelling of the migration's text, run on strings of the characters it changes and their neighbours.
    const migration = readFileSync(join(migrationsFolder, `${TAG}.sql`), 'utf8')
    const respelling = /regexp_replace\(translate\("token".*?'g'\)/.exec(migration)?.[0]
    expect(respelling).toBeDefined()
    const database = await createTestDatabase()
    try {
      const alphabet = [
        "'",
        '’',
        'ʼ',
        'ё',
        'Ё',
        'е',
        'д',
        'я',
        '\u0301',
        '\u0300',
        'a',
        'e',
        'ọ',
        'é',
        ':',
        'b',
        ' ',
      ]
      const word = fc
        .array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 10 })
        .map((chars) => chars.join(''))
      await fc.assert(
        fc.asyncProperty(fc.array(word, { minLength: 1, maxLength: 20 }), async (words) => {
          const rows = rowsOf<{ spelt: string }>(
            await database.db.execute(
              sql.raw(`select ${respelling} as spelt
                from unnest('${textArray(words).replaceAll("'", "''")}'::text[]) with ordinality as t ("token", n)
                order by n`),
            ),
          )
          expect(rows.map((row) => row.spelt)).toEqual(words.map(learnedSpelling))
        }),
        { numRuns: 40 },
      )
    } finally {
      await database.dispose()
    }
  })
})
