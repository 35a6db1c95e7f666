import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { comments } from '../../src/db/schema.js'
import { readComment } from '../../src/moderation/comment-rows.js'
import { expectStatus, useTestApp } from '../helpers/app.js'

const ctx = useTestApp()

/** The comment as drizzle's own select maps it: what every caller of readComment used to get. */
const asDrizzleReadsIt = async (siteId: string, id: string) =>
  (
    await ctx.database.db
      .select()
      .from(comments)
      .where(and(eq(comments.id, id), eq(comments.siteId, siteId)))
  )[0]

describe('readComment', () => {
  it('gives a comment whole, every column mapped as drizzle maps it, with and without the row locked', async () => {
    const site = await ctx.newSite()
    const parent = await ctx.submit(site, { articleTitle: 'Un titre', articleUrl: 'https://news.example/a' })
    const reply = await ctx.submit(site, {
      parentId: parent.id,
      author: { name: 'Ana', email: 'ana@example.org', url: 'https://ana.example' },
      content: 'A reply long enough to be sketched for near-duplicates, with a link https://example.org/x',
      ip: '203.0.113.7',
      userAgent: 'Mozilla/5.0',
      referrer: 'https://news.example/a',
    })
    // Decided, so that the learned columns (a label, a token array, a boolean) are filled in too.
    await expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/comments/${reply.id}/spam`, { token: site.moderatorKey }),
      200,
    )
    const expected = await asDrizzleReadsIt(site.id, reply.id)
    expect(expected?.learnedTokens?.length).toBeGreaterThan(0)
    expect(expected?.nearDuplicateSketch?.length).toBeGreaterThan(0)
    expect(expected?.createdAt).toBeInstanceOf(Date)

    expect(await readComment(ctx.database.db, site.id, reply.id)).toEqual(expected)
    const locked = await ctx.database.db.transaction((tx) =>
      readComment(tx, site.id, reply.id, { lock: true }),
    )
    expect(locked).toEqual(expected)
    expect(await readComment(ctx.database.db, site.id, parent.id)).toEqual(
      await asDrizzleReadsIt(site.id, parent.id),
    )
  })

  it("finds nothing of another site's comment, and only Akismet's when asked", async () => {
    const site = await ctx.newSite()
    const other = await ctx.newSite()
    const comment = await ctx.submit(site)
    expect(await readComment(ctx.database.db, other.id, comment.id)).toBeNull()
    expect(await readComment(ctx.database.db, site.id, comment.id, { onlyFromAkismet: true })).toBeNull()
    const lockedFromAkismet = await ctx.database.db.transaction((tx) =>
      readComment(tx, site.id, comment.id, { onlyFromAkismet: true, lock: true }),
    )
    expect(lockedFromAkismet).toBeNull()
    expect(await readComment(ctx.database.db, site.id, crypto.randomUUID())).toBeNull()
  })
})
