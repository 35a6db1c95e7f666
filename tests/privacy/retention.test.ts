import { and, eq, inArray, sql } from 'drizzle-orm'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type Database, rowsOf } from '../../src/db/client.js'
import { bayesTokens, comments, moderationEvents } from '../../src/db/schema.js'
import { webhookEvents } from '../../src/db/webhook-schema.js'
import { createLogger } from '../../src/logger.js'
import { SERVER_CORPUS } from '../../src/moderation/learning.js'
import { PURGE_LOCK, purgeExpiredData, schedulePurge } from '../../src/privacy/retention.js'
import { expectStatus, type TestSite, useTestApp } from '../helpers/app.js'
import { onRealServer } from '../helpers/db.js'
import { withLocksHeld } from '../helpers/locks.js'

const ctx = useTestApp({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' })
const DAY_MS = 24 * 60 * 60 * 1000
const policy = { ipRetentionDays: 30, spamRetentionDays: 30 }

const commentIdOf = (payload: unknown) =>
  (payload as { data?: { comment?: { id?: string } } }).data?.comment?.id

const decide = (site: TestSite, id: string, action: 'approve' | 'reject' | 'spam', reason?: string) =>
  expectStatus(
    ctx.request('POST', `/v1/sites/${site.id}/comments/${id}/${action}`, {
      token: site.moderatorKey,
      ...(reason ? { body: { reason } } : {}),
    }),
    200,
  )

const stored = async (id: string) => {
  const [row] = await ctx.database.db.select().from(comments).where(eq(comments.id, id))
  return row
}

/** What is left of the fields a client forwarded with a comment from `ip`, once its IP retention has run out. */
async function extraAfterClearing(ip: string, extra: Record<string, unknown>) {
  const site = await ctx.newSite()
  const old = await ctx.submit(site, { ip })
  await ctx.database.db.update(comments).set({ extra }).where(eq(comments.id, old.id))
  ctx.clock.advance(31 * DAY_MS)
  await purgeExpiredData(ctx.database, ctx.clock, policy)
  return (await stored(old.id))?.extra
}

/** The database, with the number of rows of the largest result any statement sent through it returned. */
function watching(db: Database) {
  let largest = 0
  const watch = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, key) {
        const value = Reflect.get(object, key)
        if (typeof value !== 'function') return value
        if (key === 'execute')
          return async (...args: unknown[]) => {
            const result = await value.apply(object, args)
            largest = Math.max(largest, rowsOf(result).length)
            return result
          }
        if (key === 'transaction')
          return (work: (tx: object) => unknown, ...rest: unknown[]) =>
            value.call(object, (tx: object) => work(watch(tx)), ...rest)
        return value.bind(object)
      },
    })
  return { db: watch(db), largestResult: () => largest }
}

