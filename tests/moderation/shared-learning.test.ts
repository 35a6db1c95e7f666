import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { bayesCorpora, bayesTokens } from '../../src/db/schema.js'
import { SERVER_CORPUS } from '../../src/moderation/learning.js'
import { type Body, expectStatus, type TestSite, useTestApp } from '../helpers/app.js'

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
