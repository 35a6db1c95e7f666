import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { rowsOf } from '../../src/db/client.js'
import { SERVER_CORPUS } from '../../src/moderation/learning.js'
import { purgeExpiredData } from '../../src/privacy/retention.js'
import { expectStatus, json, type TestSite, useTestApp } from '../helpers/app.js'
import { hooks, PUBLIC_URL } from './webhook-requests.js'

const ctx = useTestApp()

const deleteSite = (site: string, token?: string) =>
  ctx.request('DELETE', `/v1/sites/${site}`, token === undefined ? {} : { token })

const decide = (site: TestSite, id: string, action: 'approve' | 'spam') =>
  expectStatus(
    ctx.request('POST', `/v1/sites/${site.id}/comments/${id}/${action}`, { token: site.moderatorKey }),
    200,
  )

const rows = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await ctx.database.db.execute(query))

/** Every row any table holds under the site's id. */
async function rowsHeldFor(siteId: string) {
  const [counts] = await rows<Record<string, number>>(sql`
    select
      (select count(*)::int from comments where site_id = ${siteId}) as comments,
      (select count(*)::int from moderation_events where site_id = ${siteId}) as "moderationEvents",
      (select count(*)::int from reputation where site_id = ${siteId}) as reputation,
      (select count(*)::int from api_keys where site_id = ${siteId}) as "apiKeys",
      (select count(*)::int from webhook_endpoints where site_id = ${siteId}) as "webhookEndpoints",
      (select count(*)::int from webhook_events where site_id = ${siteId}) as "webhookEvents",
      (select count(*)::int from webhook_deliveries where site_id = ${siteId}) as "webhookDeliveries",
      (select count(*)::int from bayes_tokens where site_id = ${siteId}) as "learnedTokens"`)
  if (!counts) throw new Error('no row')
  return counts
}

/** The server-wide corpus: its totals and every token's counts. */
async function serverCorpus() {
  const totals = await rows<{ spam: number; ham: number }>(
    sql`select spam_messages as spam, ham_messages as ham from bayes_corpora where site_id = ${SERVER_CORPUS}`,
  )
  const tokens = await rows<{ token: string; spam: number; ham: number }>(
    sql`select token, spam, ham from bayes_tokens where site_id = ${SERVER_CORPUS} order by token`,
  )
  return { totals: totals[0] ?? { spam: 0, ham: 0 }, tokens }
}

const ORDINARY = {
  ham: 'Le débat sur la réforme des retraites reprend au Sénat.',
  spam: 'Recover your lost bitcoin today, our recovery agents answer on telegram',
}

/**
 * A site whose moderators have decided: a comment approved and one marked spam (`texts`), and a webhook endpoint
 * with deliveries.
 */
async function siteWithHistory(texts = ORDINARY) {
  const site = await ctx.newSite()
  await expectStatus(ctx.request('POST', hooks(site), { body: { url: PUBLIC_URL } }), 201)
  const approved = await ctx.submit(site, { content: texts.ham })
  const spam = await ctx.submit(site, { content: texts.spam })
  await decide(site, approved.id, 'approve')
  await decide(site, spam.id, 'spam')
  return site
}

