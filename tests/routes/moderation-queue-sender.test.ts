import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { comments } from '../../src/db/schema.js'
import { createIdentityHasher } from '../../src/moderation/identity-hasher.js'
import { type Body, json, type TestSite, useTestApp } from '../helpers/app.js'
import { heldComment } from './held-comments.js'

const ctx = useTestApp()

const queue = (site: TestSite, query: string) =>
  json(ctx.request('GET', `/v1/sites/${site.id}/queue?${query}`, { token: site.moderatorKey }))
const ids = (page: Body) => page.items.map((item: Body) => item.id)
/** Far enough apart that flood control lets one sender's comments in. */
const APART_MS = 5 * 60_000

describe("the moderation queue, one sender's comments", () => {
  it('lists the comments sent with an e-mail address, letter case aside, on every article, page by page', async () => {
    const site = await ctx.newSite()
    const from = (email: string, articleId: string) =>
      ctx.submit(site, { ...heldComment(), articleId, author: { name: 'Camille', email } }, APART_MS)
    const first = await from('camille@example.org', 'a')
    await from('other@example.org', 'a')
    const second = await from('Camille@Example.ORG', 'b')
    const third = await from('camille@example.org', 'c')

    const email = encodeURIComponent('CAMILLE@example.org')
    expect(ids(await queue(site, `email=${email}`))).toEqual([third.id, second.id, first.id])
    const firstPage = await queue(site, `email=${email}&limit=2&order=oldest`)
    expect(ids(firstPage)).toEqual([first.id, second.id])
    const next = await queue(site, `email=${email}&limit=2&order=oldest&cursor=${firstPage.nextCursor}`)
    expect(ids(next)).toEqual([third.id])
    expect(next.nextCursor).toBeNull()
    // With the other filters: an article, a status.
    expect(ids(await queue(site, `email=${email}&articleId=b`))).toEqual([second.id])
    expect(ids(await queue(site, `email=${email}&status=approved`))).toEqual([])
  })

  it('lists an accented address’s comments however it was typed, those stored as typed by earlier versions too, newest first', async () => {
    const site = await ctx.newSite()
    const hasher = createIdentityHasher(ctx.database.db, ctx.clock)
    const from = (email: string) =>
      ctx.submit(site, { ...heldComment(), author: { name: 'José', email } }, APART_MS)
    const composed = await from('josé@café.example')
    const decomposed = await from('josé@café.example'.normalize('NFD'))
    const older = await from('josé@xn--caf-dma.example')
    // Earlier versions hashed the address trimmed and lower-cased only, as it was typed.
    for (const [comment, typed] of [
      [decomposed, 'josé@café.example'.normalize('NFD')],
      [older, 'josé@xn--caf-dma.example'],
    ] as const)
      await ctx.database.db
        .update(comments)
        .set({ authorEmailHash: await hasher.hash('email', typed) })
        .where(eq(comments.id, comment.id))
    for (const askedAs of [
      'josé@café.example',
      'JOSÉ@CAFÉ.EXAMPLE'.normalize('NFD'),
      'josé@xn--caf-dma.example',
    ]) {
      const email = encodeURIComponent(askedAs)
      expect(ids(await queue(site, `email=${email}`)), askedAs).toEqual([
        older.id,
        decomposed.id,
        composed.id,
      ])
      const firstPage = await queue(site, `email=${email}&limit=2&order=oldest`)
      expect(ids(firstPage)).toEqual([composed.id, decomposed.id])
      const next = await queue(site, `email=${email}&limit=2&order=oldest&cursor=${firstPage.nextCursor}`)
      expect(ids(next)).toEqual([older.id])
    }
  })

  it('lists the comments sent from an IP (an IPv6 one by its /64), after the address itself was cleared', async () => {
    const site = await ctx.newSite()
    const from = (ip: string) => ctx.submit(site, { ...heldComment(), ip }, APART_MS)
    const a = await from('2001:db8:1:2::5')
    await from('2001:db8:1:3::5')
    const b = await from('2001:db8:1:2:aaaa::9')
    const v4 = await from('198.51.100.7')
    // What the retention purge does after IP_RETENTION_DAYS: the address goes, its keyed hash stays.
    await ctx.database.db.execute(sql`update comments set ip = null where site_id = ${site.id}`)

    expect(ids(await queue(site, 'ip=2001:db8:1:2::1'))).toEqual([b.id, a.id])
    expect(ids(await queue(site, 'ip=198.51.100.7'))).toEqual([v4.id])
    expect(ids(await queue(site, 'ip=198.51.100.8'))).toEqual([])
  })

  it('takes both at once (the comments sent with that address from that IP), and blank ones as no filter', async () => {
    const site = await ctx.newSite()
    const author = { name: 'Minsu', email: 'minsu@example.kr' }
    const both = await ctx.submit(site, { ...heldComment(), author, ip: '203.0.113.20' }, APART_MS)
    const otherIp = await ctx.submit(site, { ...heldComment(), author, ip: '203.0.113.21' }, APART_MS)
    expect(ids(await queue(site, 'email=minsu@example.kr&ip=203.0.113.20'))).toEqual([both.id])
    expect(ids(await queue(site, 'email=&ip='))).toEqual([otherIp.id, both.id])
  })

  it("never lists another site's comments from the same sender", async () => {
    const [site, other] = [await ctx.newSite(), await ctx.newSite()]
    const author = { name: 'Ivan', email: 'ivan@example.ru' }
    await ctx.submit(other, { ...heldComment(), author, ip: '192.0.2.44' })
    const mine = await ctx.submit(site, { ...heldComment(), author, ip: '192.0.2.44' })
    expect(ids(await queue(site, 'email=ivan@example.ru'))).toEqual([mine.id])
    expect(ids(await queue(site, 'ip=192.0.2.44'))).toEqual([mine.id])
  })

  it('refuses an e-mail or an IP address that is none with 400, naming the parameter', async () => {
    const site = await ctx.newSite()
    for (const [query, field] of [
      ['email=not-an-address', 'email'],
      ['ip=300.1.1.1', 'ip'],
      ['ip=example.org', 'ip'],
    ]) {
      const response = await ctx.request('GET', `/v1/sites/${site.id}/queue?${query}`, {
        token: site.moderatorKey,
      })
      expect(response.status, query).toBe(400)
      expect((await json(response)).errors, query).toEqual([expect.objectContaining({ path: field })])
    }
  })
})
