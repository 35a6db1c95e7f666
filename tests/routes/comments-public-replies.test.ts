import { describe, expect, it } from 'vitest'
import { aComment, type Body, citingComments, json, type TestSite, useTestApp } from '../helpers/app.js'
import { onRealServer } from '../helpers/db.js'
import { withLocksHeld } from '../helpers/locks.js'

// A reader's page can only show approved comments, so a public reply can only be to one of those. A reply to a
// held, spam or rejected comment must hear exactly what a reply to an id that does not exist hears: otherwise
// anyone could learn that a comment exists (and hang a published reply under a comment nobody may read).

const ctx = useTestApp()

const UNKNOWN_ID = '0193a000-0000-7000-8000-000000000000'

async function publicReply(site: TestSite, parentId: string) {
  ctx.clock.advance(60_000)
  const response = await ctx.request('POST', `/v1/sites/${site.id}/comments`, {
    body: aComment({ parentId }),
    token: null,
    peer: '198.51.100.7',
  })
  return { status: response.status, body: (await response.json()) as Body }
}

/** A problem's body without what differs between any two requests. */
const comparable = ({ requestId: _, ...rest }: Body) => rest

describe('a public reply', () => {
  it('to an approved comment of the article is taken', async () => {
    const site = await ctx.newSite()
    const parent = await ctx.submit(site)
    expect(parent.status).toBe('approved')
    expect((await publicReply(site, parent.id)).status).toBe(201)
  })

  it('to a comment the page cannot show is answered as a reply to no comment, and stores nothing', async () => {
    const site = await ctx.newSite()
    const spam = await ctx.submit(site, { honeypot: 'filled' })
    const pending = await ctx.submit(site, { content: citingComments[0] })
    const rejected = await ctx.submit(site)
    await json(ctx.request('POST', `/v1/sites/${site.id}/comments/${rejected.id}/reject`))
    expect([spam.status, pending.status]).toEqual(['spam', 'pending'])

    const unknown = await publicReply(site, UNKNOWN_ID)
    expect(unknown.status).toBe(400)
    for (const parent of [spam, pending, rejected]) {
      const answer = await publicReply(site, parent.id)
      expect(answer.status).toBe(400)
      expect(comparable(answer.body)).toEqual(comparable(unknown.body))
    }
    const queue = await json(ctx.request('GET', `/v1/sites/${site.id}/queue?status=approved`))
    expect(queue.items.map((item: Body) => item.id)).toEqual([])
  })

  it("is still the site backend's to make to any comment of the article", async () => {
    const site = await ctx.newSite()
    const pending = await ctx.submit(site, { content: citingComments[1] })
    const reply = await ctx.submit(site, { parentId: pending.id })
    expect(reply.id).toEqual(expect.any(String))
  })
})

describe.runIf(onRealServer)('a public reply while a moderator holds its parent back', () => {
  it('waits for the decision and, the parent no longer shown, stores nothing', async () => {
    const site = await ctx.newSite()
    const parent = await ctx.submit(site)
    expect(parent.status).toBe('approved')
    // The decision has changed the parent and not committed yet when intake checks it, and sees it approved.
    const reply = await withLocksHeld(
      ctx.database.url ?? '',
      (tx) => tx`update comments set status = 'spam' where id = ${parent.id}`,
      async (waitForBlocked) => {
        const replying = publicReply(site, parent.id)
        await waitForBlocked(1)
        return { pending: replying }
      },
    )
    expect(reply.status).toBe(400)
    const replies = await json(ctx.request('GET', `/v1/sites/${site.id}/queue?status=approved`))
    expect(replies.items.map((item: Body) => item.id)).toEqual([])
  })
})