describe('purgeExpiredData', () => {
  it('clears raw IPs, user agents, referrers and IP-bearing Akismet fields past the retention period, keeping the hash', async () => {
    const site = await ctx.newSite()
    const old = await ctx.submit(site, {
      ip: '203.0.113.7',
      userAgent: 'Mozilla/5.0 (Old)',
      referrer: 'https://www.le-quotidien.example/2026/10/un-article?utm_source=newsletter-jeanne',
    })
    await ctx.database.db
      .update(comments)
      .set({
        extra: { blog: 'https://blog.example', REMOTE_ADDR: '203.0.113.7', HTTP_USER_AGENT: 'Mozilla' },
      })
      .where(eq(comments.id, old.id))
    ctx.clock.advance(31 * DAY_MS)
    const recent = await ctx.submit(site, { ip: '203.0.113.8', userAgent: 'Mozilla/5.0 (New)' })

    const report = await purgeExpiredData(ctx.database, ctx.clock, policy)
    expect(report.ran).toBe(true)
    expect(report.ipsCleared).toBeGreaterThanOrEqual(1)
    const purged = await stored(old.id)
    expect(purged).toMatchObject({
      ip: null,
      userAgent: null,
      referrer: null,
      extra: { blog: 'https://blog.example' },
    })
    expect(purged?.ipHash).toEqual(expect.any(String))
    expect(await stored(recent.id)).toMatchObject({ ip: '203.0.113.8', userAgent: 'Mozilla/5.0 (New)' })
  })

  it('clears the address in the server variables a client forwards from all of $_SERVER', async () => {
    // Contact Form 7 forwards every server variable but cookies: the web server's GeoIP module and reverse
    // lookup name the reader's address too, also under REDIRECT_ after a rewrite.
    const forwarded = {
      REMOTE_HOST: '203-0-113-9.dsl.isp.example',
      REMOTE_PORT: '51234',
      GEOIP_ADDR: '203.0.113.9',
      MMDB_ADDR: '203.0.113.9',
      REDIRECT_GEOIP_ADDR: '203.0.113.9',
    }
    const kept = { blog: 'https://blog.example', SERVER_NAME: 'blog.example' }
    expect(await extraAfterClearing('203.0.113.9', { ...kept, ...forwarded })).toEqual({
      blog: 'https://blog.example',
      SERVER_NAME: 'blog.example',
    })
  })

  it('clears the same details forwarded under other names, in any letter case (WordPress plugins, a Node backend)', async () => {
    const forwarded = {
      submit_referer: 'https://blog.example/2026/11/post/?from=newsletter-203.0.113.78',
      submit_uri: '/2026/11/post/',
      'x-forwarded-for': '203.0.113.79, 10.0.0.1',
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64)',
      X_REAL_IP: '203.0.113.78',
      http_user_agent: 'Mozilla/5.0',
      remote_addr: '203.0.113.78',
      'cf-connecting-ip': '203.0.113.78',
    }
    const kept = {
      blog: 'https://blog.example',
      blog_charset: 'UTF-8',
      comment_type: 'comment',
      'POST_your-subject': 'Budget',
    }
    expect(await extraAfterClearing('203.0.113.78', { ...kept, ...forwarded })).toEqual(kept)
  })

  // Names are endless (every CDN and proxy has its own header): an address is known by its value too.
  it('clears any field whose value holds an IP address, whatever its name, and keeps dates and versions', async () => {
    const kept = {
      blog: 'https://blog.example',
      comment_date_gmt: '2026-11-29 12:30:45',
      SERVER_SOFTWARE: 'Apache/2.4.57',
      POST_topic: 'Vote 2026: 52.3 % turnout',
    }
    const forwarded = {
      'x-originating-ip': '203.0.113.9',
      'x-appengine-user-ip': '203.0.113.9',
      'x-envoy-external-address': '2001:db8:1f::9',
      POST_ip: '[2001:DB8::9]:443',
      X_REMOTE_IP: ['203.0.113.9'],
      'x-via': 'proxy for ::ffff:203.0.113.9',
      // A subscriber's /64, as Vigil itself counts one; a prefix ending in ::; an IPv4-mapped address in hex.
      'x-client-subnet': '2001:db8:1234:5678::/64',
      POST_addr: '2001:db8:1234:5678::',
      'x-original-addr': '::ffff:cb00:7109',
      'x-loopback': '::1',
    }
    expect(await extraAfterClearing('203.0.113.9', { ...kept, ...forwarded })).toEqual(kept)
  })

  it('clears what an Akismet client forwarded of the address without an IP of its own, and finds nothing left to clear after', async () => {
    const site = await ctx.newSite()
    const old = await ctx.submit(site)
    await ctx.database.db
      .update(comments)
      .set({
        ip: null,
        userAgent: null,
        referrer: null,
        extra: {
          comment_type: 'comment',
          user_ip: '203.0.113.10',
          REDIRECT_REDIRECT_HTTP_REFERER: 'https://x.example',
        },
      })
      .where(eq(comments.id, old.id))
    ctx.clock.advance(31 * DAY_MS)

    expect((await purgeExpiredData(ctx.database, ctx.clock, policy)).ipsCleared).toBeGreaterThanOrEqual(1)
    expect((await stored(old.id))?.extra).toEqual({ comment_type: 'comment' })
    // Once cleared, a comment is not read, nor counted, again.
    expect((await purgeExpiredData(ctx.database, ctx.clock, policy)).ipsCleared).toBe(0)
  })

  it('deletes spam and rejected comments decided longer ago than the spam retention, and nothing else', async () => {
    const site = await ctx.newSite()
    const spam = await ctx.submit(site)
    const rejected = await ctx.submit(site)
    const approved = await ctx.submit(site)
    for (const [comment, action] of [
      [spam, 'spam'],
      [rejected, 'reject'],
    ] as const) {
      await decide(site, comment.id, action)
    }
    const freshSpam = await ctx.submit(site, {}, 29 * DAY_MS)
    await decide(site, freshSpam.id, 'spam')
    ctx.clock.advance(2 * DAY_MS)

    await purgeExpiredData(ctx.database, ctx.clock, policy)
    expect(await stored(spam.id)).toBeUndefined()
    expect(await stored(rejected.id)).toBeUndefined()
    expect(await stored(approved.id)).toBeDefined()
    expect(await stored(freshSpam.id)).toBeDefined()
  })

  it("clears moderators' free-text reasons from the audit rows of the comments it deletes", async () => {
    const site = await ctx.newSite()
    const rejected = await ctx.submit(site)
    const approved = await ctx.submit(site)
    for (const [comment, action] of [
      [rejected, 'reject'],
      [approved, 'approve'],
    ] as const) {
      await decide(site, comment.id, action, 'Jeanne Dupont again, from her office')
    }
    ctx.clock.advance(31 * DAY_MS)

    await purgeExpiredData(ctx.database, ctx.clock, policy)
    const audit = await ctx.database.db
      .select()
      .from(moderationEvents)
      .where(eq(moderationEvents.siteId, site.id))
    // The rows stay (the audit trail outlives the comment), but not what a moderator wrote about its author.
    const ofRejected = audit.filter((event) => event.commentId === rejected.id)
    expect(ofRejected.map((event) => event.action)).toEqual(['submit', 'reject'])
    expect(ofRejected.map((event) => event.reason)).toEqual([null, null])
    expect(audit.find((event) => event.commentId === approved.id && event.action === 'approve')?.reason).toBe(
      'Jeanne Dupont again, from her office',
    )
  })

  it('leaves no count at zero naming the words of a rejected comment it deletes or empties, which an approval once taught', async () => {
    const site = await ctx.newSite()
    const author = { name: 'Gwenaëlle Kerbrat', email: 'gwen@example.org' }
    const deleted = await ctx.submit(site, {
      author,
      content: 'Gwenaëlle habite rue Kerjégu depuis trente ans.',
    })
    const emptied = await ctx.submit(
      site,
      { author, content: 'Kerbrat répond encore à Kerjégu ce matin.' },
      60_000,
    )
    await ctx.submit(site, { parentId: emptied.id })
    for (const { id } of [deleted, emptied]) {
      await decide(site, id, 'approve')
      // Approved by mistake, then rejected: the counts go back to zero, and their rows still name her words.
      await decide(site, id, 'reject')
    }
    const named = () =>
      ctx.database.db
        .select({ siteId: bayesTokens.siteId, token: bayesTokens.token })
        .from(bayesTokens)
        .where(
          and(
            inArray(bayesTokens.siteId, [site.id, SERVER_CORPUS]),
            sql`${bayesTokens.token} ~ '(kerbrat|gwena|kerj)'`,
          ),
        )
    expect(await named()).not.toEqual([])
    ctx.clock.advance(31 * DAY_MS)

    expect(await purgeExpiredData(ctx.database, ctx.clock, policy)).toMatchObject({
      spamDeleted: 1,
      spamAnonymised: 1,
    })
    // Once the comments are gone, no erasure of their author can find these rows any more.
    expect(await named()).toEqual([])
  })

  it('anonymises, instead of deleting, a spam or rejected comment that kept replies answer, so threads stay whole', async () => {
    const site = await ctx.newSite()
    const rejectedRoot = await ctx.submit(site, {
      author: { name: 'Le Troll', email: 'troll@example.org' },
      ip: '198.51.100.4',
    })
    const rejectedMiddle = await ctx.submit(site, { parentId: rejectedRoot.id })
    const approvedLeaf = await ctx.submit(site, { parentId: rejectedMiddle.id })
    const spamRoot = await ctx.submit(site)
    const spamReply = await ctx.submit(site, { parentId: spamRoot.id })
    await decide(site, approvedLeaf.id, 'approve')
    await decide(site, rejectedMiddle.id, 'reject')
    await decide(site, rejectedRoot.id, 'reject')
    await decide(site, spamRoot.id, 'spam')
    await decide(site, spamReply.id, 'spam')
    ctx.clock.advance(31 * DAY_MS)

    const report = await purgeExpiredData(ctx.database, ctx.clock, policy)
    expect(report).toMatchObject({ spamDeleted: 2, spamAnonymised: 2 })
    expect(await stored(spamRoot.id)).toBeUndefined()
    expect(await stored(spamReply.id)).toBeUndefined()
    expect(await stored(approvedLeaf.id)).toMatchObject({ parentId: rejectedMiddle.id, status: 'approved' })
    expect(await stored(rejectedMiddle.id)).toMatchObject({ parentId: rejectedRoot.id, status: 'rejected' })
    const root = await stored(rejectedRoot.id)
    expect(root).toMatchObject({
      status: 'rejected',
      authorName: '[erased]',
      authorEmail: null,
      authorEmailHash: null,
      content: '[erased]',
      ipHash: null,
      learnedTokens: null,
      erasedAt: expect.any(Date),
    })
    expect(JSON.stringify(root)).not.toMatch(/troll@example.org|Le Troll|198.51.100.4/)
    // A comment kept only as a thread's link can no longer be decided.
    const redecided = await ctx.request('POST', `/v1/sites/${site.id}/comments/${rejectedRoot.id}/approve`, {
      token: site.moderatorKey,
    })
    expect(redecided.status).toBe(409)

    const again = await purgeExpiredData(ctx.database, ctx.clock, policy)
    expect(again).toMatchObject({ spamDeleted: 0, spamAnonymised: 0 })
    // Once no reply holds them, the placeholders go too.
    await ctx.database.db.delete(comments).where(eq(comments.id, approvedLeaf.id))
    const released = await purgeExpiredData(ctx.database, ctx.clock, policy)
    expect(released).toMatchObject({ spamDeleted: 2, spamAnonymised: 0 })
    expect(await stored(rejectedRoot.id)).toBeUndefined()
  })

  it('commits a bounded batch at a time, with the outcome and the report of one transaction over them all', async () => {
    const site = await ctx.newSite()
    // A thread of expired comments that an approved reply at its end holds: each stays as a placeholder.
    const root = await ctx.submit(site)
    const middle = await ctx.submit(site, { parentId: root.id })
    const last = await ctx.submit(site, { parentId: middle.id })
    const leaf = await ctx.submit(site, { parentId: last.id })
    // One that nothing staying answers: all of it goes, none of it left as a placeholder of a deleted reply.
    const lone = await ctx.submit(site)
    const loneReply = await ctx.submit(site, { parentId: lone.id })
    const loneReplyReply = await ctx.submit(site, { parentId: loneReply.id })
    const withIps = []
    for (const ip of ['198.51.100.20', '198.51.100.21', '198.51.100.22'])
      withIps.push(await ctx.submit(site, { ip }))
    await decide(site, leaf.id, 'approve')
    for (const comment of [root, middle, last, lone, loneReply, loneReplyReply])
      await decide(site, comment.id, 'spam')
    ctx.clock.advance(31 * DAY_MS)

    const report = await purgeExpiredData(ctx.database, ctx.clock, policy, { batchSize: 1 })
    expect(report).toMatchObject({ ran: true, spamDeleted: 3, spamAnonymised: 3 })
    expect(report.ipsCleared).toBeGreaterThanOrEqual(3)
    for (const comment of [root, middle, last])
      expect(await stored(comment.id)).toMatchObject({ content: '[erased]', erasedAt: expect.any(Date) })
    expect(await stored(leaf.id)).toMatchObject({ parentId: last.id, status: 'approved' })
    for (const comment of [lone, loneReply, loneReplyReply]) expect(await stored(comment.id)).toBeUndefined()
    for (const comment of withIps) expect(await stored(comment.id)).toMatchObject({ ip: null })
    expect(await purgeExpiredData(ctx.database, ctx.clock, policy, { batchSize: 1 })).toEqual({
      ran: true,
      ipsCleared: 0,
      spamDeleted: 0,
      spamAnonymised: 0,
    })
  })

  it('never reads more expired comments at once than one batch, however many are waiting', async () => {
    const site = await ctx.newSite()
    const waiting = []
    for (let n = 0; n < 7; n++) waiting.push(await ctx.submit(site))
    for (const [at, comment] of waiting.entries()) await decide(site, comment.id, at % 2 ? 'spam' : 'reject')
    ctx.clock.advance(31 * DAY_MS)
    const watched = watching(ctx.database.db)

    const report = await purgeExpiredData({ db: watched.db, kind: ctx.database.kind }, ctx.clock, policy, {
      batchSize: 3,
    })
    expect(report).toMatchObject({ ran: true, spamDeleted: 7, spamAnonymised: 0 })
    for (const comment of waiting) expect(await stored(comment.id)).toBeUndefined()
    // A backlog of a million comments was once read whole, its ids held in memory, before the first batch.
    expect(watched.largestResult()).toBeLessThanOrEqual(3)
  })

  it('stops between batches once asked to, with what it committed so far, leaving the rest for its next run', async () => {
    const site = await ctx.newSite()
    const spam = await ctx.submit(site)
    await decide(site, spam.id, 'spam')
    ctx.clock.advance(31 * DAY_MS)
    const stopping = new AbortController()
    stopping.abort()

    const report = await purgeExpiredData(ctx.database, ctx.clock, policy, { signal: stopping.signal })
    expect(report).toEqual({ ran: true, ipsCleared: 0, spamDeleted: 0, spamAnonymised: 0 })
    expect(await stored(spam.id)).toBeDefined()
    expect(await purgeExpiredData(ctx.database, ctx.clock, policy)).toMatchObject({ spamDeleted: 1 })
  })

  it('drops the webhook events that carried the comments it deletes or empties, whatever the log keeps', async () => {
    const site = await ctx.newSite()
    await expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/webhooks`, { body: { url: 'http://127.0.0.1:9/hook' } }),
      201,
    )
    const author = { name: 'Jeanne Dupont', email: 'jeanne@example.org' }
    const rejected = await ctx.submit(site, { author, content: 'Un texte que personne ne doit garder.' })
    const reply = await ctx.submit(site, { parentId: rejected.id })
    const spam = await ctx.submit(site, { author }, 10 * 60_000)
    const kept = await ctx.submit(site)
    for (const [comment, action] of [
      [reply, 'approve'],
      [rejected, 'reject'],
      [spam, 'spam'],
      [kept, 'approve'],
    ] as const) {
      await decide(site, comment.id, action)
    }
    ctx.clock.advance(31 * DAY_MS)

    await purgeExpiredData(ctx.database, ctx.clock, policy)
    const left = await ctx.database.db.select().from(webhookEvents).where(eq(webhookEvents.siteId, site.id))
    const carried = new Set(
      left.filter((event) => event.type !== 'comment.erased').map((event) => commentIdOf(event.payload)),
    )
    expect(carried.has(rejected.id)).toBe(false)
    expect(carried.has(spam.id)).toBe(false)
    expect(carried).toEqual(new Set([reply.id, kept.id]))
    expect(JSON.stringify(left)).not.toMatch(/Jeanne|jeanne@example.org|personne ne doit/)
  })

  it('tells the endpoints that are sent comments of each comment it deletes or empties (comment.erased, no actor)', async () => {
    const site = await ctx.newSite()
    const subscribe = async (events?: string[]) => {
      const response = await expectStatus(
        ctx.request('POST', `/v1/sites/${site.id}/webhooks`, {
          body: { url: 'http://127.0.0.1:9/hook', ...(events ? { events } : {}) },
        }),
        201,
      )
      return ((await response.json()) as { id: string }).id
    }
    const everything = await subscribe()
    const mirror = await subscribe(['comment.created'])
    await subscribe(['ping'])
    const rejected = await ctx.submit(site)
    const reply = await ctx.submit(site, { parentId: rejected.id })
    const spam = await ctx.submit(site, {}, 10 * 60_000)
    await decide(site, reply.id, 'approve')
    await decide(site, rejected.id, 'reject')
    const spamDecided = await decide(site, spam.id, 'spam')
    const spamVersion = ((await spamDecided.json()) as { version: number }).version
    ctx.clock.advance(31 * DAY_MS)

    await purgeExpiredData(ctx.database, ctx.clock, policy)
    const erasures = await ctx.database.db
      .select()
      .from(webhookEvents)
      .where(and(eq(webhookEvents.siteId, site.id), eq(webhookEvents.type, 'comment.erased')))
    const told = erasures.map((event) => (event.payload as { data: unknown }).data)
    expect(told).toHaveLength(2)
    expect(told).toContainEqual({
      siteId: site.id,
      erased: {
        id: spam.id,
        articleId: expect.any(String),
        parentId: null,
        mode: 'deleted',
        version: spamVersion + 1,
      },
      actor: null,
    })
    expect(told).toContainEqual({
      siteId: site.id,
      erased: expect.objectContaining({
        id: rejected.id,
        mode: 'anonymised',
        version: (await stored(rejected.id))?.version,
      }),
      actor: null,
    })
    const deliveries = rowsOf<{ endpoint_id: string }>(
      await ctx.database.db.execute(sql`
        select endpoint_id from webhook_deliveries where site_id = ${site.id} and event_type = 'comment.erased'`),
    )
    expect(deliveries.map((row) => row.endpoint_id).sort()).toEqual(
      [everything, everything, mirror, mirror].sort(),
    )
    // Nothing left to purge, nothing more to tell.
    await purgeExpiredData(ctx.database, ctx.clock, policy)
    const after = await ctx.database.db
      .select()
      .from(webhookEvents)
      .where(and(eq(webhookEvents.siteId, site.id), eq(webhookEvents.type, 'comment.erased')))
    expect(after).toHaveLength(2)
  })

  it('runs once at a time: a purge that finds the lock taken does nothing', async () => {
    const notRun = { ran: false, ipsCleared: 0, spamDeleted: 0, spamAnonymised: 0 }
    if (!onRealServer) {
      // One process's embedded database: the second purge starts while the first holds it.
      const reports = await Promise.all([
        purgeExpiredData(ctx.database, ctx.clock, policy),
        purgeExpiredData(ctx.database, ctx.clock, policy),
      ])
      expect(reports.map((report) => report.ran)).toEqual([true, false])
      expect(reports[1]).toEqual(notRun)
      return
    }
    // Another process purging: a transaction of its own holds the advisory lock.
    const whileHeld = await withLocksHeld(
      ctx.database.url ?? '',
      (tx) => tx`select pg_advisory_xact_lock(${PURGE_LOCK})`,
      async () => ({ pending: Promise.resolve(await purgeExpiredData(ctx.database, ctx.clock, policy)) }),
    )
    expect(whileHeld).toEqual(notRun)
    expect((await purgeExpiredData(ctx.database, ctx.clock, policy)).ran).toBe(true)
  })
})

describe('schedulePurge', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('runs again five minutes after a purge that found the database unreachable, not an hour later', async () => {
    vi.useFakeTimers()
    const unreachable = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    })
    const transaction = vi
      .fn()
      .mockRejectedValueOnce(unreachable)
      .mockResolvedValue({ ran: true, ipsCleared: 0, spamDeleted: 0, spamAnonymised: 0 })
    const schedule = schedulePurge({
      database: { kind: 'postgres', db: { transaction } as unknown as Database },
      clock: ctx.clock,
      config: policy,
      sharedLearning: true,
      logger: createLogger('silent'),
    })
    await vi.advanceTimersByTimeAsync(0)
    expect(transaction).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(4 * 60 * 1000)
    expect(transaction).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(60 * 1000)
    expect(transaction).toHaveBeenCalledTimes(2)
    // Once it ran, the hourly schedule alone remains.
    await vi.advanceTimersByTimeAsync(30 * 60 * 1000)
    expect(transaction).toHaveBeenCalledTimes(2)
    await schedule.stop()
  })
})
