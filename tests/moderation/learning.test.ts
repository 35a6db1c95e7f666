import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { bayesCorpora, comments, reputation } from '../../src/db/schema.js'
import { aComment, type Body, expectStatus, json, type TestSite, useTestApp } from '../helpers/app.js'

const ctx = useTestApp()

const spamTexts = [
  'Cheap replica watches at our discount outlet, best replica prices online',
  'Discount replica handbags outlet, cheap designer replica shipping worldwide',
  'Best replica watches outlet store, cheap prices and discount codes today',
  'Replica sunglasses outlet with discount, cheap luxury replica for everyone',
]
const hamTexts = [
  "Le gouvernement doit présenter la réforme des retraites devant l'Assemblée avant le débat budgétaire",
  "Le débat à l'Assemblée sur les retraites montre que la réforme manque de financement clair",
  'La réforme des retraites divise encore la majorité, le débat reprendra mardi à l’Assemblée',
  "Les syndicats contestent la réforme des retraites et demandent un vrai débat à l'Assemblée",
]

const decide = (site: TestSite, id: string, action: string) =>
  expectStatus(
    ctx.request('POST', `/v1/sites/${site.id}/comments/${id}/${action}`, { token: site.moderatorKey }),
    200,
  )

async function corpus(siteId: string) {
  const [row] = await ctx.database.db.select().from(bayesCorpora).where(eq(bayesCorpora.siteId, siteId))
  return { spam: row?.spamMessages ?? 0, ham: row?.hamMessages ?? 0 }
}

/** A site that holds everything, so every comment passes a moderator, and trusts learning after 3 of each. */
async function trainedSite() {
  const site = await ctx.newSite()
  await expectStatus(
    ctx.request('PATCH', `/v1/sites/${site.id}/settings`, {
      body: { moderation: 'all', learningMinMessages: 3 },
    }),
    200,
  )
  const spam = await Promise.all(spamTexts.map((text) => ctx.submit(site, { content: text })))
  const ham = await Promise.all(hamTexts.map((text) => ctx.submit(site, { content: text })))
  for (const comment of spam) await decide(site, comment.id, 'spam')
  for (const comment of ham) await decide(site, comment.id, 'approve')
  return { site, spam, ham }
}

