import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import type { PgliteDatabase } from 'drizzle-orm/pglite'
import { migrate } from 'drizzle-orm/pglite/migrator'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { type DatabaseHandle, openDatabase, rowsOf } from '../../src/db/client.js'
import { appliedMigrationCount, expectedMigrationCount, migrateDatabase } from '../../src/db/migrate.js'
import { ADMIN_TOKEN, expectStatus, json, TestClock } from '../helpers/app.js'
import { createTestDatabase, onRealServer } from '../helpers/db.js'
import { migrateWith, migrationsBefore } from '../helpers/migrations.js'

/** Any key: these tests take the lock on databases of their own. */
const LOCK = 0x74_65_73_74

/** An embedded database migrated up to (not including) `tag`, with the site `le-quotidien`. */
async function siteMigratedBefore(tag: string) {
  const handle = await openDatabase({ dataDir: undefined })
  await migrate(handle.db as unknown as PgliteDatabase, { migrationsFolder: migrationsBefore(tag) })
  await handle.db.execute(sql`
    insert into sites (id, name, created_at, updated_at) values ('le-quotidien', 'Le Quotidien', now(), now())`)
  return handle
}

describe('upgrading through migration 0015 (learned_in_server_corpus)', () => {
  it("leaves the server's corpus alone when a comment learned before it is reversed with SHARED_LEARNING=false", async () => {
    // A server that never shared: its decisions taught each site's corpus alone, and recorded nothing of it.
    const handle = await siteMigratedBefore('0015_learned_in_server_corpus')
    await handle.db.execute(sql`
      insert into comments (id, site_id, article_id, author_name, content, content_hash, status, score, reasons,
        learned_as, learned_tokens, created_at, updated_at)
      values ('01900000-0000-7000-8000-000000000001', 'le-quotidien', 'a', 'Amélie', 'Merci', 'h1', 'spam', 0,
        '[]', 'spam', '{merci}', now(), now())`)
    await handle.db.execute(sql`
      insert into bayes_tokens (site_id, token, spam, ham) values ('le-quotidien', 'merci', 1, 0)`)
    await handle.db.execute(sql`
      insert into bayes_corpora (site_id, spam_messages, ham_messages, revision) values ('le-quotidien', 1, 0, 1)`)

    await migrateDatabase(handle)
    const app = createApp({
      db: handle.db,
      config: loadConfig({ ADMIN_TOKEN, NODE_ENV: 'test', SHARED_LEARNING: 'false' }),
      clock: new TestClock(),
    })
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }
    const { key } = await json(
      expectStatus(
        app.request('/v1/sites/le-quotidien/keys', {
          method: 'POST',
          headers: admin,
          body: JSON.stringify({ role: 'moderator' }),
        }),
        201,
      ),
    )
    await expectStatus(
      app.request('/v1/sites/le-quotidien/comments/01900000-0000-7000-8000-000000000001/approve', {
        method: 'POST',
        headers: { authorization: `Bearer ${key}` },
      }),
      200,
    )

    const corpora = rowsOf<{ site_id: string }>(
      await handle.db.execute(sql`select site_id from bayes_corpora order by site_id`),
    )
    expect(corpora).toEqual([{ site_id: 'le-quotidien' }])
    const merci = rowsOf(
      await handle.db.execute(sql`select site_id, spam, ham from bayes_tokens where token = 'merci'`),
    )
    // Out of spam, into ham: in the site's corpus alone.
    expect(merci).toEqual([{ site_id: 'le-quotidien', spam: 0, ham: 1 }])
    await handle.close()
  })
})

