import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { comments, reputation } from '../../src/db/schema.js'
import { expectStatus, useTestApp } from '../helpers/app.js'
import { onRealServer } from '../helpers/db.js'
import { withLocksHeld } from '../helpers/locks.js'

/**
 * A decision moves each reputation row its comment counts towards: a row that exists by the move as is (a
 * reversal takes one from approved), a row that does not by its positive part only. Whether the row exists is
 * known only once the decision holds it: an erasure deleting the row of a shared IP after the decision began is
 * seen as the row being gone, never as a count below zero. (PGlite has one connection: only the real server can
 * interleave them.)
 */
const ctx = useTestApp()

describe.skipIf(!onRealServer)("a decision racing an erasure of its sender's reputation row", () => {
  it('creates the row from the positive part of its move, never with a negative count', async () => {
    const site = await ctx.newSite()
    const approved = await ctx.submit(site, { ip: '203.0.113.40' })
    expect(approved.status).toBe('approved')
    const [row] = await ctx.database.db
      .select({ ipHash: comments.ipHash })
      .from(comments)
      .where(eq(comments.id, approved.id))
    const subject = `i:${row?.ipHash}`
    const ipStanding = () =>
      ctx.database.db
        .select({ approved: reputation.approved, spam: reputation.spam })
        .from(reputation)
        .where(and(eq(reputation.siteId, site.id), eq(reputation.subject, subject)))
    expect(await ipStanding()).toEqual([{ approved: 1, spam: 0 }])

    // Another reader of the same IP erased: the row goes while the decision waits for it.
    await withLocksHeld(
      ctx.database.url ?? '',
      (tx) => tx`delete from reputation where site_id = ${site.id} and subject = ${subject}`,
      async (waitForBlocked) => {
        const deciding = ctx.request('POST', `/v1/sites/${site.id}/comments/${approved.id}/spam`, {
          token: site.moderatorKey,
        })
        await waitForBlocked(1)
        return { pending: expectStatus(deciding, 200) }
      },
    )
    expect(await ipStanding()).toEqual([{ approved: 0, spam: 1 }])
  })
})
