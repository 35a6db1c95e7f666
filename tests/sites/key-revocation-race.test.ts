import { describe, expect, it } from 'vitest'
import { createDirectory } from '../../src/sites/directory.js'
import { listKeys, revokeKey } from '../../src/sites/keys.js'
import { TestClock, useTestApp } from '../helpers/app.js'

const ctx = useTestApp()

/** A clock that moves a second on every reading: two revocations can never take the same time by chance. */
class TickingClock extends TestClock {
  override now() {
    this.advance(1_000)
    return super.now()
  }
}

describe('revoking a key twice at once (two admins, or two processes)', () => {
  it('keeps the first revocation: both answers and the stored row give the same time', async () => {
    const site = await ctx.newSite()
    const [key] = (await listKeys(ctx.database.db, site.id, { limit: 100 })).items.filter(
      (entry) => entry.role === 'server',
    )
    const clock = new TickingClock()
    const revoke = () =>
      revokeKey(ctx.database.db, clock, createDirectory(ctx.database.db, clock), site.id, key?.id as string)
    const [first, second] = await Promise.all([revoke(), revoke()])
    const stored = (await listKeys(ctx.database.db, site.id, { limit: 100 })).items.find(
      (entry) => entry.id === key?.id,
    )
    expect(first.revokedAt).not.toBeNull()
    expect(second.revokedAt).toBe(first.revokedAt)
    expect(stored?.revokedAt).toBe(first.revokedAt)
  })
})
