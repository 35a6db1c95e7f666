import { randomUUID } from 'node:crypto'
import { type SQL, sql } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { openDatabase, rowsOf, type Transaction } from '../../src/db/client.js'
import { CopyRefused, copyDatabase } from '../../src/db/copy-database.js'
import { migrateDatabase } from '../../src/db/migrate.js'
import { ADMIN_TOKEN, aComment, expectStatus, json, useTestApp } from '../helpers/app.js'
import { createTestDatabase, onRealServer, type TestDatabase } from '../helpers/db.js'

const ctx = useTestApp()
const targets: TestDatabase[] = []
afterEach(async () => {
  for (const target of targets.splice(0)) await target.dispose()
})

async function newTarget(options: { migrated?: boolean } = {}) {
  const target = await createTestDatabase(options)
  targets.push(target)
  return target
}

/** The same service on `target`: same configuration, same clock. */
function appOn(target: TestDatabase) {
  const app = createApp({
    db: target.db,
    config: loadConfig({ ADMIN_TOKEN, NODE_ENV: 'test' }),
    clock: ctx.clock,
  })
  return (method: string, path: string, token: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
}

/** Every row of `table`, as JSON values in a fixed order: what two databases hold, compared value by value. */
async function contents(db: TestDatabase['db'], table: string) {
  const [row] = rowsOf<{ rows: string }>(
    await db.execute(
      `select coalesce(jsonb_agg(to_jsonb(t) order by to_jsonb(t)::text), '[]')::text as rows from ${table} as t`,
    ),
  )
  return JSON.parse(row?.rows ?? '[]') as unknown[]
}

/**
 * `target` recording the longest parameter of the statements its transactions run: how much of a table one
 * statement carries.
 */
function measuringStatements(target: TestDatabase) {
  const dialect = new PgDialect()
  let longest = 0
  const measured = (tx: Transaction) =>
    new Proxy(tx, {
      get(inner, property) {
        if (property !== 'execute') return Reflect.get(inner, property, inner)
        return (query: SQL) => {
          for (const parameter of dialect.sqlToQuery(query).params)
            if (typeof parameter === 'string') longest = Math.max(longest, Buffer.byteLength(parameter))
          return inner.execute(query)
        }
      },
    })
  const db = new Proxy(target.db, {
    get(inner, property) {
      if (property !== 'transaction') return Reflect.get(inner, property, inner)
      return (work: (tx: Transaction) => Promise<unknown>) => inner.transaction((tx) => work(measured(tx)))
    },
  })
  return { handle: { ...target, db }, longest: () => longest }
}

async function countRows(db: TestDatabase['db'], table: string) {
  const [row] = rowsOf<{ count: number }>(await db.execute(`select count(*)::int as count from ${table}`))
  return Number(row?.count)
}

describe('copying the database into another (the move from the embedded database to PostgreSQL)', () => {
  it('carries every comment, key, decision, learned count and webhook row, and the instance secrets', async () => {
    const site = await ctx.newSite()
    const article = 'moved-article'
    const camille = { name: 'Camille', email: 'camille@example.org' }
    const thanks = { articleId: article, author: camille, content: 'Merci pour cet article très clair.' }
    const approved = await ctx.submit(site, thanks)
    const spam = await ctx.submit(site, {
      articleId: article,
      content: 'Cheap viagra, best price http://pharma.example/buy http://pharma.example/now',
    })
    await expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/comments/${spam.id}/spam`, { token: site.moderatorKey }),
      200,
    )
    await expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/webhooks`, { body: { url: 'http://93.184.215.14/hooks' } }),
      201,
    )
    await ctx.submit(site, { articleId: article, content: 'Спасибо, очень интересный анализ.' })
    const list = `/v1/sites/${site.id}/articles/${article}/comments`
    const publicPage = await (await expectStatus(ctx.request('GET', list, { token: null }), 200)).text()

    const target = await newTarget()
    // Two rows a batch: every table of more than two rows is walked by its key, composite keys included.
    const copied = await copyDatabase(ctx.database, target, { batchRows: 2 })

    const tables = copied.map((entry) => entry.table)
    expect(tables).toEqual(expect.arrayContaining(['sites', 'api_keys', 'comments', 'instance_secrets']))
    expect(tables).not.toContain('rate_limits')
    for (const { table, rows } of copied) {
      expect(rows, table).toBe(await countRows(ctx.database.db, table))
      expect(await contents(target.db, table), table).toEqual(await contents(ctx.database.db, table))
    }
    expect(copied.find((entry) => entry.table === 'comments')?.rows).toBeGreaterThanOrEqual(3)
    // Parents before the tables that name them.
    expect(tables.indexOf('sites')).toBeLessThan(tables.indexOf('comments'))
    expect(tables.indexOf('webhook_events')).toBeLessThan(tables.indexOf('webhook_deliveries'))

    const request = appOn(target)
    const moved = await request('GET', list, '') // public: no key
    expect(await moved.text()).toBe(publicPage)
    expect(JSON.parse(publicPage).items.map((item: { id: string }) => item.id)).toContain(approved.id)
    // The keys' hashes came along, and so did the secret the e-mail and IP hashes are keyed with: the same
    // author sending the same text again is recognised on the new database.
    const again = await request('POST', `/v1/sites/${site.id}/comments`, site.serverKey, aComment(thanks))
    expect(again.status).toBe(409)
    // The audit's identity sequence starts after the copied ids: a new comment's audit row takes a free one.
    const fresh = await request(
      'POST',
      `/v1/sites/${site.id}/comments`,
      site.serverKey,
      aComment({ articleId: article }),
    )
    expect(fresh.status).toBe(201)
    const queue = await json(request('GET', `/v1/sites/${site.id}/queue?status=spam`, site.moderatorKey))
    expect(queue.items.map((item: { id: string }) => item.id)).toEqual([spam.id])
  })

  it('cuts a batch short of a thousand rows when its rows pass the size of a batch (long comments), and copies them all', async () => {
    const site = await ctx.newSite()
    // Comments may be tens of kilobytes (20 000 characters, up to 80 000 bytes of UTF-8): a thousand of
    // them at a time took hundreds of megabytes of memory, and more than the embedded engine had.
    for (let i = 0; i < 6; i++)
      await ctx.submit(site, {
        articleId: 'long',
        content: `${'Un long commentaire, bien argumenté. '.repeat(80)}${i}`,
      })
    const target = await newTarget()
    const measuring = measuringStatements(target)
    await copyDatabase(ctx.database, measuring.handle, { batchBytes: 8_000 })
    for (const table of ['comments', 'moderation_events'])
      expect(await contents(target.db, table), table).toEqual(await contents(ctx.database.db, table))
    // At most the size of a batch, and one row more.
    expect(measuring.longest()).toBeLessThan(8_000 + 6_000)
  })

  it('copies a table without a primary key (a later migration could add one) whole, whatever its size', async () => {
    const [source, target] = [await newTarget(), await newTarget()]
    for (const db of [source.db, target.db]) await db.execute(sql.raw('create table notes (body text)'))
    await source.db.execute(
      sql.raw(`insert into notes select repeat('note ', 500) || i from generate_series(1, 3) i`),
    )
    const copied = await copyDatabase(source, target, { batchBytes: 1_000 })
    expect(copied.find((entry) => entry.table === 'notes')?.rows).toBe(3)
    expect(await contents(target.db, 'notes')).toEqual(await contents(source.db, 'notes'))
  })

  it('copies a reply stored before the comment it answers (ids from another clock), and keeps the key to it', async () => {
    const site = await ctx.newSite()
    const earlier = await ctx.submit(site, { articleId: 'thread' })
    const later = await ctx.submit(site, { articleId: 'thread' })
    // The earlier id made a reply to the later one: one row a batch, the reply is copied before its parent.
    await ctx.database.db.execute(
      sql`update comments set parent_id = ${later.id} where id = ${earlier.id} and site_id = ${site.id}`,
    )
    const target = await newTarget()
    await copyDatabase(ctx.database, target, { batchRows: 1 })
    const [reply] = rowsOf<{ parent_id: string }>(
      await target.db.execute(sql`select parent_id from comments where id = ${earlier.id}`),
    )
    expect(reply?.parent_id).toBe(later.id)
    // The key is immediate again: a reply to a comment that does not exist is refused as before.
    await expect(
      target.db.execute(sql`update comments set parent_id = ${randomUUID()} where id = ${earlier.id}`),
    ).rejects.toThrow()
  })

  it('stops when interrupted (Ctrl-C) and leaves the target as it was: the copy is rolled back, not finished', async () => {
    const site = await ctx.newSite()
    await ctx.submit(site, { articleId: 'interrupted' })
    const target = await newTarget()
    const interrupted = new AbortController()
    const copying = copyDatabase(ctx.database, target, {
      interrupted: interrupted.signal,
      onTable: ({ table }) => {
        if (table === 'sites') interrupted.abort()
      },
    })
    await expect(copying).rejects.toThrow(/interrupted/)
    expect(await countRows(target.db, 'sites')).toBe(0)
    expect(await countRows(target.db, 'comments')).toBe(0)
  })

  it('checks the rows counted on both sides before its commit: a copy that lost rows leaves the target as it was', async () => {
    const site = await ctx.newSite()
    await ctx.submit(site, { articleId: 'lost' })
    const target = await newTarget()
    // Something on the target's side that swallows rows (here a rule; a trigger, a policy would do the same).
    await target.db.execute(sql.raw('create rule swallow as on insert to comments do instead nothing'))
    await expect(copyDatabase(ctx.database, target)).rejects.toThrow(/row counts differ .* comments/)
    expect(await countRows(target.db, 'sites')).toBe(0)
  })

  it('does all its work on the target in its one transaction: nothing after the commit can fail a copy that was made', async () => {
    const site = await ctx.newSite()
    await ctx.submit(site, { articleId: 'committed' })
    const target = await newTarget()
    // The connection lost right after the commit: any statement after it fails.
    let committed = false
    const db = new Proxy(target.db, {
      get(inner, property) {
        if (property === 'transaction')
          return async (work: (tx: Transaction) => Promise<unknown>) => {
            const result = await inner.transaction(work)
            committed = true
            return result
          }
        if (property === 'execute' && committed)
          return () => Promise.reject(new Error('write CONNECTION_CLOSED'))
        return Reflect.get(inner, property, inner)
      },
    })
    await copyDatabase(ctx.database, { ...target, db })
    expect(await countRows(target.db, 'comments')).toBe(await countRows(ctx.database.db, 'comments'))
    // The statistics came with the rows: the first plans know the tables are not empty.
    const [comments] = rowsOf<{ estimate: number }>(
      await target.db.execute(
        sql`select reltuples as estimate from pg_class where oid = 'public.comments'::regclass`,
      ),
    )
    expect(Number(comments?.estimate)).toBe(await countRows(ctx.database.db, 'comments'))
  })

  it('is not stopped by a statement_timeout the target sets for the web application (a large table takes long)', async () => {
    const site = await ctx.newSite()
    await ctx.submit(site, { articleId: 'timed' })
    const target = await newTarget()
    // The target's role or database as a managed server is often set up: every statement stopped after 5 s.
    const inForce: string[] = []
    const watched = (tx: Transaction) =>
      new Proxy(tx, {
        get(inner, property) {
          if (property !== 'execute') return Reflect.get(inner, property, inner)
          return async (query: SQL) => {
            const result = await inner.execute(query)
            const [row] = rowsOf<{ timeout: string }>(
              await inner.execute(sql`select current_setting('statement_timeout') as timeout`),
            )
            inForce.push(row?.timeout ?? '')
            return result
          }
        },
      })
    const db = new Proxy(target.db, {
      get(inner, property) {
        if (property !== 'transaction') return Reflect.get(inner, property, inner)
        return (work: (tx: Transaction) => Promise<unknown>) =>
          inner.transaction(async (tx) => {
            await tx.execute(sql`set local statement_timeout = '5s'`)
            return work(watched(tx))
          })
      },
    })
    await copyDatabase(ctx.database, { ...target, db })
    expect(inForce.length).toBeGreaterThan(5)
    expect(new Set(inForce)).toEqual(new Set(['0']))
    expect(await countRows(target.db, 'comments')).toBe(await countRows(ctx.database.db, 'comments'))
  })

  it('reports its progress batch by batch, each table counting up to its rows', async () => {
    const site = await ctx.newSite()
    for (let i = 0; i < 5; i++) await ctx.submit(site)
    const progress: { table: string; rows: number }[] = []
    const copied = await copyDatabase(ctx.database, await newTarget(), {
      batchRows: 2,
      onProgress: (step) => progress.push(step),
    })
    const comments = progress.filter((step) => step.table === 'comments').map((step) => step.rows)
    const total = copied.find((entry) => entry.table === 'comments')?.rows
    expect(comments.at(-1)).toBe(total)
    expect(comments).toEqual([...comments].sort((a, b) => a - b))
    expect(comments.slice(0, 2)).toEqual([2, 4])
  })

  it('refuses a target that already holds a site, and leaves it as it was', async () => {
    const target = await newTarget()
    const request = appOn(target)
    await expectStatus(
      request('POST', '/v1/sites', ADMIN_TOKEN, { id: 'already-here', name: 'Already here' }),
      201,
    )
    await expect(copyDatabase(ctx.database, target)).rejects.toThrow(CopyRefused)
    expect(await countRows(target.db, 'sites')).toBe(1)
    expect(await countRows(target.db, 'comments')).toBe(0)
  })

  it('refuses a target a Vigil process has run on, even with no site yet: that process would keep the secrets the copy replaces', async () => {
    const site = await ctx.newSite()
    await ctx.submit(site, { articleId: 'moved' })
    const target = await newTarget()
    // A server started on the empty target (DATABASE_URL set before the copy) makes its own secrets as it starts,
    // and would go on hashing e-mails and IPs with them after the copy brought the source's.
    appOn(target)
    await vi.waitFor(async () => expect(await countRows(target.db, 'instance_secrets')).toBeGreaterThan(0))
    await expect(copyDatabase(ctx.database, target)).rejects.toThrow(/Vigil has already run on the target/)
    expect(await countRows(target.db, 'comments')).toBe(0)
  })

  it('refuses a target without the same schema (not migrated by this version)', async () => {
    const target = await newTarget({ migrated: false })
    await expect(copyDatabase(ctx.database, target)).rejects.toThrow(/same version of Vigil/)
  })

  it.runIf(onRealServer)(
    'is not ended by an idle_in_transaction_session_timeout of the server while it reads the source',
    async () => {
      const site = await ctx.newSite()
      await ctx.submit(site, { articleId: 'slow-source' })
      const target = await newTarget()
      await target.db.execute(
        sql.raw(
          `alter database ${new URL(target.url ?? '').pathname.slice(1)} set idle_in_transaction_session_timeout = '100ms'`,
        ),
      )
      // A new connection, with the database's setting; the copy's transaction then waits on the source.
      const timed = await openDatabase({ url: target.url ?? '', poolSize: 1 })
      try {
        await copyDatabase(ctx.database, timed, {
          onTable: () => {
            const until = Date.now() + 300
            while (Date.now() < until);
          },
        })
        expect(await countRows(target.db, 'comments')).toBe(await countRows(ctx.database.db, 'comments'))
      } finally {
        await timed.close()
      }
    },
  )

  it.runIf(onRealServer)('moves an embedded database to the PostgreSQL server', async () => {
    const embedded = await openDatabase({ dataDir: undefined })
    try {
      await migrateDatabase(embedded)
      const config = loadConfig({ ADMIN_TOKEN, NODE_ENV: 'test' })
      const app = createApp({ db: embedded.db, config, clock: ctx.clock })
      const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }
      const created = await app.request('/v1/sites', {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({ id: 'embedded', name: 'Embedded' }),
      })
      expect(created.status).toBe(201)
      const posted = await app.request('/v1/sites/embedded/comments', {
        method: 'POST',
        headers: admin,
        body: JSON.stringify(
          aComment({ articleId: 'a', content: '좋은 기사 감사합니다. 다음 기사도 기대합니다.' }),
        ),
      })
      expect(posted.status).toBe(201)
      // A decision (learned tokens, reputation, audit, outbox) and an endpoint, so that every kind of column moves.
      const { id } = (await posted.json()) as { id: string }
      const webhook = await app.request('/v1/sites/embedded/webhooks', {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({ url: 'http://93.184.215.14/hooks' }),
      })
      expect(webhook.status).toBe(201)
      const decided = await app.request(`/v1/sites/embedded/comments/${id}/spam`, {
        method: 'POST',
        headers: admin,
      })
      expect(decided.status).toBe(200)
      const page = await (await app.request('/v1/sites/embedded/articles/a/comments')).text()

      const target = await newTarget()
      const copied = await copyDatabase(embedded, target, { batchRows: 2 })
      // Value for value, from the embedded engine's types to the server's: timestamps, arrays, JSON, numbers.
      for (const { table } of copied)
        expect(await contents(target.db, table), table).toEqual(await contents(embedded.db, table))
      expect(await (await appOn(target)('GET', '/v1/sites/embedded/articles/a/comments', '')).text()).toBe(
        page,
      )
    } finally {
      await embedded.close()
    }
  })
})
