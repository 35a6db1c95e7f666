import { sql } from 'drizzle-orm'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type Database, openDatabase, rowsOf } from '../../src/db/client.js'
import { scheduleMaintenance } from '../../src/db/maintenance.js'
import { migrateDatabase } from '../../src/db/migrate.js'
import { createLogger } from '../../src/logger.js'

afterEach(() => {
  vi.useRealTimers()
})

const statisticsOf = async (db: Database, table: string) =>
  rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from pg_stats where tablename = ${table}`),
  )[0]?.n ?? 0

describe('maintenance of the embedded database', () => {
  it('gives PGlite, which runs no autovacuum, the statistics its planner needs, a minute after start and then every ten', async () => {
    const database = await openDatabase({ dataDir: undefined })
    try {
      await migrateDatabase(database)
      await database.db.execute(
        sql`insert into sites (id, name, created_at, updated_at) values ('s', 'S', now(), now())`,
      )
      await database.db.execute(sql`insert into comments (id, site_id, article_id, author_name, content, content_hash,
          match_text, status, score, reasons, created_at, updated_at)
        select gen_random_uuid(), 's', 'a' || (g % 7), 'n', 'c', md5(g::text), 'c', 'approved', 0, '[]', now(), now()
        from generate_series(1, 500) as g`)
      expect(await statisticsOf(database.db, 'comments')).toBe(0)

      vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] })
      const maintenance = scheduleMaintenance({ database, logger: createLogger('silent') })
      await vi.advanceTimersByTimeAsync(59_000)
      expect(await statisticsOf(database.db, 'comments')).toBe(0)
      await vi.advanceTimersByTimeAsync(1_000)
      await maintenance.stop()
      expect(await statisticsOf(database.db, 'comments')).toBeGreaterThan(0)
    } finally {
      await database.close()
    }
  })

  it('leaves a PostgreSQL server to its own autovacuum', async () => {
    const calls: unknown[] = []
    const server = { kind: 'postgres', db: { execute: (query: unknown) => calls.push(query) } }
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] })
    const maintenance = scheduleMaintenance({ database: server as never, logger: createLogger('silent') })
    await vi.advanceTimersByTimeAsync(30 * 60_000)
    await maintenance.stop()
    expect(calls).toEqual([])
  })
})
