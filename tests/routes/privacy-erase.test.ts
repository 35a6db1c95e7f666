import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { comments, moderationEvents, reputation } from '../../src/db/schema.js'
import { webhookDeliveries, webhookEvents } from '../../src/db/webhook-schema.js'
import { expectStatus, json } from '../helpers/app.js'
import { FLOOD_GAP_MS, usePrivacyApp } from './privacy-requests.js'

const { ctx, exportOf, erase, comment } = usePrivacyApp()

describe('POST /v1/sites/{site}/privacy/erase', () => {
  it('deletes the comments, anonymises the one others replied to, and says which', async () => {
    const site = await ctx.newSite()
    const email = 'leaving@example.org'
    const alone = await ctx.submit(site, { author: { name: 'Leaving', email }, ip: '198.51.100.9' })
    const answered = await ctx.submit(site, { author: { name: 'Leaving', email } }, FLOOD_GAP_MS)
    const reply = await ctx.submit(site, { parentId: answered.id })
    const ownReply = await ctx.submit(
      site,
      { author: { name: 'Leaving', email }, parentId: reply.id },
      FLOOD_GAP_MS,
    )

    const report = await json(expectStatus(erase(site, email), 200))
    expect(report.anonymised).toEqual([answered.id])
    expect([...report.deleted].sort()).toEqual([alone.id, ownReply.id].sort())

    await expectStatus(comment(site, alone.id), 404)
    const kept = await json(comment(site, answered.id))
    expect(kept).toMatchObject({
      author: { name: '[erased]', email: null, url: null },
      content: '[erased]',
      ip: null,
    })
    expect((await json(comment(site, reply.id))).parentId).toBe(answered.id)
    expect((await json(expectStatus(exportOf(site, email), 200))).comments).toEqual([])
    // The audit trail says what happened, without the person's data.
    const audit = await ctx.database.db
      .select()
      .from(moderationEvents)
      .where(and(eq(moderationEvents.siteId, site.id), eq(moderationEvents.action, 'erase')))
    expect(audit).toHaveLength(3)
    expect(JSON.stringify(audit)).not.toContain(email)
  })

  it('keeps, anonymised, a comment of theirs that an anonymised reply of theirs hangs from: the thread keeps its shape', async () => {
    const site = await ctx.newSite()
    const email = 'threaded@example.org'
    const opening = await ctx.submit(site, { author: { name: 'T', email } })
    const ownReply = await ctx.submit(
      site,
      { author: { name: 'T', email }, parentId: opening.id },
      FLOOD_GAP_MS,
    )
    const answer = await ctx.submit(site, { parentId: ownReply.id })

    const report = await json(expectStatus(erase(site, email), 200))
    expect([...report.anonymised].sort()).toEqual([opening.id, ownReply.id].sort())
    expect(report.deleted).toEqual([])
    expect((await json(comment(site, ownReply.id))).parentId).toBe(opening.id)
    expect((await json(comment(site, answer.id))).parentId).toBe(ownReply.id)
  })

  it('removes the reputation kept for the address and its IPs', async () => {
    const site = await ctx.newSite()
    const email = 'reputation@example.org'
    const written = await ctx.submit(site, { author: { name: 'R', email }, ip: '198.51.100.21' })
    await ctx.request('POST', `/v1/sites/${site.id}/comments/${written.id}/approve`, {
      token: site.moderatorKey,
    })
    const before = await ctx.database.db.select().from(reputation).where(eq(reputation.siteId, site.id))
    expect(before.some((row) => row.subject.startsWith('e:'))).toBe(true)
    await expectStatus(erase(site, email), 200)
    const after = await ctx.database.db.select().from(reputation).where(eq(reputation.siteId, site.id))
    expect(after.filter((row) => row.subject.startsWith('e:') || row.subject.startsWith('i:'))).toEqual([])
  })

  it('reaches every address the Akismet API stores, which checks e-mails more loosely than the v1 API', async () => {
    const site = await ctx.newSite()
    // A quoted local part, and one past 64 characters (WordPress's is_email takes it): both stored from a check.
    for (const email of ['o"neil@example.org', `${'l'.repeat(70)}@example.org`]) {
      const form = new URLSearchParams({
        api_key: site.serverKey,
        user_ip: '198.51.100.30',
        comment_author: 'Akismet reader',
        comment_author_email: email,
        comment_content: 'Un commentaire envoyé par WordPress.',
      })
      const check = await ctx.request('POST', '/1.1/comment-check', {
        rawBody: new TextEncoder().encode(form.toString()),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        token: null,
      })
      const guid = check.headers.get('x-akismet-guid') ?? ''
      expect((await json(comment(site, guid))).author.email).toBe(email)

      expect((await json(expectStatus(exportOf(site, email), 200))).comments).toHaveLength(1)
      expect(await json(expectStatus(erase(site, email), 200))).toEqual({ deleted: [guid], anonymised: [] })
      await expectStatus(comment(site, guid), 404)
    }
  })

  it("removes the address's reputation even after the retention purge deleted its comments", async () => {
    const site = await ctx.newSite()
    const email = 'purged@example.org'
    const written = await ctx.submit(site, { author: { name: 'P', email } })
    await expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/comments/${written.id}/spam`, { token: site.moderatorKey }),
      200,
    )
    await ctx.database.db.delete(comments).where(eq(comments.id, written.id))
    expect(await json(expectStatus(erase(site, email), 200))).toEqual({ deleted: [], anonymised: [] })
    const after = await ctx.database.db.select().from(reputation).where(eq(reputation.siteId, site.id))
    expect(after.filter((row) => row.subject.startsWith('e:'))).toEqual([])
  })

  it("clears moderators' free-text reasons about the erased comments from the audit trail", async () => {
    const site = await ctx.newSite()
    const email = 'named@example.org'
    const answered = await ctx.submit(site, { author: { name: 'Jeanne Dupont', email } })
    await ctx.submit(site, { parentId: answered.id })
    await expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/comments/${answered.id}/approve`, {
        token: site.moderatorKey,
        body: { reason: 'Jeanne Dupont again, fine this time' },
      }),
      200,
    )
    await expectStatus(erase(site, email), 200)
    const audit = await ctx.database.db
      .select({ action: moderationEvents.action, reason: moderationEvents.reason })
      .from(moderationEvents)
      .where(eq(moderationEvents.commentId, answered.id))
    expect(audit.map((row) => row.reason).join(' ')).not.toContain('Jeanne')
    expect(audit).toContainEqual({ action: 'erase', reason: 'anonymised: replies depend on it' })
  })

  it('sends a comment.erased event per comment, and drops the earlier events that carried them', async () => {
    const site = await ctx.newSite()
    await expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/webhooks`, { body: { url: 'http://127.0.0.1:9/hook' } }),
      201,
    )
    const email = 'evented@example.org'
    const written = await ctx.submit(site, { author: { name: 'E', email } })
    await expectStatus(erase(site, email), 200)
    const deliveries = await ctx.database.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.siteId, site.id))
    expect(deliveries.map((delivery) => delivery.eventType)).toEqual(['comment.erased'])
    const log = await ctx.request('GET', `/v1/sites/${site.id}/webhooks`)
    expect(JSON.stringify(await log.json())).not.toContain(email)
    const [event] = await ctx.database.db
      .select()
      .from(webhookEvents)
      .where(eq(webhookEvents.siteId, site.id))
    expect(event?.payload).toMatchObject({
      type: 'comment.erased',
      data: { erased: { id: written.id, mode: 'deleted' } },
    })
    expect(JSON.stringify(event?.payload)).not.toContain(email)
  })

  it('tells every endpoint that was sent comments of the erasure, whatever its filter lists', async () => {
    const site = await ctx.newSite()
    const subscribe = (events: string[]) =>
      json(
        expectStatus(
          ctx.request('POST', `/v1/sites/${site.id}/webhooks`, {
            body: { url: 'http://127.0.0.1:9/hook', events },
          }),
          201,
        ),
      )
    // A receiver keeping published comments, which forgot the erasure event: it holds the reader's data too.
    const mirror = await subscribe(['comment.created', 'comment.approved'])
    // One that hears only of pings was never sent a comment, and has nothing to forget.
    await subscribe(['ping'])
    const email = 'forgotten@example.org'
    await ctx.submit(site, { author: { name: 'F', email } })
    await expectStatus(erase(site, email), 200)
    const erasures = await ctx.database.db
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.siteId, site.id), eq(webhookDeliveries.eventType, 'comment.erased')))
    expect(erasures.map((delivery) => delivery.endpointId)).toEqual([mirror.id])
  })

  // Turned on again, it would otherwise keep the reader's data for good: the earlier events are gone.
  it('tells an endpoint a person turned off of the erasure too, once it is turned on again', async () => {
    const site = await ctx.newSite()
    const endpoint = await json(
      expectStatus(
        ctx.request('POST', `/v1/sites/${site.id}/webhooks`, { body: { url: 'http://127.0.0.1:9/hook' } }),
        201,
      ),
    )
    const switched = (enabled: boolean) =>
      expectStatus(
        ctx.request('PATCH', `/v1/sites/${site.id}/webhooks/${endpoint.id}`, { body: { enabled } }),
        200,
      )
    const email = 'switched-off@example.org'
    await ctx.submit(site, { author: { name: 'S', email } })
    await switched(false)
    await expectStatus(erase(site, email), 200)
    const erasures = () =>
      ctx.database.db
        .select()
        .from(webhookDeliveries)
        .where(
          and(
            eq(webhookDeliveries.endpointId, endpoint.id),
            eq(webhookDeliveries.eventType, 'comment.erased'),
          ),
        )
    expect(await erasures()).toMatchObject([{ state: 'pending', nextAttemptAt: null }])
    await switched(true)
    expect(await erasures()).toMatchObject([{ state: 'pending', nextAttemptAt: expect.any(Date) }])
  })

  it("gives each comment.erased event a version above any the comment had, the placeholder's own", async () => {
    const site = await ctx.newSite()
    await expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/webhooks`, { body: { url: 'http://127.0.0.1:9/hook' } }),
      201,
    )
    const email = 'ordered@example.org'
    const answered = await ctx.submit(site, { author: { name: 'O', email } })
    const alone = await ctx.submit(site, { author: { name: 'O', email } }, FLOOD_GAP_MS)
    await ctx.submit(site, { parentId: answered.id })
    // A comment.approved (its version) may still be on its way, sent by another process, when the erasure's
    // event arrives: a receiver keeping the highest version must keep the erasure.
    const approvedVersions = new Map<string, number>()
    for (const { id } of [answered, alone]) {
      const decided = await json(
        expectStatus(
          ctx.request('POST', `/v1/sites/${site.id}/comments/${id}/approve`, { token: site.moderatorKey }),
          200,
        ),
      )
      approvedVersions.set(id, decided.version)
    }
    await expectStatus(erase(site, email), 200)

    const events = await ctx.database.db
      .select({ payload: webhookEvents.payload })
      .from(webhookEvents)
      .where(and(eq(webhookEvents.siteId, site.id), eq(webhookEvents.type, 'comment.erased')))
    const erased = new Map(
      events.map(({ payload }) => {
        const { id, version } = (payload as { data: { erased: { id: string; version: number } } }).data.erased
        return [id, version]
      }),
    )
    expect(erased.get(alone.id)).toBe((approvedVersions.get(alone.id) ?? 0) + 1)
    expect(erased.get(answered.id)).toBe((approvedVersions.get(answered.id) ?? 0) + 1)
    const [placeholder] = await ctx.database.db.select().from(comments).where(eq(comments.id, answered.id))
    expect(placeholder).toMatchObject({ erasedAt: expect.any(Date), version: erased.get(answered.id) })
  })

  it("leaves no reputation row named after the reader's website, one a reversed decision left at zero included", async () => {
    const site = await ctx.newSite()
    const email = 'zorglub@example.org'
    const written = await ctx.submit(site, {
      author: { name: 'Zorglub', email, url: 'https://zorglub-perso.example/blog' },
    })
    for (const action of ['approve', 'reject'])
      await expectStatus(
        ctx.request('POST', `/v1/sites/${site.id}/comments/${written.id}/${action}`, {
          token: site.moderatorKey,
        }),
        200,
      )
    await expectStatus(erase(site, email), 200)
    const left = await ctx.database.db.select().from(reputation).where(eq(reputation.siteId, site.id))
    expect(left.map((row) => row.subject)).not.toContain('h:zorglub-perso.example')
  })

  it('is harmless to repeat, and touches no other site', async () => {
    const site = await ctx.newSite()
    const other = await ctx.newSite()
    const email = 'twice@example.org'
    await ctx.submit(site, { author: { name: 'T', email } })
    const elsewhere = await ctx.submit(other, { author: { name: 'T', email } })
    await expectStatus(erase(site, email), 200)
    expect(await json(expectStatus(erase(site, email), 200))).toEqual({ deleted: [], anonymised: [] })
    await expectStatus(
      ctx.request('GET', `/v1/sites/${other.id}/comments/${elsewhere.id}`, { token: other.moderatorKey }),
      200,
    )
  })
})
