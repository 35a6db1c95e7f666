import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { comments } from '../../src/db/schema.js'
import { aComment, type Body, json, type TestSite, useTestApp } from '../helpers/app.js'
import { onRealServer } from '../helpers/db.js'
import { withLocksHeld } from '../helpers/locks.js'

/**
 * Submissions that arrive at the same moment are judged as if one came after the other: a double click or a
 * client's retry stores one comment and refuses the other, two comments from one sender are a flood, and a copy
 * posted by someone else at the same instant is a duplicate. Each once read what was stored before either had
 * committed, found nothing, and was stored as if alone. (A near copy, alike but not the same text, is still judged
 * without the other: nothing cheap tells the store that two different texts are alike.)
 *
 * Both are replies to a comment another session holds locked, so both are in flight at once whatever the
 * scheduler does; only a real server runs them side by side (PGlite runs one statement at a time).
 */
const ctx = useTestApp()

const submit = (site: TestSite, body: Record<string, unknown>) =>
  ctx.request('POST', `/v1/sites/${site.id}/comments`, { body, token: site.serverKey })

/** A browser's form: no key, the reader's address the connection's. */
const submitFromForm = (peer: string) => (site: TestSite, body: Record<string, unknown>) =>
  ctx.request('POST', `/v1/sites/${site.id}/comments`, { body, token: null, peer })

/** Both submissions, sent while the parent they reply to is locked, and released together. */
async function atTheSameMoment(site: TestSite, parentId: string, bodies: [Body, Body], send = submit) {
  const responses = await withLocksHeld(
    ctx.database.url ?? '',
    (tx) => tx`select 1 from comments where id = ${parentId} for update`,
    async (waitForBlocked) => {
      const pending = Promise.all(bodies.map((body) => send(site, { ...body, parentId })))
      await waitForBlocked(2)
      return { pending }
    },
  )
  return Promise.all(
    responses.map(async (response) => ({ status: response.status, body: (await response.json()) as Body })),
  )
}

const storedOn = (site: TestSite) =>
  ctx.database.db.select({ id: comments.id }).from(comments).where(eq(comments.siteId, site.id))

describe.runIf(onRealServer)('submissions at the same moment', () => {
  it('the same comment sent twice (a double click): one is stored, the other refused as a re-post', async () => {
    const site = await ctx.newSite()
    ctx.clock.advance(60_000)
    const parent = await json(submit(site, aComment({ ip: '203.0.113.1' })))
    ctx.clock.advance(60_000)
    const comment = aComment({
      ip: '203.0.113.2',
      content: 'Je confirme, le marché du samedi a bien déménagé.',
    })
    const answers = await atTheSameMoment(site, parent.id, [comment, comment])
    expect(answers.map(({ status }) => status).sort()).toEqual([201, 409])
    expect(answers.find(({ status }) => status === 409)?.body.type).toBe(
      'urn:vigil:problem:duplicate-comment',
    )
    // The parent and one reply.
    expect(await storedOn(site)).toHaveLength(2)
  })

  it('two comments from one address at once: the second is refused as too fast', async () => {
    const site = await ctx.newSite()
    ctx.clock.advance(60_000)
    const parent = await json(submit(site, aComment({ ip: '203.0.113.1' })))
    ctx.clock.advance(60_000)
    const answers = await atTheSameMoment(site, parent.id, [
      aComment({ ip: '203.0.113.3', content: 'Premier avis : la piste cyclable est enfin continue.' }),
      aComment({ ip: '203.0.113.3', content: 'Second avis : il manque encore des arceaux pour les vélos.' }),
    ])
    expect(answers.map(({ status }) => status).sort()).toEqual([201, 429])
  })

  it('the same text from two people at once: the one stored second counts the first as a duplicate', async () => {
    const site = await ctx.newSite()
    ctx.clock.advance(60_000)
    const parent = await json(submit(site, aComment({ ip: '203.0.113.1' })))
    ctx.clock.advance(60_000)
    const content = 'Gagnez des bons d’achat en répondant à notre sondage sur les commerces du quartier.'
    const answers = await atTheSameMoment(site, parent.id, [
      aComment({ ip: '203.0.113.4', content }),
      aComment({ ip: '203.0.113.5', content }),
    ])
    expect(answers.map(({ status }) => status)).toEqual([201, 201])
    const rules = answers.map(({ body }) => (body.reasons as { rule: string }[]).map(({ rule }) => rule))
    expect(rules.filter((fired) => fired.includes('duplicate'))).toHaveLength(1)
  })

  it('a double click from a reader whose e-mail a stranger used earlier: still one stored', async () => {
    const site = await ctx.newSite()
    ctx.clock.advance(60_000)
    const parent = await json(submit(site, aComment({ ip: '203.0.113.1' })))
    const email = 'ines.belkacem@example.org'
    // Someone without a key typed the reader's e-mail: nobody vouched for it, so it is not the reader's comment.
    ctx.clock.advance(60_000)
    const typedByStranger = await submitFromForm('198.51.100.9')(
      site,
      aComment({ author: { name: 'Inès', email }, content: 'Qui a voté cette délibération ?' }),
    )
    expect(typedByStranger.status).toBe(201)
    ctx.clock.advance(60_000)
    const comment = aComment({
      author: { name: 'Inès', email },
      content: 'Le conseil municipal a voté la délibération à l’unanimité.',
    })
    const answers = await atTheSameMoment(site, parent.id, [comment, comment], submitFromForm('203.0.113.6'))
    expect(answers.map(({ status }) => status).sort()).toEqual([201, 409])
    // The parent, the stranger's comment and one reply.
    expect(await storedOn(site)).toHaveLength(3)
  })
})