describe('upgrading through migration 0017 (drop_match_text)', () => {
  const columnsOfComments = async (handle: DatabaseHandle) =>
    rowsOf<{ name: string }>(
      await handle.db.execute(sql`
        select attname as name from pg_attribute
        where attrelid = 'comments'::regclass and attnum > 0 and not attisdropped`),
    ).map(({ name }) => name)

  it('drops the retired second copy of the text and keeps every comment as it was', async () => {
    const handle = await siteMigratedBefore('0017_drop_match_text')
    // As releases before 0013 stored a comment: the text as the rules matched it, twice.
    await handle.db.execute(sql`
      insert into comments (id, site_id, article_id, author_name, content, content_hash, status, score, reasons,
        match_text, created_at, updated_at)
      values ('01900000-0000-7000-8000-000000000001', 'le-quotidien', 'a', 'Amélie', 'Merci', 'h1', 'approved', 0,
        '[]', 'merci', now(), now())`)
    expect(await columnsOfComments(handle)).toContain('match_text')

    await migrateDatabase(handle)
    expect(await columnsOfComments(handle)).not.toContain('match_text')
    const kept = rowsOf(await handle.db.execute(sql`select id, author_name, content, status from comments`))
    expect(kept).toEqual([
      {
        id: '01900000-0000-7000-8000-000000000001',
        author_name: 'Amélie',
        content: 'Merci',
        status: 'approved',
      },
    ])
    await handle.close()
  })

  it.runIf(onRealServer)(
    'gives up after its lock timeout, changing nothing, while a long transaction holds comments',
    async () => {
      const database = await createTestDatabase({ migrated: false })
      const holder = await openDatabase({ url: database.url ?? '', poolSize: 1 })
      try {
        const earlier = migrationsBefore('0017_drop_match_text')
        await migrateWith(database, earlier)
        let release = () => {}
        const holding = new Promise<void>((resolve) => {
          release = resolve
        })
        let reading = () => {}
        const read = new Promise<void>((resolve) => {
          reading = resolve
        })
        // A reader in the middle of a long transaction: its lock on comments outlasts the migration's patience.
        const reader = holder.db.transaction(async (tx) => {
          await tx.execute(sql`select count(*) from comments`)
          reading()
          await holding
        })
        await read
        // lock_not_available: "canceling statement due to lock timeout".
        await expect(migrateDatabase(database)).rejects.toMatchObject({ cause: { code: '55P03' } })
        release()
        await reader
        // Nothing of 0017 was kept: the column is there, and the migration is still to run.
        expect(await columnsOfComments(database)).toContain('match_text')
        await migrateDatabase(database)
        expect(await columnsOfComments(database)).not.toContain('match_text')
      } finally {
        await holder.close()
        await database.dispose()
      }
    },
    30_000,
  )
})

describe.runIf(onRealServer)('the migration lock on a PostgreSQL server', () => {
  it("holds through the server's idle_in_transaction_session_timeout, which the migrations outlast", async () => {
    const database = await createTestDatabase({ migrated: false })
    const url = new URL(database.url ?? '')
    await database.db.execute(
      sql.raw(`alter database ${url.pathname.slice(1)} set idle_in_transaction_session_timeout = '50ms'`),
    )
    // The setting reaches the sessions that start after it.
    const starting = await openDatabase({ url: url.toString(), poolSize: 2 })
    try {
      const [setting] = rowsOf<{ timeout: string }>(
        await starting.db.execute(
          sql`select current_setting('idle_in_transaction_session_timeout') as timeout`,
        ),
      )
      expect(setting?.timeout).toBe('50ms')
      await migrateDatabase(starting)
      expect(await appliedMigrationCount(starting.db)).toBe(expectedMigrationCount())
    } finally {
      await starting.close()
      await database.dispose()
    }
  })

  it('lets one process at a time in, tells a waiter once, and keeps no connection busy while it waits', async () => {
    const database = await createTestDatabase()
    const other = await openDatabase({ url: database.url ?? '', poolSize: 2 })
    try {
      let release = () => {}
      const holding = new Promise<void>((resolve) => {
        release = resolve
      })
      let entered: () => void = () => {}
      const inside = new Promise<void>((resolve) => {
        entered = resolve
      })
      const first = database.withExclusiveLock(LOCK, async () => {
        entered()
        await holding
        return 'first'
      })
      await inside
      let waits = 0
      let secondRan = false
      const second = other.withExclusiveLock(
        LOCK,
        async () => {
          secondRan = true
          return 'second'
        },
        () => waits++,
      )
      await new Promise((resolve) => setTimeout(resolve, 700))
      expect(secondRan).toBe(false)
      expect(waits).toBe(1)
      // The waiter tries in short transactions: it never sits waiting on the lock inside one (a pooler in
      // transaction mode would give such a waiter one of its few server connections for the whole wait).
      for (let sample = 0; sample < 5; sample++) {
        const waiting = rowsOf<{ count: number }>(
          await database.db.execute(sql`
            select count(*)::int as count from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock' and wait_event = 'advisory'`),
        )[0]?.count
        expect(waiting).toBe(0)
        await new Promise((resolve) => setTimeout(resolve, 60))
      }
      release()
      expect(await first).toBe('first')
      expect(await second).toBe('second')
      expect(waits).toBe(1)
      // Both transactions ended: no advisory lock is left behind in this database (others on the server are
      // other tests' and other processes').
      const left = rowsOf<{ count: number }>(
        await database.db.execute(sql`
          select count(*)::int as count from pg_locks
          where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())`),
      )[0]?.count
      expect(left).toBe(0)
    } finally {
      await other.close()
      await database.dispose()
    }
  })
})