describe('deleting a site', () => {
  it('removes the site and every row held under it, and leaves other sites as they were', async () => {
    const site = await siteWithHistory()
    const neighbour = await siteWithHistory()
    const neighbourBefore = await rowsHeldFor(neighbour.id)
    const held = await rowsHeldFor(site.id)
    // Something of every kind existed to be deleted.
    for (const count of Object.values(held)) expect(count).toBeGreaterThan(0)

    const response = await expectStatus(deleteSite(site.id), 204)
    expect(await response.text()).toBe('')

    expect(Object.values(await rowsHeldFor(site.id))).toEqual(Object.values(held).map(() => 0))
    expect(await rowsHeldFor(neighbour.id)).toEqual(neighbourBefore)
    await expectStatus(ctx.request('GET', `/v1/sites/${site.id}`), 404)
    const listed = await json(ctx.request('GET', '/v1/sites?limit=100'))
    expect(listed.items.map((item: { id: string }) => item.id)).not.toContain(site.id)
  })

  it("stops the site's keys at once, in the process that deleted it", async () => {
    const site = await ctx.newSite()
    // Both keys are held by the process's directory once used.
    await ctx.submit(site)
    await expectStatus(ctx.request('GET', `/v1/sites/${site.id}/queue`, { token: site.moderatorKey }), 200)
    await expectStatus(deleteSite(site.id), 204)
    const submitted = await ctx.request('POST', `/v1/sites/${site.id}/comments`, {
      token: site.serverKey,
      body: { articleId: 'a', author: { name: 'Ana' }, content: 'Bonjour à tous' },
    })
    expect(submitted.status).toBe(401)
    const queue = await ctx.request('GET', `/v1/sites/${site.id}/queue`, { token: site.moderatorKey })
    expect(queue.status).toBe(401)
  })

  it("takes back what its moderators taught the server's model, and no more", async () => {
    const before = await serverCorpus()
    // Words no other test teaches: every row they make in the server's corpus is theirs.
    const site = await siteWithHistory({
      ham: 'Les vendanges tardives du Jurançon ont souffert de la grêle cet automne.',
      spam: 'Cheap replica watches shipped overnight, message our sales desk on whatsapp',
    })
    const neighbour = await siteWithHistory({
      ham: '부산 영화제 관객 수가 작년보다 늘었다는 소식이 반갑네요.',
      spam: 'Guaranteed payday loans approved in minutes, no credit check, apply now',
    })
    const taught = await serverCorpus()
    expect(taught.tokens.length).toBeGreaterThan(before.tokens.length)
    expect(taught.totals.spam).toBe(before.totals.spam + 2)
    expect(taught.totals.ham).toBe(before.totals.ham + 2)

    await expectStatus(deleteSite(site.id), 204)
    await expectStatus(deleteSite(neighbour.id), 204)
    // Both gone: the server's corpus is as it was before either taught it, no token left at zero naming their words.
    expect(await serverCorpus()).toEqual(before)
  })

  it('leaves no row at zero naming the words of an approval a moderator reversed into a rejection', async () => {
    const before = await serverCorpus()
    const site = await siteWithHistory({
      ham: 'La chorale de Saint-Flour prépare un requiem pour la Toussaint.',
      spam: 'Premium essay ghostwriters deliver dissertations overnight, order through our portal',
    })
    for (const content of [
      'Les apiculteurs du Morvan redoutent le frelon asiatique.',
      'Отличный репортаж о паромах Ладожского озера, спасибо.',
    ]) {
      const reversed = await ctx.submit(site, { content })
      await decide(site, reversed.id, 'approve')
      const reject = `/v1/sites/${site.id}/comments/${reversed.id}/reject`
      await expectStatus(ctx.request('POST', reject, { token: site.moderatorKey }), 200)
    }
    // The reversal left rows at zero naming the comment's words.
    const held = new Set(before.tokens.map((row) => row.token))
    const atZero = (await serverCorpus()).tokens.filter(
      (row) => row.spam + row.ham === 0 && !held.has(row.token),
    )
    expect(atZero.length).toBeGreaterThan(0)

    await expectStatus(deleteSite(site.id), 204)
    expect(await serverCorpus()).toEqual(before)
  })

  it("takes back what the comments the retention purge removed taught the server's model", async () => {
    const before = await serverCorpus()
    const site = await siteWithHistory({
      ham: 'Le marché aux truffes de Richerenches ouvre plus tôt cette année.',
      spam: 'Buy discount ceramic cookware wholesale, contact our export office on whatsapp',
    })
    // A second spam, which an approved reply still answers: emptied, not deleted, by the purge.
    const answered = await ctx.submit(site, {
      content: 'Earn passive income from crypto arbitrage, our signals group is on telegram',
    })
    await decide(site, answered.id, 'spam')
    const reply = await ctx.submit(site, { parentId: answered.id, content: 'Signalé, merci de le retirer.' })
    await decide(site, reply.id, 'approve')
    const taught = await serverCorpus()

    ctx.clock.advance(31 * 24 * 60 * 60 * 1000)
    const purged = await purgeExpiredData(ctx.database, ctx.clock, {
      ipRetentionDays: 30,
      spamRetentionDays: 30,
    })
    expect(purged.spamDeleted).toBeGreaterThanOrEqual(1)
    expect(purged.spamAnonymised).toBeGreaterThanOrEqual(1)
    const [left] = await rows<{ learned: number }>(
      sql`select count(*)::int as learned from comments where site_id = ${site.id} and learned_as = 'spam'`,
    )
    expect(left?.learned).toBe(0)
    // What they taught stays in the model while the site does.
    expect(await serverCorpus()).toEqual(taught)

    await expectStatus(deleteSite(site.id), 204)
    expect(await serverCorpus()).toEqual(before)
    const lessons = await rows(sql`select 1 from purged_server_lessons where site_id = ${site.id}`)
    expect(lessons).toEqual([])
  })

  it('leaves a site later created under the same id with nothing of the old one', async () => {
    const site = await siteWithHistory()
    const [old] = await rows<{ revision: number }>(
      sql`select revision::int from bayes_corpora where site_id = ${site.id}`,
    )
    await expectStatus(deleteSite(site.id), 204)
    await expectStatus(ctx.request('POST', '/v1/sites', { body: { id: site.id, name: 'Again' } }), 201)

    expect(Object.values(await rowsHeldFor(site.id)).every((count) => count === 0)).toBe(true)
    const [corpus] = await rows<{ spam: number; ham: number; revision: number }>(sql`
      select spam_messages as spam, ham_messages as ham, revision::int from bayes_corpora where site_id = ${site.id}`)
    // Counts a process read under an earlier revision can never pass for the new site's.
    expect(corpus).toEqual({ spam: 0, ham: 0, revision: (old?.revision ?? 0) + 1 })
  })

  it('answers a request that found the site just before it went as it would a moment later, not as a failure', async () => {
    const site = await ctx.newSite()
    // The process holds the site and its key, as a request that read them just before the deletion does.
    await ctx.submit(site)
    await ctx.database.db.execute(sql`delete from sites where id = ${site.id}`)

    const submitted = await ctx.request('POST', `/v1/sites/${site.id}/comments`, {
      token: site.serverKey,
      body: { articleId: 'a', author: { name: 'Ana' }, content: 'Bonjour à tous' },
    })
    expect(submitted.status).toBe(404)
    expect((await json(submitted)).type).toBe('urn:vigil:problem:not-found')
    const checked = await ctx.request('POST', '/1.1/comment-check', {
      token: null,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      rawBody: new URLSearchParams({
        api_key: site.serverKey,
        blog: 'https://blog.example',
        user_ip: '2001:db8::7',
        comment_content: 'Bonjour à tous',
      }).toString(),
    })
    expect(await checked.text()).toBe('invalid')
  })

  it('is for the admin only, and answers 404 for a site that is not there, or no longer', async () => {
    const site = await ctx.newSite()
    expect((await deleteSite(site.id, site.moderatorKey)).status).toBe(403)
    expect((await deleteSite(site.id, site.serverKey)).status).toBe(403)
    await expectStatus(ctx.request('GET', `/v1/sites/${site.id}`), 200)
    await expectStatus(deleteSite(site.id), 204)
    const again = await expectStatus(deleteSite(site.id), 404)
    expect(again.headers.get('content-type')).toContain('application/problem+json')
    await expectStatus(deleteSite('no-such-site'), 404)
  })
})
