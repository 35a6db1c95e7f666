import { describe, expect, it } from 'vitest'
import { aComment, type Body, citingComments, json, type TestSite, useTestApp } from '../helpers/app.js'

/**
 * An e-mail address is not verified, and a reader's browser has no key: anyone can post under anyone's address.
 * What the engine alone concluded of such a comment says nothing of the address's owner, so it neither marks the
 * address as a spammer's (a stranger's spam under a reader's address held every later comment of theirs) nor
 * earns it trust (three harmless comments under a throwaway address bought a spammer the trusted-author bonus).
 * The address's standing moves when someone who speaks for the site vouches for the comment: a moderator
 * approving it (marking it spam judges its text, not the address on it), or the site's backend posting it with its
 * key. The sender's own network counts every verdict, as before.
 */
const ctx = useTestApp()

const READER = { name: 'Camille', email: 'camille@example.org' }

async function publicPost(site: TestSite, overrides: Record<string, unknown>, peer: string) {
  ctx.clock.advance(120_000)
  return json(
    ctx.request('POST', `/v1/sites/${site.id}/comments`, { body: aComment(overrides), token: null, peer }),
  )
}

const rulesOf = (comment: Body): string[] => comment.reasons.map((reason: Body) => reason.rule)

/** What the engine says of the reader's next comment, sent by the site's backend from a network of its own. */
async function readersNext(site: TestSite): Promise<string[]> {
  ctx.clock.advance(120_000)
  return rulesOf(await ctx.submit(site, { author: READER, ip: '203.0.113.200' }))
}

/** How many approvals the reader's address counts, read from the trust its next comment earns (none: spam too). */
async function approvalsOfReader(site: TestSite): Promise<number> {
  ctx.clock.advance(120_000)
  const comment = await ctx.submit(site, { author: READER, ip: '203.0.113.200' })
  const rules = rulesOf(comment)
  if (rules.includes('spam-history')) return Number.NaN
  const trust = comment.reasons.find((reason: Body) => reason.rule === 'trusted-author')
  if (!trust) return 0
  return Number(/^(\d+) earlier/.exec(trust.detail)?.[1] ?? 1)
}

const decide = (site: TestSite, id: string, action: 'approve' | 'spam') =>
  json(ctx.request('POST', `/v1/sites/${site.id}/comments/${id}/${action}`, { token: site.moderatorKey }))

describe("an e-mail address's standing", () => {
  it('is not marked by spam a caller without a key sent under it', async () => {
    const site = await ctx.newSite()
    expect((await ctx.submit(site, { author: READER, ip: '203.0.113.5' })).status).toBe('approved')
    await publicPost(site, { author: READER, honeypot: 'filled' }, '198.51.100.66')
    const rules = await readersNext(site)
    expect(rules).toContain('trusted-author')
    expect(rules).not.toContain('spam-history')
  })

  it('earns no trust from comments a caller without a key sent under it, however many were approved', async () => {
    const site = await ctx.newSite()
    for (const peer of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) {
      const answer = await publicPost(site, { author: READER }, peer)
      expect(answer.status).toBe('approved')
    }
    expect(await readersNext(site)).not.toContain('trusted-author')
  })

  it('counts such a comment only while a moderator holds it approved', async () => {
    const site = await ctx.newSite()
    const caught = await publicPost(site, { author: READER, honeypot: 'filled' }, '198.51.100.7')
    await decide(site, caught.id, 'approve')
    // Approved by a moderator: one approval, no spam (not the engine's spam taken back from nothing).
    expect(await approvalsOfReader(site)).toBe(1)
    // The approval reversed: what it gave is taken back, and the address gets no spam, as when marked spam at
    // once. The one approval left is the reader's own comment just sent by the backend.
    await decide(site, caught.id, 'spam')
    expect(await approvalsOfReader(site)).toBe(1)
    // Approved again, it counts again: the reader's two comments and this one.
    await decide(site, caught.id, 'approve')
    expect(await approvalsOfReader(site)).toBe(3)
  })

  it("counts a moderator's reversal on what the site's backend sent with its key", async () => {
    const site = await ctx.newSite()
    const sent = await ctx.submit(site, { author: READER, ip: '203.0.113.10' })
    expect(sent.status).toBe('approved')
    await decide(site, sent.id, 'spam')
    expect(await readersNext(site)).toContain('spam-history')
  })

  it('is not marked when a moderator confirms that such a comment is spam: its network is', async () => {
    const site = await ctx.newSite()
    expect((await ctx.submit(site, { author: READER, ip: '203.0.113.5' })).status).toBe('approved')
    const caught = await publicPost(site, { author: READER, honeypot: 'filled' }, '198.51.100.8')
    // Marking spam what the engine caught teaches the learned model: the moderator judged the text, not the address.
    await decide(site, caught.id, 'spam')
    const rules = await readersNext(site)
    expect(rules).toContain('trusted-author')
    expect(rules).not.toContain('spam-history')
    const fromTheSpammersNetwork = await publicPost(site, { content: citingComments[2] }, '198.51.100.8')
    const comment = await json(
      ctx.request('GET', `/v1/sites/${site.id}/comments/${fromTheSpammersNetwork.id}`),
    )
    expect(rulesOf(comment)).toContain('spam-history')
  })

  it("moves with the engine's verdict on what the site's backend sends with its key", async () => {
    const site = await ctx.newSite()
    await ctx.submit(site, { author: READER, honeypot: 'filled', ip: '203.0.113.9' })
    expect(await readersNext(site)).toContain('spam-history')
  })
})

