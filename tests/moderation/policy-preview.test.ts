import { describe, expect, it } from 'vitest'
import { previewPolicy } from '../../src/moderation/preview.js'
import { getSite } from '../../src/sites/sites.js'
import { ruleIds } from '../../src/spam/rules/catalogue.js'
import { type Body, expectStatus, json, type TestSite, useTestApp } from '../helpers/app.js'

const ctx = useTestApp()

const preview = (site: TestSite, body: unknown, token?: string) =>
  ctx.request('POST', `/v1/sites/${site.id}/policy/preview`, { body, ...(token ? { token } : {}) })

describe('POST /v1/sites/{site}/policy/preview', () => {
  it('reports which verdicts a candidate policy would change, which way, with examples', async () => {
    const site = await ctx.newSite()
    const casino = await ctx.submit(site, {
      content: 'Je suis allé au casino de Deauville cet été, très beau bâtiment.',
    })
    await ctx.submit(site, { content: 'Un commentaire ordinaire sur la politique locale.' })
    const linked = await ctx.submit(site, {
      content: 'Sources : https://a.example/rapport https://b.example/etude',
    })
    expect(linked.status).toBe('pending')

    const report = await json(
      expectStatus(preview(site, { settings: { blockedTerms: ['casino'], maxLinks: 3 } }), 200),
    )
    expect(report.replayed).toBe(3)
    expect(report.changed).toBe(2)
    expect(report.transitions).toEqual({ 'approved→spam': 1, 'pending→approved': 1 })
    const byId = new Map(report.examples.map((example: Body) => [example.id, example]))
    expect(byId.get(casino.id)).toMatchObject({
      excerpt: expect.stringContaining('casino'),
      current: { verdict: 'approved' },
      candidate: { verdict: 'spam', rules: expect.arrayContaining(['blocked-term']) },
    })
    expect(byId.get(linked.id)).toMatchObject({
      current: { verdict: 'pending' },
      candidate: { verdict: 'approved' },
    })
  })

  it('says which changes it cannot replay, rather than reporting that they change nothing', async () => {
    const site = await ctx.newSite()
    await ctx.submit(site, { content: 'Un commentaire ordinaire sur la politique locale.' })
    const report = async (settings: Body) =>
      (await json(expectStatus(preview(site, { settings }), 200))).notReplayed
    expect(await report({ maxLinks: 3 })).toEqual([])
    expect(await report({ duplicateWindowHours: 1, floodIntervalSeconds: 60, maxLinks: 3 })).toEqual([
      'duplicateWindowHours',
      'floodIntervalSeconds',
    ])
    // A higher minimum is replayed (each opinion keeps what it was trained on); a lower one is not.
    expect(await report({ learningMinMessages: 80 })).toEqual([])
    expect(await report({ learningMinMessages: 10 })).toEqual(['learningMinMessages'])
    // The current value again is no change.
    expect(await report({ duplicateWindowHours: 24 })).toEqual([])
  })

  it('replays a filled honeypot on a site that weighed it 0, when the candidate weighs it again', async () => {
    const site = await ctx.newSite({ settings: { weights: { honeypot: 0 } } })
    const bot = await ctx.submit(site, {
      content: 'Un commentaire ordinaire sur la politique locale.',
      honeypot: 'http://bot.example',
    })
    expect(bot).toMatchObject({ status: 'approved', reasons: [] })

    const report = await json(expectStatus(preview(site, { settings: { weights: null } }), 200))
    expect(report).toMatchObject({ changed: 1, transitions: { 'approved→spam': 1 }, notReplayed: [] })
    expect(report.examples[0]).toMatchObject({
      id: bot.id,
      candidate: { verdict: 'spam', rules: ['honeypot'] },
    })
  })

  it("leaves an administrator's comment approved, as intake approves it whatever the policy", async () => {
    const site = await ctx.newSite()
    // WordPress names the role of a logged-in author: Akismet's door stores their comment approved, always.
    const form = new URLSearchParams({
      api_key: site.serverKey,
      blog: 'https://blog.example',
      user_ip: '203.0.113.9',
      comment_author: 'La rédaction',
      user_role: 'administrator',
      comment_content: 'Le casino de Deauville rouvre demain : notre reportage complet ce soir.',
    })
    const check = await ctx.request('POST', '/1.1/comment-check', {
      rawBody: new TextEncoder().encode(form.toString()),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      token: null,
    })
    expect(check.headers.get('x-vigil-status')).toBe('approved')

    const report = await json(preview(site, { settings: { blockedTerms: ['casino'], moderation: 'all' } }))
    expect(report).toMatchObject({ replayed: 1, changed: 0, transitions: {}, examples: [] })
  })

  it('leaves out what is left of a comment whose author had their data erased', async () => {
    const site = await ctx.newSite()
    const blocking = { body: { blockedTerms: ['casino'] } }
    await expectStatus(ctx.request('PATCH', `/v1/sites/${site.id}/settings`, blocking), 200)
    const email = 'jeanne@example.org'
    const spam = await ctx.submit(site, {
      author: { name: 'Jeanne', email },
      content: 'Meilleur casino en ligne',
    })
    expect(spam.status).toBe('spam')
    // A reply by someone else keeps it, anonymised: its text, author and facts are gone, its status is not.
    await ctx.submit(site, { parentId: spam.id })
    const erase = ctx.request('POST', `/v1/sites/${site.id}/privacy/erase`, {
      token: site.serverKey,
      body: { email },
    })
    expect((await json(erase)).anonymised).toEqual([spam.id])

    const report = await json(preview(site, { settings: { moderation: 'all' } }))
    // Replayed, "[erased]" would pass as an approved comment moving to pending: it is spam, and stays so.
    expect(report.examples.map((example: Body) => example.id)).not.toContain(spam.id)
    expect(report.replayed).toBe(1)
  })

  it('changes nothing it previews: the stored comments and the policy stay as they were', async () => {
    const site = await ctx.newSite()
    const comment = await ctx.submit(site, { content: 'Le meilleur casino en ligne' })
    await expectStatus(preview(site, { settings: { blockedTerms: ['casino'] } }), 200)
    const settings = await json(ctx.request('GET', `/v1/sites/${site.id}/settings`))
    expect(settings.blockedTerms).toEqual([])
    const stored = await json(ctx.request('GET', `/v1/sites/${site.id}/comments/${comment.id}`))
    expect(stored).toMatchObject({ status: 'approved', version: 1 })
  })

  it('counts, against moderators, genuine comments a policy would mark as spam', async () => {
    const site = await ctx.newSite()
    // Only comments a moderator decided carry a label: an automatically approved one does not count.
    await ctx.submit(site, { content: 'Je joue au casino de Deauville chaque été, très belle ville.' })
    const held = await ctx.submit(site, {
      content: 'Casino et hôtel à Deauville : https://a.example https://b.example',
    })
    await expectStatus(ctx.request('POST', `/v1/sites/${site.id}/comments/${held.id}/approve`), 200)
    const report = await json(preview(site, { settings: { blockedTerms: ['casino'] } }))
    expect(report.againstModerators).toEqual({
      decided: 1,
      approvedMarkedSpam: { current: 0, candidate: 1 },
      spamApproved: { current: 0, candidate: 0 },
    })
  })

  it("leaves the learned model out where the candidate's learningMinMessages would not trust it yet", async () => {
    const site = await ctx.newSite()
    const settings = (body: unknown) =>
      expectStatus(ctx.request('PATCH', `/v1/sites/${site.id}/settings`, { body }), 200)
    await settings({ moderation: 'all', learningMinMessages: 3 })
    const teach = async (content: string, action: string) => {
      const { id } = await ctx.submit(site, { content })
      await expectStatus(ctx.request('POST', `/v1/sites/${site.id}/comments/${id}/${action}`), 200)
    }
    for (const item of ['watches', 'handbags', 'sunglasses', 'belts'])
      await teach(`Cheap replica ${item} at our discount outlet, best replica prices online`, 'spam')
    for (const topic of ['retraites', 'budget', 'santé', 'école'])
      await teach(
        `Le débat sur la réforme ${topic} à l'Assemblée reprendra mardi, disent les syndicats`,
        'approve',
      )
    await settings({ moderation: 'auto' })
    // Held by what moderators taught alone (not yet mature: half its points).
    const held = await ctx.submit(site, { content: 'Cheap discount outlet, best prices online' })
    expect(held).toMatchObject({ status: 'pending', reasons: [expect.objectContaining({ rule: 'learned' })] })

    // With 4 decided of each class, a minimum of 10 leaves the site's model unused: intake would approve it.
    const report = await json(preview(site, { settings: { learningMinMessages: 10 }, limit: 1 }))
    expect(report.transitions).toEqual({ 'pending→approved': 1 })
    expect(report.examples[0]).toMatchObject({ id: held.id, candidate: { rules: [] } })
  })

  it('replays at most the requested number of the latest comments', async () => {
    const site = await ctx.newSite()
    for (let i = 0; i < 3; i++) await ctx.submit(site)
    expect(await json(preview(site, { settings: {}, limit: 2 }))).toMatchObject({
      replayed: 2,
      truncated: false,
    })
  })

  it('replays at most 500 comments, and says so when more were asked for', async () => {
    const site = await ctx.newSite()
    for (let i = 0; i < 8; i++) await ctx.submit(site)
    const stored = await getSite(ctx.database.db, site.id)
    const capped = await previewPolicy(ctx.database.db, stored, { maxLinks: 1 }, 10, { maxComments: 5 })
    expect(capped).toMatchObject({ replayed: 5, truncated: true })
    // A site with fewer comments than the cap, or exactly as many, was not cut short.
    const few = await previewPolicy(ctx.database.db, stored, { maxLinks: 1 }, 10, { maxComments: 50 })
    expect(few).toMatchObject({ replayed: 8, truncated: false })
    const all = await previewPolicy(ctx.database.db, stored, { maxLinks: 1 }, 10, { maxComments: 8 })
    expect(all).toMatchObject({ replayed: 8, truncated: false })
    // Limits up to 5 000 are accepted as they were before the cap; more is refused.
    await expectStatus(preview(site, { settings: {}, limit: 5_000 }), 200)
    const refused = await preview(site, { settings: {}, limit: 5_001 })
    expect(refused.status).toBe(400)
    expect((await json(refused)).errors).toEqual([expect.objectContaining({ path: 'limit' })])
    // A misspelt limit is refused, not replaced by the default of 500 comments.
    const misspelt = await json(expectStatus(preview(site, { settings: {}, limt: 3 }), 400))
    expect(misspelt.errors).toEqual([expect.objectContaining({ path: 'limt' })])
  })

  it('stops when its time is up, and says how many comments it replayed', async () => {
    const site = await ctx.newSite()
    for (let i = 0; i < 30; i++) await ctx.submit(site)
    const stored = await getSite(ctx.database.db, site.id)
    // With no time at all, it replays a first batch (at most 25 comments) before it looks at the clock.
    const cut = await previewPolicy(ctx.database.db, stored, { maxLinks: 1 }, 500, { budgetMs: 0 })
    expect(cut.truncated).toBe(true)
    expect(cut.replayed).toBeGreaterThan(0)
    expect(cut.replayed).toBeLessThanOrEqual(25)
    const whole = await previewPolicy(ctx.database.db, stored, { maxLinks: 1 }, 500)
    expect(whole).toMatchObject({ replayed: 30, truncated: false })
  })

  it('is for the admin only, and validates the candidate settings', async () => {
    const site = await ctx.newSite()
    expect((await preview(site, { settings: {} }, site.moderatorKey)).status).toBe(403)
    const invalid = await preview(site, { settings: { thresholds: { hold: 9, spam: 1 } } })
    expect(invalid.status).toBe(400)
    expect((await json(invalid)).errors).toEqual([
      expect.objectContaining({ path: 'settings.thresholds.hold' }),
    ])
  })
})

describe('GET /v1/rules', () => {
  it('lists every rule with its default weight and what it looks for', async () => {
    const { items } = await json(ctx.request('GET', '/v1/rules', { token: null }))
    expect(items).toEqual(
      expect.arrayContaining([
        { id: 'honeypot', weight: 10, summary: expect.any(String) },
        expect.objectContaining({ id: 'links' }),
      ]),
    )
  })

  it('names every id a site may weigh, the learned model last, as its reason comes after the rules', async () => {
    const { items } = await json(ctx.request('GET', '/v1/rules', { token: null }))
    expect(new Set(items.map((item: { id: string }) => item.id))).toEqual(new Set(ruleIds))
    expect(items.at(-1)).toEqual({ id: 'learned', weight: 1, summary: expect.stringMatching(/multipl/i) })
  })
})