/**
 * Migrations 0012 and 0014 were changed after they were committed (4a80d6a's 0012 created vigil_recent_sketches;
 * aeb3920's 0014 named the attempts index webhook_attempts_delivery_idx, and a later commit moved its date, which
 * made it run again). A database migrated with those texts must upgrade to the same schema as a new one.
 */
describe('upgrading a database migrated by the texts 0012 and 0014 once had', () => {
  const once = new URL('./fixtures/migrations-as-once-committed/', import.meta.url)

  /** The schema's functions and indexes, by name and definition: what the two texts differ in. */
  async function shapeOf(database: DatabaseHandle) {
    return rowsOf<{ kind: string; name: string; definition: string }>(
      await database.db.execute(sql`
        select 'index' as kind, indexname as name, indexdef as definition from pg_indexes where schemaname = 'public'
        union all
        select 'function', p.proname, pg_get_function_identity_arguments(p.oid) from pg_proc as p
          join pg_namespace as n on n.oid = p.pronamespace where n.nspname = 'public'
        order by 1, 2, 3`),
    )
  }

  it('reaches the schema of a new database, and takes comments', async () => {
    const folder = migrationsBefore('0015_learned_in_server_corpus')
    for (const file of [
      '0012_near_duplicate_candidates.sql',
      '0014_paused_deliveries_and_foreign_key_indexes.sql',
    ])
      cpSync(new URL(file, once), join(folder, file))
    // And 0014 under the date aeb3920 gave it.
    const journalPath = join(folder, 'meta', '_journal.json')
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as {
      entries: { tag: string; when: number }[]
    }
    for (const entry of journal.entries)
      if (entry.tag === '0014_paused_deliveries_and_foreign_key_indexes') entry.when = 1795988533177
    writeFileSync(journalPath, JSON.stringify(journal))
    const old = await createTestDatabase({ migrated: false })
    const fresh = await createTestDatabase()
    try {
      await migrateWith(old, folder)
      await migrateDatabase(old)
      expect(await appliedMigrationCount(old.db)).toBe(expectedMigrationCount())
      expect(await shapeOf(old)).toEqual(await shapeOf(fresh))
      const app = createApp({
        db: old.db,
        config: loadConfig({ ADMIN_TOKEN, NODE_ENV: 'test' }),
        clock: new TestClock(),
      })
      const call = (path: string, body: unknown, token = ADMIN_TOKEN) =>
        app.request(path, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      await expectStatus(call('/v1/sites', { id: 'upgraded', name: 'Upgraded' }), 201)
      const { key } = await json<{ key: string }>(
        await expectStatus(call('/v1/sites/upgraded/keys', { role: 'server' }), 201),
      )
      await expectStatus(
        call(
          '/v1/sites/upgraded/comments',
          {
            articleId: 'a',
            author: { name: 'Lectrice' },
            content: 'Un commentaire après la mise à jour.',
            ip: '203.0.113.9',
          },
          key,
        ),
        201,
      )
    } finally {
      await old.dispose()
      await fresh.dispose()
    }
  })
})
