import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { comments } from '../../src/db/schema.js'
import { createIdentityHasher } from '../../src/moderation/identity-hasher.js'
import { expectStatus, json, type TestSite, useTestApp } from '../helpers/app.js'

/**
 * An accented e-mail reaches Vigil composed (é) from most keyboards, decomposed (e and a combining accent) from
 * some (macOS, copied text), its domain sometimes in punycode: the same address, which a person asking for their
 * data must be found by, whichever way they type it now and whichever way it was typed then.
 */
const ctx = useTestApp()

const COMPOSED = 'josé@café.example'
const spellings = [
  ['composed', COMPOSED],
  ['decomposed', COMPOSED.normalize('NFD')],
  ['with its domain in punycode', 'josé@xn--caf-dma.example'],
  ['in capitals, decomposed', 'JOSÉ@CAFÉ.EXAMPLE'.normalize('NFD')],
] as const

const exportOf = (site: TestSite, email: string) =>
  json(
    ctx.request('GET', `/v1/sites/${site.id}/privacy/export?email=${encodeURIComponent(email)}`, {
      token: site.serverKey,
    }),
  )

describe('a data subject whose e-mail has an accent', () => {
  it.each(spellings)('is found and erased when the comment was sent %s', async (_, sentAs) => {
    for (const [, askedAs] of spellings) {
      const site = await ctx.newSite()
      const sent = await ctx.submit(site, { author: { name: 'José', email: sentAs }, ip: '198.51.100.31' })
      expect((await exportOf(site, askedAs)).comments.map((comment: { id: string }) => comment.id)).toEqual([
        sent.id,
      ])
      const erased = await json(
        expectStatus(
          ctx.request('POST', `/v1/sites/${site.id}/privacy/erase`, {
            token: site.serverKey,
            body: { email: askedAs },
          }),
          200,
        ),
      )
      expect(erased.deleted).toEqual([sent.id])
    }
  })

  it.each(spellings)(
    'is found and erased when an earlier version stored the address as typed, %s',
    async (_, typedThen) => {
      const hasher = createIdentityHasher(ctx.database.db, ctx.clock)
      for (const [, askedAs] of spellings) {
        const site = await ctx.newSite()
        const sent = await ctx.submit(site, {
          author: { name: 'José', email: typedThen },
          ip: '198.51.100.32',
        })
        // Earlier versions hashed the address trimmed and lower-cased only.
        await ctx.database.db
          .update(comments)
          .set({ authorEmailHash: await hasher.hash('email', typedThen.trim().toLowerCase()) })
          .where(eq(comments.id, sent.id))
        expect((await exportOf(site, askedAs)).comments).toHaveLength(1)
        const erased = await json(
          ctx.request('POST', `/v1/sites/${site.id}/privacy/erase`, {
            token: site.serverKey,
            body: { email: askedAs },
          }),
        )
        expect(erased.deleted).toEqual([sent.id])
      }
    },
  )
})
