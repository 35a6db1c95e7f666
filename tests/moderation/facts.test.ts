import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { readContext, type Submission, sketchFor } from '../../src/moderation/facts.js'
import { createIdentityHasher } from '../../src/moderation/identity-hasher.js'
import { createLearnedCache } from '../../src/moderation/learned-cache.js'
import { analyseText } from '../../src/spam/analysis.js'
import { contentFingerprint } from '../../src/spam/normalize.js'
import { defaultPolicy } from '../../src/spam/policy.js'
import { type TestSite, useTestApp } from '../helpers/app.js'

const ctx = useTestApp()
// Past the 15 s flood interval: some tests post several comments from one IP.
const MINUTE = 60_000

function submission(site: TestSite, content: string, extra: Partial<Submission> = {}): Submission {
  return {
    siteId: site.id,
    articleId: 'elsewhere',
    authorName: 'Someone new',
    emailHash: null,
    ipHash: null,
    authorUrlHost: null,
    contentHash: contentFingerprint(content),
    sketch: sketchFor(analyseText(content).skeleton),
    repostFromSameAddressOnly: false,
    now: ctx.clock.now(),
    ...extra,
  }
}

const pitch = 'Recover your lost crypto in 24 hours, our certified experts never fail, write to us today'

describe('what intake reads before scoring, in one statement', () => {
  it('count identical comments by anyone on the site within the duplicate window', async () => {
    const site = await ctx.newSite()
    await ctx.submit(site, { content: pitch }, MINUTE)
    await ctx.submit(site, { content: pitch.toUpperCase(), articleId: 'article-2' }, MINUTE)
    const facts = await factsOf(submission(site, pitch), defaultPolicy)
    expect(facts.duplicates).toEqual({ identical: 2, similar: 0 })
  })

  it('count near-identical comments (trigram similarity of at least 80 %, estimated from sketches), in any script', async () => {
    const site = await ctx.newSite()
    await ctx.submit(site, { content: pitch }, MINUTE)
    await ctx.submit(
      site,
      {
        content: 'Ваш комментарий о реформе пенсионной системы очень интересный и полезный для всех',
      },
      MINUTE,
    )
    const variant = pitch.replace('24 hours', '48 hours').replace('today', 'now')
    expect((await factsOf(submission(site, variant), defaultPolicy)).duplicates).toEqual({
      identical: 0,
      similar: 1,
    })
    const russianVariant = 'Ваш комментарий о реформе пенсионной системы очень интересный и полезный для нас'
    expect((await factsOf(submission(site, russianVariant), defaultPolicy)).duplicates.similar).toBe(1)
  })

  it('leave short texts and comments older than the window out', async () => {
    const site = await ctx.newSite()
    await ctx.submit(site, { content: 'Merci !' }, MINUTE)
    await ctx.submit(site, { content: pitch }, MINUTE)
    ctx.clock.advance(25 * 60 * 60 * 1000)
    const facts = await factsOf(submission(site, 'Merci !!'), defaultPolicy)
    expect(facts.duplicates).toEqual({ identical: 0, similar: 0 })
    const old = await factsOf(submission(site, pitch), defaultPolicy)
    expect(old.duplicates).toEqual({ identical: 0, similar: 0 })
  })

  it("never look at another site's comments", async () => {
    const [site, other] = [await ctx.newSite(), await ctx.newSite()]
    await ctx.submit(other, { content: pitch }, MINUTE)
    const facts = await factsOf(submission(site, pitch), defaultPolicy)
    expect(facts.duplicates).toEqual({ identical: 0, similar: 0 })
  })

  it("report the sender's activity: its latest comment from its IP and from its IP or e-mail, and the last hour's", async () => {
    const site = await ctx.newSite()
    for (let i = 0; i < 3; i++)
      await ctx.submit(
        site,
        {
          ip: '203.0.113.7',
          content: `Message numéro ${i}`,
          author: { name: 'Mina', email: 'mina@example.org' },
        },
        MINUTE,
      )
    const byIp = await activityOf({
      ...submission(site, 'x'),
      ipHash: await hashOf('ip', '203.0.113.7'),
    })
    expect(byIp.lastHour).toBe(3)
    expect(byIp.latestFromAddress).toEqual(new Date(ctx.clock.now()))
    const byEmailAlone = await activityOf({
      ...submission(site, 'x'),
      emailHash: await hashOf('email', 'mina@example.org'),
    })
    expect(byEmailAlone).toEqual({
      latestFromAddress: null,
      latestFromSender: new Date(ctx.clock.now()),
      lastHour: 3,
    })
    ctx.clock.advance(61 * 60 * 1000)
    const later = await activityOf({
      ...submission(site, 'x'),
      ipHash: await hashOf('ip', '203.0.113.7'),
    })
    expect(later).toEqual({ latestFromAddress: null, latestFromSender: null, lastHour: 0 })
  })

  // Reputation stored before addresses were canonical (2555d95) is under the hash of the address as typed then.
  it("count an accented address's standing under the spellings earlier versions stored it by, too", async () => {
    const site = await ctx.newSite()
    const [canonical, decomposed] = await Promise.all([
      hashOf('email', 'josé@café.example'),
      hashOf('email', 'josé@café.example'.normalize('NFD')),
    ])
    await ctx.database.db.execute(sql`insert into reputation (site_id, subject, approved, spam) values
      (${site.id}, ${`e:${canonical}`}, 1, 0), (${site.id}, ${`e:${decomposed}`}, 3, 1)`)
    const facts = await factsOf(
      { ...submission(site, 'x'), emailHash: canonical, earlierEmailHashes: [decomposed] },
      defaultPolicy,
    )
    expect(facts.email).toEqual({ approved: 4, spam: 1 })
  })

  it('find the comment by which the same author already posted the same text on the same article', async () => {
    const site = await ctx.newSite()
    const first = await ctx.submit(site, {
      content: pitch,
      articleId: 'elsewhere',
      author: { name: 'Amélie' },
    })
    const named = (authorName: string, articleId = 'elsewhere') =>
      readContext(ctx.database.db, { ...submission(site, pitch), authorName, articleId }, defaultPolicy)
    const sameAuthor = 'Amélie'
    expect((await named(sameAuthor)).repostOf).toBe(first.id)
    expect((await named('Someone else')).repostOf).toBeNull()
    expect((await named(sameAuthor, 'another-article')).repostOf).toBeNull()
  })

  it('read the learned counts of the tokens asked about, for the site and for the server, and nothing else', async () => {
    const site = await ctx.newSite()
    const other = await ctx.newSite()
    await ctx.database.db.execute(sql`insert into bayes_tokens (site_id, token, spam, ham) values
      (${site.id}, 'casino', 7, 1), (${site.id}, 'débat', 0, 9), ('*', 'casino', 40, 2), (${other.id}, 'casino', 3, 3)`)
    await ctx.database.db.execute(sql`insert into bayes_corpora (site_id, spam_messages, ham_messages) values
      (${site.id}, 12, 30), ('*', 90, 200), (${other.id}, 5, 5)`)
    const cache = createLearnedCache()
    const { learned } = await readContext(ctx.database.db, submission(site, pitch), defaultPolicy, {
      cache,
      request: cache.request(site.id, ['casino', 'inconnu']),
    })
    expect(learned.site).toEqual({
      spamMessages: 12,
      hamMessages: 30,
      tokens: new Map([['casino', { spam: 7, ham: 1 }]]),
    })
    expect(learned.server).toEqual({
      spamMessages: 90,
      hamMessages: 200,
      tokens: new Map([['casino', { spam: 40, ham: 2 }]]),
    })
  })
})

const factsOf = async (input: Submission, policy: typeof defaultPolicy) =>
  (await readContext(ctx.database.db, input, policy)).facts
const activityOf = async (input: Submission) =>
  (await readContext(ctx.database.db, input, defaultPolicy)).activity

const hashOf = (kind: 'ip' | 'email', value: string) =>
  createIdentityHasher(ctx.database.db, ctx.clock).hash(kind, value)
