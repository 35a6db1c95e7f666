import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { bayesCorpora, bayesTokens, comments } from '../../src/db/schema.js'
import { SERVER_CORPUS } from '../../src/moderation/learning.js'
import { ADMIN_TOKEN, type Body, expectStatus, type TestSite, useTestApp } from '../helpers/app.js'

// A server whose sites do not trust one another: one organisation's moderators must not teach another's model.
const ctx = useTestApp({ SHARED_LEARNING: 'false' })

const spamTexts = [
  'Cheap replica watches at our discount outlet, best replica prices online',
  'Discount replica handbags outlet, cheap designer replica shipping worldwide',
  'Best replica watches outlet store, cheap prices and discount codes today',
]
const hamTexts = [
  "Le gouvernement doit présenter la réforme des retraites devant l'Assemblée avant le débat budgétaire",
  "Le débat à l'Assemblée sur les retraites montre que la réforme manque de financement clair",
  'La réforme des retraites divise encore la majorité, le débat reprendra mardi à l’Assemblée',
]

const decide = (site: TestSite, id: string, action: string) =>
  expectStatus(
    ctx.request('POST', `/v1/sites/${site.id}/comments/${id}/${action}`, { token: site.moderatorKey }),
    200,
  )

/** A site whose model is trusted after 3 decisions of each class. */
async function siteLearningAfterThree() {
  const site = await ctx.newSite()
  await expectStatus(
    ctx.request('PATCH', `/v1/sites/${site.id}/settings`, {
      body: { moderation: 'all', learningMinMessages: 3 },
    }),
    200,
  )
  return site
}

const learnedReason = (comment: Body) => comment.reasons.find((reason: Body) => reason.rule === 'learned')

describe('SHARED_LEARNING=false', () => {
  it("keeps each site's learning to itself: nothing reaches the server's model, nor another site", async () => {
    const teacher = await siteLearningAfterThree()
    for (const text of spamTexts)
      await decide(teacher, (await ctx.submit(teacher, { content: text })).id, 'spam')
    for (const text of hamTexts)
      await decide(teacher, (await ctx.submit(teacher, { content: text })).id, 'approve')

    const serverCounts = await ctx.database.db
      .select()
      .from(bayesTokens)
      .where(eq(bayesTokens.siteId, SERVER_CORPUS))
    expect(serverCounts).toEqual([])
    expect(
      await ctx.database.db.select().from(bayesCorpora).where(eq(bayesCorpora.siteId, SERVER_CORPUS)),
    ).toEqual([])

    // The teacher's own model speaks on its own site...
    const own = await ctx.submit(teacher, { content: 'Cheap replica watches, discount outlet prices' })
    expect(learnedReason(own)?.detail).toContain("this site's moderators (3 spam, 3 approved)")
    // ...and says nothing on another one, which has learned nothing yet.
    const newcomer = await siteLearningAfterThree()
    const elsewhere = await ctx.submit(newcomer, { content: 'Cheap replica watches, discount outlet prices' })
    expect(learnedReason(elsewhere)).toBeUndefined()
  })
})

describe('turning SHARED_LEARNING on or off on a server that has learned', () => {
  // Another process on the same database, of a configuration that shares (the server's earlier or later one).
  const sharing = () =>
    createApp({
      db: ctx.database.db,
      config: loadConfig({ ADMIN_TOKEN, NODE_ENV: 'test', SHARED_LEARNING: 'true' }),
      clock: ctx.clock,
    })
  const decideOn = (app: ReturnType<typeof sharing>, site: TestSite, id: string, action: string) =>
    expectStatus(
      app.request(`/v1/sites/${site.id}/comments/${id}/${action}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${site.moderatorKey}` },
      }),
      200,
    )
  const serverTotals = async () => {
    const [corpus] = await ctx.database.db
      .select()
      .from(bayesCorpora)
      .where(eq(bayesCorpora.siteId, SERVER_CORPUS))
    return { spam: corpus?.spamMessages ?? 0, ham: corpus?.hamMessages ?? 0 }
  }
  const serverCountsOf = async (token: string) => {
    const [row] = await ctx.database.db
      .select()
      .from(bayesTokens)
      .where(and(eq(bayesTokens.siteId, SERVER_CORPUS), eq(bayesTokens.token, token)))
    return { spam: row?.spam ?? 0, ham: row?.ham ?? 0 }
  }
  const learnedTokensOf = async (id: string) => {
    const [row] = await ctx.database.db.select().from(comments).where(eq(comments.id, id))
    return row?.learnedTokens ?? []
  }

  /** Another site, sharing, marks `text` as spam: one of its tokens, and the server's counts once it has. */
  const taughtByANeighbour = async (text: string) => {
    const neighbour = await siteLearningAfterThree()
    const taught = await ctx.submit(neighbour, { content: text })
    await decideOn(sharing(), neighbour, taught.id, 'spam')
    const [token = ''] = await learnedTokensOf(taught.id)
    return { token, before: { totals: await serverTotals(), counts: await serverCountsOf(token) } }
  }

  it('a decision taught while sharing is taken back from the server model when reversed after sharing stopped', async () => {
    const site = await siteLearningAfterThree()
    const before = await serverTotals()
    const { id } = await ctx.submit(site, {
      content: 'Replica watch outlet, cheap prices and free shipping today',
    })
    await decideOn(sharing(), site, id, 'spam')
    const [token = ''] = await learnedTokensOf(id)
    expect(await serverTotals()).toEqual({ spam: before.spam + 1, ham: before.ham })
    const taught = await serverCountsOf(token)

    await decide(site, id, 'approve')
    expect(await serverTotals()).toEqual(before)
    expect(await serverCountsOf(token)).toEqual({ spam: taught.spam - 1, ham: taught.ham })
  })

  it('a comment learned while not sharing takes nothing from the server model that other sites taught it', async () => {
    const text = 'Discount replica handbags outlet with worldwide shipping, best prices'
    const { token, before } = await taughtByANeighbour(text)
    const site = await siteLearningAfterThree()

    const { id } = await ctx.submit(site, { content: text })
    await decide(site, id, 'spam')
    expect(await serverTotals()).toEqual(before.totals)
    // Sharing turned on since: reversing it teaches the server the approval, and gives back no spam it never got.
    await decideOn(sharing(), site, id, 'approve')
    expect(await serverTotals()).toEqual({ spam: before.totals.spam, ham: before.totals.ham + 1 })
    expect(await serverCountsOf(token)).toEqual({ spam: before.counts.spam, ham: before.counts.ham + 1 })
  })

  it("erasing a person whose comments taught only their site leaves the server model's counts alone", async () => {
    const text = 'Best replica watches outlet store with discount codes for every order'
    const { token, before } = await taughtByANeighbour(text)
    const site = await siteLearningAfterThree()

    const author = { name: 'Vendeur', email: 'vendeur@example.net' }
    const { id } = await ctx.submit(site, { content: text, author })
    await decide(site, id, 'spam')
    await expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/privacy/erase`, { body: { email: author.email } }),
      200,
    )
    expect(await serverTotals()).toEqual(before.totals)
    expect(await serverCountsOf(token)).toEqual(before.counts)
  })
})
