import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { apiKeys, sites } from '../../src/db/schema.js'
import { announceChange, createDirectory } from '../../src/sites/directory.js'
import { revokeKey } from '../../src/sites/keys.js'
import { sha256Hex } from '../../src/sites/secrets.js'
import { expectStatus, useTestApp } from '../helpers/app.js'

const ctx = useTestApp()

/** Renames a site behind every directory's back, as another process would (without announcing it). */
const renameQuietly = (siteId: string, name: string) =>
  ctx.database.db.update(sites).set({ name }).where(eq(sites.id, siteId))

const eventually = async (check: () => Promise<boolean>) => {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error('not within 2 s')
}

describe('the directory of sites and keys each process keeps', () => {
  it('serves a site from memory for at most ten seconds', async () => {
    const site = await ctx.newSite()
    const directory = createDirectory(ctx.database.db, ctx.clock)
    const before = (await directory.site(site.id))?.name
    await renameQuietly(site.id, 'Renamed')
    expect((await directory.site(site.id))?.name).toBe(before)
    ctx.clock.advance(10_001)
    expect((await directory.site(site.id))?.name).toBe('Renamed')
    expect(await directory.site('no-such-site')).toBeNull()
  })

  it('forgets a site or a key as soon as another process announces a change to it', async () => {
    const site = await ctx.newSite()
    const here = createDirectory(ctx.database.db, ctx.clock)
    const unfollow = await here.follow(ctx.database.listen)
    try {
      await here.site(site.id)
      const key = await here.keyByToken(site.serverKey)
      expect(key?.siteId).toBe(site.id)

      await renameQuietly(site.id, 'Announced')
      await announceChange(ctx.database.db, `site:${site.id}`)
      await eventually(async () => (await here.site(site.id))?.name === 'Announced')

      await ctx.database.db
        .update(apiKeys)
        .set({ revokedAt: ctx.clock.now() })
        .where(eq(apiKeys.keyHash, sha256Hex(site.serverKey)))
      await announceChange(ctx.database.db, `key:${key?.id}`)
      await eventually(async () => (await here.keyByToken(site.serverKey)) === null)
    } finally {
      await unfollow()
    }
  })

  it('does not keep what a read brought back when a change was announced while it ran', async () => {
    const site = await ctx.newSite()
    const directory = createDirectory(ctx.database.db, ctx.clock)
    const reading = directory.site(site.id)
    directory.forget(`site:${site.id}`)
    await reading
    await renameQuietly(site.id, 'After the read')
    expect((await directory.site(site.id))?.name).toBe('After the read')
  })

  it('stops a key revoked again in this process, though the first revocation was never heard of here', async () => {
    const site = await ctx.newSite()
    const here = createDirectory(ctx.database.db, ctx.clock)
    const key = await here.keyByToken(site.serverKey)
    // Another process revoked it while this one was not listening (a lost connection, a pooler dropping LISTEN).
    await ctx.database.db
      .update(apiKeys)
      .set({ revokedAt: ctx.clock.now() })
      .where(eq(apiKeys.id, key?.id ?? ''))
    // The admin, unsure, revokes it again through this process: answered as revoked, and refused from now on.
    expect(
      (await revokeKey(ctx.database.db, ctx.clock, here, site.id, key?.id ?? '')).revokedAt,
    ).not.toBeNull()
    expect(await here.keyByToken(site.serverKey)).toBeNull()
  })

  it('stops a revoked key and applies a new policy at once in the process that changed them', async () => {
    const site = await ctx.newSite()
    expect((await ctx.submit(site, { content: 'Merci pour cet article.' }, 60_000)).status).toBe('approved')
    await expectStatus(
      ctx.request('PATCH', `/v1/sites/${site.id}/settings`, { body: { moderation: 'all' } }),
      200,
    )
    expect((await ctx.submit(site, { content: 'Et merci encore.' }, 60_000)).status).toBe('pending')

    const asServer = { token: site.serverKey }
    await expectStatus(ctx.request('GET', `/v1/sites/${site.id}/form-token`, asServer), 200)
    const keys = (await (await ctx.request('GET', `/v1/sites/${site.id}/keys`)).json()) as {
      items: { id: string; role: string }[]
    }
    const serverKey = keys.items.find((entry) => entry.role === 'server')
    await expectStatus(ctx.request('DELETE', `/v1/sites/${site.id}/keys/${serverKey?.id}`), 200)
    await expectStatus(ctx.request('GET', `/v1/sites/${site.id}/form-token`, asServer), 401)
  })
})