describe("a sender's network", () => {
  it("counts the engine's verdicts on comments sent without a key", async () => {
    const site = await ctx.newSite()
    await publicPost(site, { honeypot: 'filled' }, '198.51.100.90')
    const next = await publicPost(site, { content: citingComments[2] }, '198.51.100.90')
    const comment = await json(ctx.request('GET', `/v1/sites/${site.id}/comments/${next.id}`))
    expect(rulesOf(comment)).toContain('spam-history')
  })
})

describe('comments a caller without a key sent under an address', () => {
  it("do not make the address's owner a frequent sender", async () => {
    const site = await ctx.newSite()
    for (let n = 0; n < 10; n++)
      await publicPost(site, { author: READER, articleId: `a-${n}` }, '198.51.100.120')
    expect(await readersNext(site)).not.toContain('frequent-sender')
    // From the stranger's own network, the count holds.
    const next = await publicPost(site, { author: READER, articleId: 'a-next' }, '198.51.100.120')
    const comment = await json(ctx.request('GET', `/v1/sites/${site.id}/comments/${next.id}`))
    expect(rulesOf(comment)).toContain('frequent-sender')
  })

  it("do not hold up the owner's next comment as too fast, when the backend names no reader IP", async () => {
    const site = await ctx.newSite()
    await publicPost(site, { author: READER, articleId: 'a-1' }, '198.51.100.121')
    const sent = await ctx.request('POST', `/v1/sites/${site.id}/comments`, {
      body: aComment({ author: READER, articleId: 'a-2', content: citingComments[1] }),
      token: site.serverKey,
    })
    expect(sent.status).toBe(201)
  })

  it("do not make the owner's own comment a re-post of the stranger's copy", async () => {
    const site = await ctx.newSite()
    const copy = { author: READER, content: citingComments[3] }
    expect((await publicPost(site, copy, '198.51.100.122')).status).toBeDefined()
    const sent = await ctx.request('POST', `/v1/sites/${site.id}/comments`, {
      body: aComment({ ...copy, ip: '203.0.113.201' }),
      token: site.serverKey,
    })
    expect(sent.status).toBe(201)
    // The stranger posting it again from the same network is still a re-post.
    ctx.clock.advance(120_000)
    const again = await ctx.request('POST', `/v1/sites/${site.id}/comments`, {
      body: aComment(copy),
      token: null,
      peer: '198.51.100.122',
    })
    expect(again.status).toBe(409)
  })
})
