import { eq } from 'drizzle-orm'
import { uuidv7 } from 'uuidv7'
import { describe, expect, it } from 'vitest'
import { type CommentRow, comments, moderationEvents } from '../../src/db/schema.js'
import { webhookEvents } from '../../src/db/webhook-schema.js'
import { DomainError } from '../../src/errors.js'
import { type CountedBeforeScoring, storeNewComment } from '../../src/moderation/store-comment.js'
import { expectStatus, type TestSite, useTestApp } from '../helpers/app.js'
import { PUBLIC_URL } from '../routes/webhook-requests.js'

const ctx = useTestApp()
const HOUR = 60 * 60 * 1000

/** A site with a webhook endpoint, and a comment stored on it by intake, read back whole. */
async function siteWithAComment(): Promise<{ site: TestSite; first: CommentRow }> {
  const site = await ctx.newSite()
  await expectStatus(ctx.request('POST', `/v1/sites/${site.id}/webhooks`, { body: { url: PUBLIC_URL } }), 201)
  const { id } = await ctx.submit(
    site,
    { content: 'Le sommet de Genève ne change rien aux sanctions.' },
    HOUR,
  )
  const [first] = await ctx.database.db.select().from(comments).where(eq(comments.id, id))
  if (!first) throw new Error('the comment was not stored')
  return { site, first }
}

/** The same text again from the same sender, a moment later, as intake would store it. */
function copyOf(first: CommentRow): CommentRow {
  const now = new Date(first.createdAt.getTime() + 1_000)
  return { ...first, id: uuidv7(), createdAt: now, updatedAt: now }
}

/** What intake counted when it read: `identical` copies of the text, `fromSender` comments by its sender. */
function counted(copy: CommentRow, identical: number, fromSender: number): CountedBeforeScoring {
  const hourAgo = new Date(copy.createdAt.getTime() - HOUR).toISOString()
  return { identicalSince: hourAgo, identical, fromSenderSince: hourAgo, fromSender }
}

async function traces(id: string) {
  const { db } = ctx.database
  return {
    comments: await db.select({ id: comments.id }).from(comments).where(eq(comments.id, id)),
    audit: await db.select().from(moderationEvents).where(eq(moderationEvents.commentId, id)),
    events: (await db.select({ payload: webhookEvents.payload }).from(webhookEvents)).filter((event) =>
      JSON.stringify(event.payload).includes(id),
    ),
  }
}

/** The refusal a reply to no comment hears, with nothing of the reply left behind. */
async function expectRefusedAsNamingNoComment(reply: CommentRow, storing: Promise<unknown>) {
  const refusal = await storing.catch((error: unknown) => error)
  expect(refusal).toBeInstanceOf(DomainError)
  expect(refusal).toMatchObject({
    kind: 'invalid-input',
    extra: { fields: [{ path: 'parentId', message: 'does not name a comment on this article' }] },
  })
  expect(await traces(reply.id)).toEqual({ comments: [], audit: [], events: [] })
}

describe('storing a comment as intake judged it', () => {
  it('stores nothing, and says so, when a comment alike was stored since intake counted: it must be judged again', async () => {
    const { first } = await siteWithAComment()
    const copy = copyOf(first)
    // Read before the first was stored: no copy of the text, nothing from its sender.
    expect(await storeNewComment(ctx.database.db, copy, null, counted(copy, 0, 0))).toBeNull()
    expect(await traces(copy.id)).toEqual({ comments: [], audit: [], events: [] })
  })

  it('stores the comment, its audit row and its webhook delivery when the counts are still what intake read', async () => {
    const { first } = await siteWithAComment()
    const copy = copyOf(first)
    expect(await storeNewComment(ctx.database.db, copy, null, counted(copy, 1, 1))).toBe(1)
    const stored = await traces(copy.id)
    expect(stored.comments).toHaveLength(1)
    expect(stored.audit).toEqual([expect.objectContaining({ action: 'submit', toStatus: first.status })])
    expect(stored.events).toHaveLength(1)
  })

  it('stores without counting again on intake’s last attempt, so a burst of copies cannot hold a comment back for ever', async () => {
    const { first } = await siteWithAComment()
    const copy = copyOf(first)
    expect(await storeNewComment(ctx.database.db, copy, null, null)).toBe(1)
    expect((await traces(copy.id)).comments).toHaveLength(1)
  })

  // Intake checked the parent before it judged the reply; the retention purge may delete a spam parent meanwhile.
  it('refuses a reply whose parent was deleted since intake checked it, as one naming no comment, storing nothing', async () => {
    const { first } = await siteWithAComment()
    const reply = { ...copyOf(first), content: 'Une réponse.', parentId: uuidv7() }
    await expectRefusedAsNamingNoComment(reply, storeNewComment(ctx.database.db, reply, null, null))
  })

  // A page shows readers approved comments only, and a reader replies to what it shows: intake checks that before
  // it judges, and a moderator may hold or mark the parent as spam in between.
  it('refuses a reader’s reply whose parent stopped being shown since intake checked it, storing nothing', async () => {
    const { first } = await siteWithAComment()
    await ctx.database.db.update(comments).set({ status: 'pending' }).where(eq(comments.id, first.id))
    const reply = { ...copyOf(first), content: 'Une réponse.', parentId: first.id }
    await expectRefusedAsNamingNoComment(
      reply,
      storeNewComment(ctx.database.db, reply, null, null, { parentShownOnly: true }),
    )
  })

  it('stores a reader’s reply to a parent still shown, and a keyed caller’s reply to one held', async () => {
    const { first } = await siteWithAComment()
    expect(first.status).toBe('approved')
    const toShown = { ...copyOf(first), content: 'Une réponse.', parentId: first.id }
    expect(await storeNewComment(ctx.database.db, toShown, null, null, { parentShownOnly: true })).toBe(1)
    await ctx.database.db.update(comments).set({ status: 'pending' }).where(eq(comments.id, first.id))
    const toHeld = { ...copyOf(first), content: 'Une autre réponse.', parentId: first.id }
    expect(await storeNewComment(ctx.database.db, toHeld, 'server', null)).toBe(1)
    expect((await traces(toShown.id)).comments).toHaveLength(1)
    expect((await traces(toHeld.id)).comments).toHaveLength(1)
  })
})
