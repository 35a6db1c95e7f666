import { and, eq, inArray, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { bayesCorpora, bayesTokens, comments, reputation } from '../../src/db/schema.js'
import { SERVER_CORPUS } from '../../src/moderation/learning.js'
import { type Body, expectStatus, json, type TestSite, useTestApp } from '../helpers/app.js'
import { onRealServer } from '../helpers/db.js'
import { withLocksHeld } from '../helpers/locks.js'

const ctx = useTestApp()

/** Past the flood interval: the same reader may post again. */
const FLOOD_GAP_MS = 20_000

/** Every fragment of the person's data the comments below carry: none may outlive the erasure. */
const PERSONAL = /jeanne|dupont|martine|lefebvre|lilas/i

const jeanne = {
  name: 'Jeanne Dupont',
  email: 'jeanne@perso-dupont.example',
  url: 'https://jeanne-dupont.example/blog',
}
/** Three links: held (pending) under the default policy, with a reason naming each host. */
const heldText =
  'Ma voisine Martine Lefebvre du quartier dit que https://a-lilas.example/x https://b-lilas.example/y ' +
  'https://c-lilas.example/z sont faux'

const decide = (site: TestSite, id: string, action: string) =>
  ctx.request('POST', `/v1/sites/${site.id}/comments/${id}/${action}`, { token: site.moderatorKey })

const erase = (site: TestSite, email: string) =>
  expectStatus(
    ctx.request('POST', `/v1/sites/${site.id}/privacy/erase`, { token: site.serverKey, body: { email } }),
    200,
  )

const storedComment = async (id: string) =>
  (await ctx.database.db.select().from(comments).where(eq(comments.id, id)))[0]

const tokensOf = (corpora: string[]) =>
  ctx.database.db.select().from(bayesTokens).where(inArray(bayesTokens.siteId, corpora))

/** A comment of Jeanne's that another reader answered: erasure anonymises it rather than deleting it. */
async function answeredComment(site: TestSite) {
  const held = await ctx.submit(
    site,
    { author: jeanne, content: heldText, ip: '198.51.100.77' },
    FLOOD_GAP_MS,
  )
  expect(held.status).toBe('pending')
  await ctx.submit(site, { parentId: held.id })
  return held
}

describe('erasing a person who taught the model', () => {
  it('unlearns what their comments taught and leaves none of their words in the database', async () => {
    const site = await ctx.newSite()
    // Another reader's approved comment shares a word with Jeanne's: its counts must survive her erasure.
    const neighbour = await ctx.submit(site, { content: 'Le quartier attend la réouverture de la piscine.' })
    await expectStatus(decide(site, neighbour.id, 'approve'), 200)

    const answered = await answeredComment(site)
    await expectStatus(decide(site, answered.id, 'approve'), 200)
    const alone = await ctx.submit(
      site,
      { author: jeanne, content: 'Encore Martine Lefebvre au marché du quartier ce matin.' },
      FLOOD_GAP_MS,
    )
    await expectStatus(decide(site, alone.id, 'spam'), 200)
    const before = await storedComment(answered.id)
    expect(before?.learnedTokens).toEqual(expect.arrayContaining(['n:jeanne', 'n:dupont', 'lefebvre']))
    expect((await tokensOf([site.id, SERVER_CORPUS])).some((row) => PERSONAL.test(row.token))).toBe(true)

    const report = await json(erase(site, jeanne.email))
    expect(report).toEqual({ anonymised: [answered.id], deleted: [alone.id] })

    const kept = await storedComment(answered.id)
    expect(kept).toMatchObject({ learnedAs: null, learnedTokens: null, erasedAt: expect.any(Date) })
    expect(kept?.contentHash).not.toBe(before?.contentHash)
    expect(kept?.contentHash).not.toMatch(/^[0-9a-f]{64}$/)
    // Why it was held stays readable (rule and score), without the hosts it linked to.
    expect(kept?.reasons.map(({ rule, score }) => ({ rule, score }))).toEqual(
      before?.reasons.map(({ rule, score }) => ({ rule, score })),
    )
    expect(JSON.stringify(kept)).not.toMatch(PERSONAL)
    expect(JSON.stringify(kept)).not.toContain('.example')

    // Neither the site's counts nor the server's keep a token of hers, not even at zero.
    const held = await tokensOf([site.id, SERVER_CORPUS])
    expect(held.filter((row) => PERSONAL.test(row.token))).toEqual([])
    expect(held.filter((row) => row.token.startsWith('n:') && row.siteId === site.id)).toEqual([
      expect.objectContaining({ token: 'n:reader', ham: 1 }),
    ])
    // What is left is exactly what the comments still learned from hold.
    const expected = await ctx.database.db.execute(sql`
      select t as token, count(*) filter (where learned_as = 'spam')::int as spam,
        count(*) filter (where learned_as = 'ham')::int as ham
      from comments, unnest(learned_tokens) as t
      where site_id = ${site.id} and learned_as is not null group by t order by t`)
    const rows = (expected as unknown as { rows?: Body[] }).rows ?? (expected as unknown as Body[])
    expect(
      held
        .filter((row) => row.siteId === site.id && row.spam + row.ham > 0)
        .map(({ token, spam, ham }) => ({ token, spam, ham }))
        .sort((a, b) => (a.token < b.token ? -1 : 1)),
    ).toEqual(rows.map(({ token, spam, ham }) => ({ token, spam, ham })))
    const [corpus] = await ctx.database.db.select().from(bayesCorpora).where(eq(bayesCorpora.siteId, site.id))
    expect(corpus).toMatchObject({ spamMessages: 0, hamMessages: 1 })
    // Her website's reputation goes with what counted towards it.
    const standing = await ctx.database.db.select().from(reputation).where(eq(reputation.siteId, site.id))
    expect(standing.filter((row) => PERSONAL.test(row.subject))).toEqual([])
  })
})

describe('deciding a comment whose author was erased', () => {
  it('is refused with a 409 naming the erasure, and changes nothing', async () => {
    const site = await ctx.newSite()
    const answered = await answeredComment(site)
    await erase(site, jeanne.email)
    const before = await storedComment(answered.id)

    for (const action of ['approve', 'spam', 'reject']) {
      const response = await decide(site, answered.id, action)
      expect(response.status).toBe(409)
      expect(response.headers.get('content-type')).toBe('application/problem+json')
      expect((await json(response)).type).toBe('urn:vigil:problem:comment-erased')
    }
    const bulk = await json(
      expectStatus(
        ctx.request('POST', `/v1/sites/${site.id}/moderation/bulk`, {
          token: site.moderatorKey,
          body: { action: 'approve', ids: [answered.id] },
        }),
        200,
      ),
    )
    expect(bulk.results).toEqual([
      expect.objectContaining({
        ok: false,
        error: expect.objectContaining({ type: 'urn:vigil:problem:comment-erased' }),
      }),
    ])

    expect(await storedComment(answered.id)).toEqual(before)
    const learned = await ctx.database.db
      .select()
      .from(bayesTokens)
      .where(and(eq(bayesTokens.siteId, site.id), sql`${bayesTokens.token} like '%erased%'`))
    expect(learned).toEqual([])
    const page = await json(
      ctx.request('GET', `/v1/sites/${site.id}/articles/article-1/comments`, { token: null }),
    )
    expect(page.items.map((item: Body) => item.id)).not.toContain(answered.id)
  })
})

describe('erasing a comment still held for moderation', () => {
  it('takes it off the queue as rejected: nothing is left to decide, and no decision is possible', async () => {
    const site = await ctx.newSite()
    const answered = await answeredComment(site)
    const queued = async () =>
      (await json(ctx.request('GET', `/v1/sites/${site.id}/queue`, { token: site.moderatorKey }))).items.map(
        (item: Body) => item.id,
      )
    expect(await queued()).toContain(answered.id)

    await erase(site, jeanne.email)

    expect(await queued()).not.toContain(answered.id)
    const kept = await storedComment(answered.id)
    expect(kept).toMatchObject({
      status: 'rejected',
      erasedAt: expect.any(Date),
      decidedAt: expect.any(Date),
    })
    // The audit trail says where it went.
    const history = await ctx.database.db.execute(sql`
      select action, from_status, to_status from moderation_events
      where site_id = ${site.id} and comment_id = ${answered.id} order by id`)
    const rows = (history as unknown as { rows?: Body[] }).rows ?? (history as unknown as Body[])
    expect(rows.at(-1)).toEqual({ action: 'erase', from_status: 'pending', to_status: 'rejected' })
  })

  it('leaves an approved placeholder approved, holding its place in the thread', async () => {
    const site = await ctx.newSite()
    const answered = await answeredComment(site)
    await expectStatus(decide(site, answered.id, 'approve'), 200)
    await erase(site, jeanne.email)
    expect(await storedComment(answered.id)).toMatchObject({ status: 'approved', content: '[erased]' })
  })
})

describe('erasing while moderators decide', () => {
  it.runIf(onRealServer)(
    'takes its locks in the order decisions do: a decision on a comment sharing its host never deadlocks',
    async () => {
      const site = await ctx.newSite()
      const erased = await ctx.submit(
        site,
        { author: { ...jeanne, url: 'https://www.facebook.com/jeanne' }, ip: '198.51.100.7' },
        FLOOD_GAP_MS,
      )
      await expectStatus(decide(site, erased.id, 'approve'), 200)
      const other = await ctx.submit(
        site,
        { author: { name: 'Bob', email: 'bob@other.example', url: 'https://www.facebook.com/bob' } },
        FLOOD_GAP_MS,
      )
      const stored = await storedComment(erased.id)
      const word = stored?.learnedTokens?.find((token) => token.startsWith('n:')) ?? ''
      expect(word).not.toBe('')

      const statuses = await withLocksHeld(
        ctx.database.url ?? '',
        // Holding one of the words the erasure unlearns keeps it inside its transaction...
        (tx) => tx`select 1 from bayes_tokens where site_id = ${site.id} and token = ${word} for update`,
        async (waitForBlocked) => {
          const erasing = ctx.request('POST', `/v1/sites/${site.id}/privacy/erase`, {
            token: site.serverKey,
            body: { email: jeanne.email },
          })
          await waitForBlocked(1)
          // ...while a moderator decides the other reader's comment, whose author host it shares.
          const deciding = decide(site, other.id, 'spam')
          await waitForBlocked(2)
          return { pending: Promise.all([erasing, deciding]).then((all) => all.map((r) => r.status)) }
        },
      )
      expect(statuses).toEqual([200, 200])
    },
  )
})
