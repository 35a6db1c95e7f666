import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { comments, moderationEvents } from '../../src/db/schema.js'
import { webhookDeliveries, webhookEvents } from '../../src/db/webhook-schema.js'
import { expectStatus, json, useTestApp } from '../helpers/app.js'

const ctx = useTestApp({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' })

/**
 * More comments than one statement can name with a parameter each (PostgreSQL's protocol allows 65 535; an audit
 * row takes eight): a reader who commented for years on a busy site must still be erasable.
 */
const PROLIFIC = 9_000

describe('erasing a prolific author', () => {
  it('erases every one of their comments, with an audit row and a comment.erased event to each endpoint for each', {
    timeout: 120_000,
  }, async () => {
    const site = await ctx.newSite()
    for (const hook of ['one', 'two'])
      await expectStatus(
        ctx.request('POST', `/v1/sites/${site.id}/webhooks`, { body: { url: `http://127.0.0.1:9/${hook}` } }),
        201,
      )
    const email = 'prolific@example.org'
    const first = await ctx.submit(site, { author: { name: 'Prolific', email } })
    // Copies of the first comment under new ids, as years of comments would be.
    await ctx.database.db.execute(sql`
      insert into comments (id, site_id, article_id, author_name, author_email, author_email_hash, content,
        content_hash, status, score, reasons, created_at, updated_at)
      select gen_random_uuid(), site_id, article_id || n, author_name, author_email, author_email_hash, content,
        content_hash, status, score, reasons, created_at, updated_at
      from comments, generate_series(2, ${PROLIFIC}) as n
      where id = ${first.id}`)

    const report = await json(
      expectStatus(
        ctx.request('POST', `/v1/sites/${site.id}/privacy/erase`, { token: site.serverKey, body: { email } }),
        200,
      ),
    )
    expect(report.deleted).toHaveLength(PROLIFIC)
    const left = await ctx.database.db
      .select({ id: comments.id })
      .from(comments)
      .where(eq(comments.siteId, site.id))
    expect(left).toEqual([])
    const audit = await ctx.database.db
      .select({ id: moderationEvents.id })
      .from(moderationEvents)
      .where(and(eq(moderationEvents.siteId, site.id), eq(moderationEvents.action, 'erase')))
    expect(audit).toHaveLength(PROLIFIC)
    const erasures = await ctx.database.db
      .select({ payload: webhookEvents.payload })
      .from(webhookEvents)
      .where(and(eq(webhookEvents.siteId, site.id), eq(webhookEvents.type, 'comment.erased')))
    const erasedIds = erasures.map(
      ({ payload }) => (payload as { data: { erased: { id: string } } }).data.erased.id,
    )
    expect(new Set(erasedIds)).toEqual(new Set(report.deleted))
    expect(erasedIds).toHaveLength(PROLIFIC)
    const deliveries = await ctx.database.db
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.siteId, site.id), eq(webhookDeliveries.eventType, 'comment.erased')))
    expect(deliveries).toHaveLength(2 * PROLIFIC)
  })
})
