import { sql } from 'drizzle-orm'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type Database, type DatabaseHandle, openDatabase, rowsOf } from '../../src/db/client.js'
import { scheduleMaintenance } from '../../src/db/maintenance.js'
import { migrateDatabase } from '../../src/db/migrate.js'
import { createLogger } from '../../src/logger.js'
import { createTestDatabase } from '../helpers/db.js'

afterEach(() => {
  vi.useRealTimers()
})

const statisticsOf = async (db: Database, table: string) =>
  rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from pg_stats where tablename = ${table}`),
  )[0]?.n ?? 0

/** The planner's row count for a table: what its last statistics (or vacuum) found; -1 before any. */
const reltuplesOf = async (db: Database, table: string) =>
  Number(
    rowsOf<{ n: number }>(
      await db.execute(sql`select reltuples as n from pg_class where relname = ${table}`),
    )[0]?.n,
  )

/** `count` comments of site `s`, numbered from `from`. */
const insertComments = (db: Database, from: number, count: number) =>
  db.execute(sql`insert into comments (id, site_id, article_id, author_name, content, content_hash,
      status, score, reasons, created_at, updated_at)
    select gen_random_uuid(), 's', 'a' || (g % 7), 'n', repeat('c', 100), md5(g::text), 'approved', 0, '[]',
      now(), now()
    from generate_series(${from}::int, ${from + count - 1}::int) as g`)

type MaintenanceTest = (db: Database, start: () => ReturnType<typeof scheduleMaintenance>) => Promise<void>

/** The suite's database: PGlite, or a database of its own on the PostgreSQL server (TEST_DATABASE_URL). */
async function withTestDatabase(test: MaintenanceTest) {
  const database = await createTestDatabase()
  try {
    // Autovacuum analysing the table too would make the counts seen here depend on when it looks.
    await database.db.execute(sql`alter table comments set (autovacuum_enabled = false)`)
    await withSite(database, test)
  } finally {
    await database.dispose()
  }
}

async function withEmbeddedDatabase(test: MaintenanceTest) {
  const database = await openDatabase({ dataDir: undefined })
  try {
    await migrateDatabase(database)
    await withSite(database, test)
  } finally {
    await database.close()
  }
}

async function withSite(database: DatabaseHandle, test: MaintenanceTest) {
  await database.db.execute(
    sql`insert into sites (id, name, created_at, updated_at) values ('s', 'S', now(), now())`,
  )
  await test(database.db, () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] })
    return scheduleMaintenance({ database, logger: createLogger('silent') })
  })
}

describe('maintenance of the database', () => {
  // On a PostgreSQL server too: autovacuum looks once a minute, and plans made on a new, empty table read all of
  // it until then.
  it('analyses a table within seconds of its growing since its statistics (PGlite by a tenth, a server twice), and not before', async () => {
    await withTestDatabase(async (db, start) => {
      await insertComments(db, 1, 500)
      expect(await statisticsOf(db, 'comments')).toBe(0)
      const maintenance = start()
      await vi.advanceTimersByTimeAsync(5_000)
      await maintenance.idle()
      expect(await statisticsOf(db, 'comments')).toBeGreaterThan(0)
      expect(await reltuplesOf(db, 'comments')).toBe(500)

      // A few more rows: the statistics still describe the table well enough.
      await insertComments(db, 501, 10)
      await vi.advanceTimersByTimeAsync(5_000)
      await maintenance.idle()
      expect(await reltuplesOf(db, 'comments')).toBe(500)

      // Four times as many: analysed again at the next look.
      await insertComments(db, 511, 1490)
      await vi.advanceTimersByTimeAsync(5_000)
      await maintenance.idle()
      await maintenance.stop()
      expect(await reltuplesOf(db, 'comments')).toBe(2000)
    })
  })

  it('analyses every table every ten minutes, the first a minute after start, for changes that do not grow it', async () => {
    await withEmbeddedDatabase(async (db, start) => {
      await insertComments(db, 1, 500)
      const maintenance = start()
      await vi.advanceTimersByTimeAsync(5_000)
      await maintenance.idle()
      expect(await reltuplesOf(db, 'comments')).toBe(500)
      // Deleted rows leave the table as large as it was: only the full run notices.
      await db.execute(sql`delete from comments where article_id = 'a0'`)
      await vi.advanceTimersByTimeAsync(54_000)
      await maintenance.idle()
      expect(await reltuplesOf(db, 'comments')).toBe(500)
      await vi.advanceTimersByTimeAsync(1_000)
      await maintenance.stop()
      expect(await reltuplesOf(db, 'comments')).toBe(500 - 71)
    })
  })

  it('vacuums every table in the full run, so the space of purged, erased and decided comments is used again', async () => {
    await withEmbeddedDatabase(async (db, start) => {
      const sizeOf = async () =>
        Number(rowsOf<{ n: string }>(await db.execute(sql`select pg_relation_size('comments') as n`))[0]?.n)
      await insertComments(db, 1, 1000)
      const maintenance = start()
      await vi.advanceTimersByTimeAsync(60_000)
      await maintenance.idle()
      const before = await sizeOf()
      // A spam purge or a batch of decisions: every row of the table dead at once, none added.
      await db.execute(sql`delete from comments`)
      await vi.advanceTimersByTimeAsync(10 * 60_000)
      await maintenance.idle()
      await insertComments(db, 1001, 1000)
      await maintenance.stop()
      expect(await sizeOf()).toBeLessThanOrEqual(before)
    })
  })

  it('on a PostgreSQL server, only analyses young tables as they grow, never waiting for a lock, and never vacuums', async () => {
    const statements: string[] = []
    const queryText = (query: unknown) =>
      (query as { queryChunks: { value: string[] }[] }).queryChunks.flatMap((chunk) => chunk.value).join('')
    const server = {
      kind: 'postgres',
      db: {
        execute: async (query: unknown) => {
          const text = queryText(query)
          statements.push(text.replace(/\s+/g, ' ').trim())
          return text.includes('pg_relation_size') ? [{ name: 'comments' }] : []
        },
        transaction: async (work: (tx: unknown) => Promise<unknown>) => work(server.db),
      },
    }
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] })
    const maintenance = scheduleMaintenance({ database: server as never, logger: createLogger('silent') })
    await vi.advanceTimersByTimeAsync(30 * 60_000)
    await maintenance.stop()
    const growthChecks = statements.filter((text) => text.includes('pg_relation_size'))
    expect(growthChecks).toHaveLength((30 * 60) / 5)
    // Only young tables, each time they double: past 8 MiB autovacuum keeps up, and each analysis has every
    // connection plan its statements again.
    expect(growthChecks[0]).toContain('pages >= greatest(counted * 2, counted + 8) and pages <= 1024')
    // A migration holding a table's lock makes the look give up, not wait with a connection of the pool.
    expect(statements.filter((text) => text.startsWith('set local'))).toHaveLength(growthChecks.length)
    expect(new Set(statements.filter((text) => !text.includes('pg_relation_size')))).toEqual(
      new Set(["set local lock_timeout = '1s'", 'analyze (skip_locked) "comments"']),
    )
  })
})