describe('learning from moderators', () => {
  it('counts each decision once: approve teaches ham, spam teaches spam', async () => {
    const { site } = await trainedSite()
    expect(await corpus(site.id)).toEqual({ spam: 4, ham: 4 })
  })

  it("gives the next comment a reason from what the site's moderators taught it", async () => {
    const { site } = await trainedSite()
    const spammy = await ctx.submit(site, { content: 'Cheap replica watches, discount outlet prices' })
    const learned = spammy.reasons.find((reason: Body) => reason.rule === 'learned')
    expect(learned).toMatchObject({ score: expect.any(Number), detail: expect.stringContaining('replica') })
    expect(learned.score).toBeGreaterThan(0)
    expect(learned.detail).toContain("this site's moderators (4 spam, 4 approved)")

    const genuine = await ctx.submit(site, {
      content: 'Le débat sur la réforme des retraites à l’Assemblée est essentiel',
    })
    const trusted = genuine.reasons.find((reason: Body) => reason.rule === 'learned')
    expect(trusted.score).toBeLessThan(0)
  })

  it("learns a comment by the tokens it was judged by, not by the model's own reason", async () => {
    const { site } = await trainedSite()
    const spammy = await ctx.submit(site, { content: 'Cheap replica watches, discount outlet prices' })
    expect(spammy.reasons.map((reason: Body) => reason.rule)).toContain('learned')
    await decide(site, spammy.id, 'spam')
    const [stored] = await ctx.database.db.select().from(comments).where(eq(comments.id, spammy.id))
    // The model's verdict is added once it has judged: a token for it would be learned and never judged by.
    expect(stored?.learnedTokens).toEqual(expect.arrayContaining(['replica', 'watches']))
    expect(stored?.learnedTokens).not.toContain('r:learned')
  })

  it('undoes what a decision taught when a moderator reverses it', async () => {
    const { site, spam } = await trainedSite()
    for (const comment of spam) await decide(site, comment.id, 'approve')
    expect(await corpus(site.id)).toEqual({ spam: 0, ham: 8 })
    // With no spam of its own left, the site's model is no longer trusted (other sites' may still speak).
    const next = await ctx.submit(site, { content: 'Cheap replica watches, discount outlet prices' })
    const learned = next.reasons.find((reason: Body) => reason.rule === 'learned')
    expect(learned?.detail ?? '').not.toContain("this site's moderators")
  })

  it('learns nothing from a plain rejection, and forgets the label of a rejected comment', async () => {
    const { site, ham } = await trainedSite()
    await decide(site, ham[0]?.id ?? '', 'reject')
    expect(await corpus(site.id)).toEqual({ spam: 4, ham: 3 })
    const pending = await ctx.submit(site, {
      content: 'Un avis parfaitement ordinaire sur la question du jour.',
    })
    await decide(site, pending.id, 'reject')
    expect(await corpus(site.id)).toEqual({ spam: 4, ham: 3 })
  })

  it('uses nothing learned until the site has seen enough of both classes', async () => {
    const site = await ctx.newSite()
    await ctx.request('PATCH', `/v1/sites/${site.id}/settings`, {
      body: { moderation: 'all', learningMinMessages: 10 },
    })
    const first = await ctx.submit(site, { content: spamTexts[0] ?? '' })
    await decide(site, first.id, 'spam')
    const next = await ctx.submit(site, { content: spamTexts[1] ?? '' })
    const learned = next.reasons.find((reason: Body) => reason.rule === 'learned')
    expect(learned?.detail ?? '').not.toContain("this site's moderators")
  })

  it('lets a new site use what moderators taught on the whole server until it has learned enough itself', async () => {
    await trainedSite()
    const newcomer = await ctx.newSite()
    await ctx.request('PATCH', `/v1/sites/${newcomer.id}/settings`, { body: { learningMinMessages: 3 } })
    const comment = await ctx.submit(newcomer, { content: 'Cheap replica watches, discount outlet prices' })
    const learned = comment.reasons.find((reason: Body) => reason.rule === 'learned')
    expect(learned.detail).toContain("moderators' decisions on this server")
    expect(learned.score).toBeGreaterThan(0)
  })

  it('learns from a decision that confirms what intake decided, once', async () => {
    const site = await ctx.newSite()
    const comment = await ctx.submit(site, {
      content: 'Un avis tout à fait ordinaire sur le budget de la ville.',
    })
    expect(comment.status).toBe('approved')
    await decide(site, comment.id, 'approve')
    await decide(site, comment.id, 'approve')
    expect(await corpus(site.id)).toEqual({ spam: 0, ham: 1 })
    const detail = await json(ctx.request('GET', `/v1/sites/${site.id}/comments/${comment.id}`))
    expect(
      detail.history.map((event: Body) => `${event.action}:${event.fromStatus}→${event.toStatus}`),
    ).toEqual(['submit:null→approved', 'approve:approved→approved'])
  })
})

describe('reputation', () => {
  it("follows each comment's status: counted at intake and moved by decisions", async () => {
    const site = await ctx.newSite()
    const author = { name: 'Nadia', email: 'nadia@example.org', url: 'https://nadia.example' }
    const comment = await json(
      ctx.request('POST', `/v1/sites/${site.id}/comments`, {
        body: aComment({ author, ip: '198.51.100.20' }),
        token: site.serverKey,
      }),
    )
    const rows = async () =>
      (await ctx.database.db.select().from(reputation).where(eq(reputation.siteId, site.id)))
        .map(({ subject, approved, spam }) => ({ kind: subject.slice(0, 2), approved, spam }))
        .sort((a, b) => a.kind.localeCompare(b.kind))
    expect(await rows()).toEqual([
      { kind: 'e:', approved: 1, spam: 0 },
      { kind: 'h:', approved: 1, spam: 0 },
      { kind: 'i:', approved: 1, spam: 0 },
    ])
    await decide(site, comment.id, 'spam')
    expect(await rows()).toEqual([
      { kind: 'e:', approved: 0, spam: 1 },
      { kind: 'h:', approved: 0, spam: 1 },
      { kind: 'i:', approved: 0, spam: 1 },
    ])
    // Only hashes are kept for e-mails and IPs.
    const subjects = (
      await ctx.database.db.select().from(reputation).where(eq(reputation.siteId, site.id))
    ).map((row) => row.subject)
    expect(subjects.join(' ')).not.toContain('nadia@example.org')
    expect(subjects.join(' ')).not.toContain('198.51.100.20')
  })
})
