import { sql } from 'drizzle-orm'
import { rowsOf } from '../../src/db/client.js'
import { createTestDatabase, type TestDatabase } from '../helpers/db.js'
import { migrateWith, migrationsBefore } from '../helpers/migrations.js'

/** What the tests of migration 0025 (the learned words rewritten) build an earlier release's database with. */
export const UPGRADE_TAG = '0025_learned_token_spellings'
export const UPGRADE_SITE = 'le-quotidien'
/** The revision every corpus is given before the upgrade, which it must move on from. */
export const REVISION_BEFORE = 7

export type LearnedCount = { site_id: string; token: string; spam: number; ham: number }

/** In the order of their keys' code units, whatever the database's collation. */
export const sortedCounts = (rows: LearnedCount[]) =>
  [...rows].sort((a, b) => (`${a.site_id} ${a.token}` < `${b.site_id} ${b.token}` ? -1 : 1))

export const learnedCountsOf = async (database: TestDatabase) =>
  sortedCounts(
    rowsOf<LearnedCount>(await database.db.execute(sql`select site_id, token, spam, ham from bayes_tokens`)),
  )

/** A database migrated as the release before 0025 left it, with the site and these corpora (id, spam, ham). */
export async function databaseBeforeUpgrade(corpora: [string, number, number][]): Promise<TestDatabase> {
  const database = await createTestDatabase({ migrated: false })
  await migrateWith(database, migrationsBefore(UPGRADE_TAG))
  await database.db.execute(sql`
    insert into sites (id, name, created_at, updated_at) values (${UPGRADE_SITE}, 'Le Quotidien', now(), now())`)
  for (const [site, spam, ham] of corpora)
    await database.db.execute(sql`
      insert into bayes_corpora (site_id, spam_messages, ham_messages, revision)
      values (${site}, ${spam}, ${ham}, ${REVISION_BEFORE})`)
  return database
}

/** Learned counts: corpus, token, spam, ham. */
export async function insertLearnedCounts(
  database: TestDatabase,
  counts: [string, string, number, number][],
) {
  for (const [site, token, spam, ham] of counts)
    await database.db.execute(
      sql`insert into bayes_tokens (site_id, token, spam, ham) values (${site}, ${token}, ${spam}, ${ham})`,
    )
}
