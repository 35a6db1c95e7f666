import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { comments } from '../../src/db/schema.js'
import { purgeExpiredData } from '../../src/privacy/retention.js'
import { aComment, expectStatus, type TestSite, useTestApp } from '../helpers/app.js'
import { onRealServer } from '../helpers/db.js'
import { withLocksHeld } from '../helpers/locks.js'

/**
 * The retention purge while moderators decide and readers reply: what the purge keeps or deletes is what the
 * comments are once the others commit, not what they were when it first looked.
 */
const ctx = useTestApp()
const DAY_MS = 24 * 60 * 60 * 1000
// IPs are kept long enough that clearing them locks nothing here: only the spam step meets the others.
const policy = { ipRetentionDays: 365, spamRetentionDays: 30 }

const stored = async (id: string) => {
  const [row] = await ctx.database.db.select().from(comments).where(eq(comments.id, id))
  return row
}

const decide = (site: TestSite, id: string, action: 'approve' | 'spam') =>
  ctx.request('POST', `/v1/sites/${site.id}/comments/${id}/${action}`, { token: site.moderatorKey })

/** Starts the purge and then `meanwhile`, the latter held on the reputation row of `heldSubject`. */
function purgingWhile(site: TestSite, heldSubject: string, meanwhile: () => Promise<Response>) {
  return withLocksHeld(
    ctx.database.url ?? '',
    (tx) => tx`select 1 from reputation where site_id = ${site.id} and subject = ${heldSubject} for update`,
    async (waitForBlocked) => {
      const other = meanwhile()
      await waitForBlocked(1)
      const purging = purgeExpiredData(ctx.database, ctx.clock, policy)
      await waitForBlocked(2)
      return { pending: Promise.all([other, purging]) }
    },
  )
}

describe.runIf(onRealServer)('the retention purge while others write', () => {
  it('leaves alone a spam comment a moderator approves while it runs', async () => {
    const site = await ctx.newSite()
    const author = { name: 'Odile', email: 'odile@example.org', url: 'https://odile-blog.example/' }
    const flagged = await ctx.submit(site, {
      author,
      content: 'Mon avis sur le nouveau plan de circulation.',
    })
    const reply = await ctx.submit(site, { parentId: flagged.id })
    await expectStatus(decide(site, reply.id, 'approve'), 200)
    await expectStatus(decide(site, flagged.id, 'spam'), 200)
    ctx.clock.advance(31 * DAY_MS)

    const [approved, report] = await purgingWhile(site, 'h:odile-blog.example', () =>
      decide(site, flagged.id, 'approve'),
    )
    expect(approved.status).toBe(200)
    expect(report.spamAnonymised).toBe(0)
    expect(await stored(flagged.id)).toMatchObject({
      status: 'approved',
      authorName: 'Odile',
      content: 'Mon avis sur le nouveau plan de circulation.',
      erasedAt: null,
    })
  })

  it('keeps, as a placeholder, a spam comment that a reply stored while it runs answers', async () => {
    const site = await ctx.newSite()
    const paul = { name: 'Paul', email: 'paul@example.org', url: 'https://paul-blog.example/' }
    // Paul has commented before: the reputation row of his host is there to hold his reply on.
    await ctx.submit(site, { author: paul })
    const flagged = await ctx.submit(site)
    await expectStatus(decide(site, flagged.id, 'spam'), 200)
    ctx.clock.advance(31 * DAY_MS)

    const [replied] = await purgingWhile(site, 'h:paul-blog.example', () =>
      ctx.request('POST', `/v1/sites/${site.id}/comments`, {
        token: site.serverKey,
        body: aComment({ author: paul, parentId: flagged.id }),
      }),
    )
    // The reply, begun first, holds the comment it answers: the purge waits for it, then keeps a placeholder.
    expect(replied.status).toBe(201)
    const reply = (await replied.json()) as { id: string }
    expect(await stored(reply.id)).toMatchObject({ parentId: flagged.id })
    expect(await stored(flagged.id)).toMatchObject({ content: '[erased]', erasedAt: expect.any(Date) })
  })

  it("commits each site's work before the next: a decision on a comment it is done with does not wait for the rest", async () => {
    const [done, busy] = [await ctx.newSite(), await ctx.newSite()].sort((a, b) => (a.id < b.id ? -1 : 1))
    if (!done || !busy) throw new Error('two sites')
    const cleared = await ctx.submit(done, { ip: '198.51.100.30' })
    const held = await ctx.submit(busy)
    await expectStatus(decide(busy, held.id, 'spam'), 200)
    ctx.clock.advance(366 * DAY_MS)

    const [decidedMeanwhile, report] = await withLocksHeld(
      ctx.database.url ?? '',
      // Another transaction holds the later site's expired comment: the purge waits there...
      (tx) => tx`select 1 from comments where id = ${held.id} for update`,
      async (waitForBlocked) => {
        const purging = purgeExpiredData(ctx.database, ctx.clock, policy)
        await waitForBlocked(1)
        // ...while a moderator decides the comment of the first site whose IP it cleared.
        const decided = await Promise.race([
          decide(done, cleared.id, 'approve').then((response) => response.status),
          new Promise((resolve) => setTimeout(() => resolve('still waiting'), 3_000)),
        ])
        return { pending: Promise.all([decided, purging]) }
      },
    )
    expect(decidedMeanwhile).toBe(200)
    expect(report).toMatchObject({ ran: true, spamDeleted: 1 })
    expect(await stored(cleared.id)).toMatchObject({ ip: null, status: 'approved' })
    expect(await stored(held.id)).toBeUndefined()
  })
})

describe.runIf(onRealServer)('the retention purge, run after run', () => {
  it('neither reads nor locks again a placeholder a staying reply still answers', async () => {
    const site = await ctx.newSite()
    const flagged = await ctx.submit(site)
    const reply = await ctx.submit(site, { parentId: flagged.id })
    await expectStatus(decide(site, reply.id, 'approve'), 200)
    await expectStatus(decide(site, flagged.id, 'spam'), 200)
    ctx.clock.advance(31 * DAY_MS)
    expect(await purgeExpiredData(ctx.database, ctx.clock, policy)).toMatchObject({ spamAnonymised: 1 })

    // Held by another session all along: a run that locked it again would wait for ever, the test with it.
    const again = await withLocksHeld(
      ctx.database.url ?? '',
      (tx) => tx`select 1 from comments where id = ${flagged.id} for update`,
      async () => ({ pending: Promise.resolve(await purgeExpiredData(ctx.database, ctx.clock, policy)) }),
    )
    expect(again).toMatchObject({ spamDeleted: 0, spamAnonymised: 0 })
    expect(await stored(flagged.id)).toMatchObject({ erasedAt: expect.any(Date) })
  }, 15_000)
})
