import { describe, expect, it } from 'vitest'
import { encodeCursor } from '../../src/moderation/cursor.js'
import { keyHashes } from '../../src/sites/key-hashes.js'
import { createKey } from '../../src/sites/keys.js'
import { type Body, expectStatus, json, useTestApp } from '../helpers/app.js'
import { expectFieldProblem } from './webhook-requests.js'

/** Keys as the test app stores them: it is given no KEY_HASH_SECRET. */
const plainHashes = { keyHashes: keyHashes(undefined) }

const ctx = useTestApp()

/** Every page of a list, `limit` at a time, following nextCursor until it is null. */
async function walk(path: string, limit: number): Promise<Body[][]> {
  const pages: Body[][] = []
  let cursor: string | null = null
  do {
    const page: Body = await json(
      expectStatus(ctx.request('GET', `${path}?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`), 200),
    )
    pages.push(page.items)
    cursor = page.nextCursor ?? null
  } while (cursor !== null)
  return pages
}

/** Newest first; keys made in the same millisecond by id, the greater first. */
const newestFirst = (keys: Body[]) =>
  [...keys].sort((a, b) =>
    a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1,
  )

describe.each([
  { list: "a site's keys", admin: false },
  { list: 'the admin keys', admin: true },
])('$list', ({ admin }) => {
  /** The list's path, with keys made at three instants, five of them in one millisecond, and one revoked. */
  async function listWithKeys(): Promise<{ path: string; made: string[] }> {
    const site = await ctx.newSite()
    const path = admin ? '/v1/keys' : `/v1/sites/${site.id}/keys`
    const make = async () => {
      const body = admin ? {} : { role: 'moderator' }
      return (await json(expectStatus(ctx.request('POST', path, { body }), 201))).id as string
    }
    const made: string[] = []
    ctx.clock.advance(1)
    for (let n = 0; n < 5; n++) made.push(await make())
    ctx.clock.advance(1)
    made.push(await make())
    await expectStatus(ctx.request('DELETE', `${path}/${made[0]}`), 200)
    ctx.clock.advance(1)
    made.push(await make())
    return { path, made }
  }

  it('are paged newest first by a cursor, each key once, those made in one millisecond too', async () => {
    const { path, made } = await listWithKeys()
    const everyKey: Body[] = (await json(ctx.request('GET', `${path}?limit=100`))).items
    const pages = await walk(path, 2)
    const seen = pages.flat()
    expect(pages.slice(0, -1).every((page) => page.length === 2)).toBe(true)
    expect(seen.map((key) => key.id)).toEqual(everyKey.map((key) => key.id))
    expect(new Set(seen.map((key) => key.id)).size).toBe(seen.length)
    expect(seen).toEqual(newestFirst(seen))
    // The revoked key stays listed, for the audit trail.
    expect(seen.map((key) => key.id)).toEqual(expect.arrayContaining(made))
    expect(seen.find((key) => key.id === made[0])?.revokedAt).toEqual(expect.any(String))
  })

  it('keep the items field, with nextCursor null on the last page', async () => {
    const { path } = await listWithKeys()
    const page = await json(ctx.request('GET', `${path}?limit=100`))
    expect(Object.keys(page).sort()).toEqual(['items', 'nextCursor'])
    expect(page.nextCursor).toBeNull()
  })

  it('take `limit=` and `cursor=` left blank as the first page at the default size', async () => {
    const { path } = await listWithKeys()
    const blank = await json(expectStatus(ctx.request('GET', `${path}?limit=&cursor=`), 200))
    expect(blank).toEqual(await json(ctx.request('GET', path)))
  })

  it('refuse a cursor they did not issue, and a limit outside 1 to 100', async () => {
    const { path } = await listWithKeys()
    const comment = {
      createdAt: new Date('2026-11-28T12:00:00.000Z'),
      id: '0193a0c4-7a6e-7000-8000-000000000000',
    }
    for (const cursor of [
      'not-a-cursor',
      'bm90LWEtY3Vyc29y',
      // A comment page's cursor names a comment, not a key.
      encodeCursor(comment),
      Buffer.from(JSON.stringify(['2026-02-30T00:00:00.000Z', 'key_0123456789abcdef'])).toString('base64url'),
      Buffer.from(JSON.stringify(['+275760-09-13T00:00:00.000Z', 'key_0123456789abcdef'])).toString(
        'base64url',
      ),
    ]) {
      await expectFieldProblem(ctx.request('GET', `${path}?cursor=${cursor}`), 'cursor')
    }
    for (const limit of ['0', '101', 'ten']) {
      await expectFieldProblem(ctx.request('GET', `${path}?limit=${limit}`), 'limit')
    }
  })
})

describe('the key lists', () => {
  it('hold 50 keys a page unless asked otherwise', async () => {
    const site = await ctx.newSite()
    for (let n = 0; n < 49; n++)
      await createKey(ctx.database.db, ctx.clock, plainHashes, { siteId: site.id, role: 'server' })
    const page = await json(ctx.request('GET', `/v1/sites/${site.id}/keys`))
    expect(page.items).toHaveLength(50)
    expect(page.nextCursor).toEqual(expect.any(String))
  })

  it("keep a site's keys and the admin keys apart", async () => {
    const [one, other] = [await ctx.newSite(), await ctx.newSite()]
    const ids = async (path: string) =>
      (await walk(path, 100)).flat().map((key) => `${key.siteId ?? 'admin'}:${key.role}`)
    expect(new Set(await ids(`/v1/sites/${one.id}/keys`))).toEqual(
      new Set([`${one.id}:server`, `${one.id}:moderator`]),
    )
    expect(new Set(await ids('/v1/keys'))).toEqual(new Set(['admin:admin']))
    expect(await ids(`/v1/sites/${other.id}/keys`)).toHaveLength(2)
  })
})
