import { describe, expect, it } from 'vitest'
import { type Body, expectStatus } from '../helpers/app.js'
import { learnedPoints, spamTexts, useAkismetServer } from './client-server.js'

/** Reports sent by `akismet-api` v6 (submitSpam, submitHam) teach Vigil as moderators' decisions do. */

const { ctx, clientFor, aReader, rawCheck, storedCount, detail, storedWith } = useAkismetServer()

describe('reports teach Vigil, as moderators do', () => {
  // Promotion that no rule catches: approved at first.
  const watchTexts = [
    'Best deals on luxury watches this week, visit our watch shop for prices',
    'Great prices on luxury watches at our shop, the best watch deals online',
    'Luxury watches at the best prices, our watch shop has deals every week',
    'Our shop sells luxury watches at unbeatable prices, best deals this month',
  ]
  const nextWatchText = 'Luxury watch deals at our shop this week, the best prices on watches'
  const readersHam = [
    'The council vote on the new tram line was closer than the article suggests.',
    'My grandmother remembers the same debate about the bridge back in the seventies.',
    'Thanks for covering the school closures, parents here had heard nothing official.',
    'The interview with the harbour workers was the most useful part of this report.',
  ]

  it('submitSpam: after a few reports, a new comment like them is no longer approved', async () => {
    const site = await ctx.newSite()
    // Learning is trusted once the site has this many of each class (4 of each makes it fully trusted).
    await expectStatus(
      ctx.request('PATCH', `/v1/sites/${site.id}/settings`, { body: { learningMinMessages: 1 } }),
      200,
    )
    const client = clientFor(site.serverKey)
    const probe = aReader({ content: nextWatchText })
    const untaught = await rawCheck(site.serverKey, { ...probe, isTest: true })
    expect(untaught).toMatchObject({ body: 'false', score: 0 })

    // Readers' comments the site confirms as ham, and the promotion it reports as missed spam.
    for (const content of readersHam) {
      const comment = aReader({ content })
      expect(await client.checkSpam(comment)).toBe(false)
      await client.submitHam(comment)
    }
    const first = aReader({ content: watchTexts[0] ?? '' })
    const firstCheck = await rawCheck(site.serverKey, first)
    expect(firstCheck).toMatchObject({ body: 'false', status: 'approved' })
    const reported = [first]
    for (const content of watchTexts.slice(1)) {
      const comment = aReader({ content })
      expect(await client.checkSpam(comment)).toBe(false)
      reported.push(comment)
    }
    for (const comment of reported) await client.submitSpam(comment)
    expect((await detail(site, firstCheck.guid)).status).toBe('spam')
    for (const content of watchTexts) expect((await storedWith(site, content)).status).toBe('spam')

    // The same probe, from the same new reader, now hears what the reports taught: enough to mark it spam.
    const taught = await rawCheck(site.serverKey, { ...probe, isTest: true })
    expect(learnedPoints(taught.reasons)).toBeGreaterThanOrEqual(2)
    expect(taught.score).toBeGreaterThanOrEqual(2)

    // Sent for real: akismet-api hears `true`, and the moderators find it marked spam, because of learning.
    expect(await client.checkSpam(probe)).toBe(true)
    const stored = await storedWith(site, nextWatchText)
    expect(stored.status).toBe('spam')
    const learned = stored.reasons.find((reason: Body) => reason.rule === 'learned')
    expect(learned?.score).toBeGreaterThan(0)
    expect(learned?.detail).toContain("this site's moderators")

    // A comment like it that Vigil only holds would still be no ham: Vigil's own header says which.
    const another = await rawCheck(
      site.serverKey,
      aReader({
        content: 'This week only: deals on luxury watches, visit our watch shop for the best prices',
      }),
    )
    expect(['pending', 'spam']).toContain(another.status)
    expect(learnedPoints(another.reasons)).toBeGreaterThan(0)
    expect((await detail(site, another.guid)).status).toBe(another.status)
  })

  it('submitHam on a comment Vigil marked spam approves it, once however often it is sent', async () => {
    const site = await ctx.newSite()
    const client = clientFor(site.serverKey)
    const comment = aReader({ content: spamTexts.casino })
    expect(await client.checkSpam(comment)).toBe(true)
    const before = await storedWith(site, spamTexts.casino)
    expect(before.status).toBe('spam')

    await client.submitHam(comment)
    await client.submitHam(comment)

    const after = await detail(site, before.id)
    expect(after.status).toBe('approved')
    expect(
      after.history.map((event: Body) => `${event.action}:${event.fromStatus}→${event.toStatus}`),
    ).toEqual(['submit:null→spam', 'akismet-submit-ham:spam→approved'])
    expect(await storedCount(site)).toBe(1)
    // The client, checking the same comment again, hears the site's decision.
    expect(await client.checkSpam(comment)).toBe(false)
  })
})
