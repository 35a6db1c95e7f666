import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { apiKeys } from '../../src/db/schema.js'
import { KeyHashSecretError, upgradeKeyHashes } from '../../src/sites/key-hash-upgrade.js'
import { keyHashes } from '../../src/sites/key-hashes.js'
import { createKey } from '../../src/sites/keys.js'
import { sha256Hex } from '../../src/sites/secrets.js'
import { expectStatus, TestClock, type TestContext, type TestSite, useTestApp } from '../helpers/app.js'
import { createTestDatabase } from '../helpers/db.js'

const SECRET = 'a-key-hash-secret-of-32-characters-or-more'

const ctx = useTestApp({ KEY_HASH_SECRET: SECRET })
// What the server does before it serves, on the database every test here shares.
beforeAll(() => upgradeKeyHashes(ctx.database.db, ctx.clock, SECRET))

const storedHashOf = async (id: string) =>
  (await ctx.database.db.select({ keyHash: apiKeys.keyHash }).from(apiKeys).where(eq(apiKeys.id, id)))[0]
    ?.keyHash

/** A server key stored as a process without KEY_HASH_SECRET (or of an earlier version) stores it. */
const plainKey = async (site: TestSite) =>
  createKey(
    ctx.database.db,
    ctx.clock,
    { keyHashes: keyHashes(undefined) },
    { siteId: site.id, role: 'server' },
  )

const keyWorks = async (context: TestContext, site: TestSite, key: string) =>
  (await context.request('GET', `/v1/sites/${site.id}/form-token`, { token: key })).status === 200

describe('API keys with KEY_HASH_SECRET', () => {
  it('are stored keyed, never as their plain hash, and work', async () => {
    const site = await ctx.newSite()
    const created = await expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/keys`, { body: { role: 'server' } }),
      201,
    )
    const { id, key } = (await created.json()) as { id: string; key: string }
    const stored = await storedHashOf(id)
    expect(stored).toMatch(/^hmac:[0-9a-f]{64}$/)
    expect(stored).not.toContain(sha256Hex(key))
    expect(await keyWorks(ctx, site, key)).toBe(true)
    expect(
      await keyWorks(
        ctx,
        site,
        key.replace(/.$/, (last) => (last === '0' ? '1' : '0')),
      ),
    ).toBe(false)
  })

  it('a key stored plain by an earlier process still works, and the next start stores it keyed', async () => {
    const site = await ctx.newSite()
    const { key, secret } = await plainKey(site)
    expect(await storedHashOf(key.id)).toBe(sha256Hex(secret))
    expect(await keyWorks(ctx, site, secret)).toBe(true)

    expect(await upgradeKeyHashes(ctx.database.db, ctx.clock, SECRET)).toBe(1)
    expect(await storedHashOf(key.id)).toBe(keyHashes(SECRET).stored(secret))
    expect(await keyWorks(ctx, site, secret)).toBe(true)
    expect(await upgradeKeyHashes(ctx.database.db, ctx.clock, SECRET)).toBe(0)
  })

  it('a start with another secret, or none, is refused rather than turning every key away', async () => {
    await expect(upgradeKeyHashes(ctx.database.db, ctx.clock, `${SECRET}-another`)).rejects.toThrow(
      KeyHashSecretError,
    )
    await expect(upgradeKeyHashes(ctx.database.db, ctx.clock, undefined)).rejects.toThrow(
      /KEY_HASH_SECRET is not set, but the API keys on this database are hashed under one/,
    )
    const site = await ctx.newSite()
    expect(await keyWorks(ctx, site, site.serverKey)).toBe(true)
  })
})

describe('API keys without KEY_HASH_SECRET', () => {
  it('stay as they are stored, and nothing is remembered that a later secret would be held to', async () => {
    const database = await createTestDatabase()
    try {
      const clock = new TestClock()
      const { key, secret } = await createKey(
        database.db,
        clock,
        { keyHashes: keyHashes(undefined) },
        { siteId: null, role: 'admin' },
      )
      expect(await upgradeKeyHashes(database.db, clock, undefined)).toBe(0)
      const [row] = await database.db.select().from(apiKeys).where(eq(apiKeys.id, key.id))
      expect(row?.keyHash).toBe(sha256Hex(secret))
      // The first secret given later is taken, and upgrades what is there.
      expect(await upgradeKeyHashes(database.db, clock, SECRET)).toBe(1)
    } finally {
      await database.dispose()
    }
  })
})
