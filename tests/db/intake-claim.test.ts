import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { rowsOf } from '../../src/db/client.js'
import { aComment, type TestSite, useTestApp } from '../helpers/app.js'

/**
 * The store's claim (vigil_claim_intake) counts again what intake counted when it read, and refuses to store when
 * the two differ: something alike was stored meanwhile. Counted differently from the read, the two always differed
 * for a reader whose e-mail a stranger had used: every submission was judged three times, and the third stored
 * with no check at all (a double click stored twice, a flood let through).
 */
const ctx = useTestApp()

const HOUR = 3_600_000

/** The e-mail hash and IP hash intake stored for a comment. */
async function hashesOf(id: string) {
  const [row] = rowsOf<{ author_email_hash: string; ip_hash: string }>(
    await ctx.database.db.execute(sql`select author_email_hash, ip_hash from comments where id = ${id}`),
  )
  if (!row) throw new Error(`no comment ${id}`)
  return row
}

/** Whether the claim lets a submission store, given the comments intake counted from its sender. */
async function claim(site: TestSite, sender: { ip: string; email: string }, seenFromSender: number) {
  const now = ctx.clock.now().getTime()
  const [row] = rowsOf<{ free: boolean }>(
    await ctx.database.db.execute(sql`select vigil_claim_intake(${site.id}, ${'no-such-text'},
      ${sender.ip}, ${sender.email}, ${new Date(now - HOUR).toISOString()}::timestamptz,
      ${new Date(now - HOUR).toISOString()}::timestamptz, ${0}::bigint, ${seenFromSender}::bigint) as free`),
  )
  return row?.free
}

/** A comment on `site` sent without a key from `peer`, as a browser's form would. */
async function keylessComment(site: TestSite, peer: string, email: string) {
  ctx.clock.advance(60_000)
  const response = await ctx.request('POST', `/v1/sites/${site.id}/comments`, {
    token: null,
    peer,
    body: aComment({
      author: { name: 'Quelqu’un', email },
      content: 'Le tracé du tram passe-t-il par la gare ?',
    }),
  })
  expect(response.status).toBe(201)
  return ((await response.json()) as { id: string }).id
}

describe('the store’s claim counts the sender as intake read it', () => {
  it('does not count a stranger’s comment under the e-mail: nobody vouched for it', async () => {
    const site = await ctx.newSite()
    const email = 'lea.marchand@example.org'
    const stranger = await hashesOf(await keylessComment(site, '198.51.100.9', email))
    ctx.clock.advance(60_000)
    // The reader writes from another address: intake counted none of the sender's comments.
    expect(await claim(site, { ip: 'another-address', email: stranger.author_email_hash }, 0)).toBe(true)
  })

  it('counts the comments from the address, and those under the e-mail someone vouched for', async () => {
    const site = await ctx.newSite()
    const email = 'sunhee.park@example.org'
    const fromForm = await hashesOf(await keylessComment(site, '198.51.100.10', email))
    ctx.clock.advance(60_000)
    expect(await claim(site, { ip: fromForm.ip_hash, email: 'another-e-mail' }, 0)).toBe(false)
    expect(await claim(site, { ip: fromForm.ip_hash, email: 'another-e-mail' }, 1)).toBe(true)

    // Sent by the site's backend (its server key), the e-mail is the site's word: it counts.
    const keyed = await ctx.submit(site, { ip: '203.0.113.77', author: { name: 'Sunhee', email } }, 60_000)
    const { author_email_hash } = await hashesOf(keyed.id)
    expect(await claim(site, { ip: 'another-address', email: author_email_hash }, 0)).toBe(false)
    expect(await claim(site, { ip: 'another-address', email: author_email_hash }, 1)).toBe(true)
  })
})
