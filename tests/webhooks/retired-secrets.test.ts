import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { webhookEndpoints } from '../../src/db/webhook-schema.js'
import { createLogger } from '../../src/logger.js'
import { createDispatcher } from '../../src/webhooks/dispatcher.js'
import { eraseRetiredSecrets } from '../../src/webhooks/retired-secrets.js'
import { expectStatus, json, type TestSite } from '../helpers/app.js'
import { eventually } from './delivery-setup.js'
import { useDeliveryStore } from './delivery-store-setup.js'

/** A secret that no longer signs is erased from the database: a leaked backup must not reveal it for ever. */

const HOUR = 3_600_000
const { ctx, endpointOf } = useDeliveryStore()

const hook = (site: TestSite, id: string) => `/v1/sites/${site.id}/webhooks/${id}`
const rotate = async (site: TestSite, id: string): Promise<string> =>
  (await json(expectStatus(ctx.request('POST', `${hook(site, id)}/rotate-secret`), 200))).secret

/** What the database holds of an endpoint's secrets: the current one first, then those retired, newest first. */
async function storedSecrets(id: string) {
  const [row] = await ctx.database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id))
  if (!row) throw new Error('no such endpoint')
  return {
    secrets: [row.secret, row.previousSecret, ...row.olderSecrets.map((older) => older.secret)],
    previousSecretExpiresAt: row.previousSecretExpiresAt,
    updatedAt: row.updatedAt,
  }
}

/** An endpoint of a new site rotated three times an hour apart: its four secrets, oldest first. */
async function rotatedThrice() {
  const site = await ctx.newSite()
  const endpoint = await endpointOf(site)
  const secrets: string[] = [endpoint.secret]
  for (let i = 0; i < 3; i++) {
    secrets.push(await rotate(site, endpoint.id))
    ctx.clock.advance(HOUR)
  }
  return { site, endpoint, secrets }
}

describe('eraseRetiredSecrets', () => {
  it('drops each retired secret once its day is up, the previous one last, and keeps those still signing', async () => {
    const { endpoint, secrets } = await rotatedThrice()
    const [first, second, third, current] = secrets
    // Rotated 3, 2 and 1 hours ago: all of them sign for 21 hours more.
    expect(await eraseRetiredSecrets(ctx.database.db, ctx.clock.now())).toBe(0)
    expect((await storedSecrets(endpoint.id)).secrets).toEqual([current, third, second, first])

    // The first rotation's day is up (at its very instant: it signs no more), not the second's.
    ctx.clock.advance(21 * HOUR)
    expect(await eraseRetiredSecrets(ctx.database.db, ctx.clock.now())).toBe(1)
    expect((await storedSecrets(endpoint.id)).secrets).toEqual([current, third, second])

    // Two hours on, every retired secret has stopped: none is left, nor the date the last one stopped.
    ctx.clock.advance(2 * HOUR)
    expect(await eraseRetiredSecrets(ctx.database.db, ctx.clock.now())).toBe(1)
    expect(await storedSecrets(endpoint.id)).toMatchObject({
      secrets: [current, null],
      previousSecretExpiresAt: null,
    })
    expect(await eraseRetiredSecrets(ctx.database.db, ctx.clock.now())).toBe(0)
  })

  it('leaves other sites’ endpoints still in their overlap, and those never rotated, as they were', async () => {
    const expired = await rotatedThrice()
    const site = await ctx.newSite()
    const overlapping = await endpointOf(site)
    const never = await endpointOf(site)
    ctx.clock.advance(20 * HOUR)
    const rotated = await rotate(site, overlapping.id)
    const before = [await storedSecrets(overlapping.id), await storedSecrets(never.id)]
    ctx.clock.advance(4 * HOUR)

    await eraseRetiredSecrets(ctx.database.db, ctx.clock.now())
    expect((await storedSecrets(expired.endpoint.id)).secrets).toEqual([expired.secrets[3], null])
    expect([await storedSecrets(overlapping.id), await storedSecrets(never.id)]).toEqual(before)
    expect(before[0]?.secrets).toEqual([rotated, overlapping.secret])
  })

  it('changes nothing the API shows but the end of the overlap, which reads null once nothing retired is left', async () => {
    const { site, endpoint, secrets } = await rotatedThrice()
    ctx.clock.advance(24 * HOUR)
    const view = async () => json(expectStatus(ctx.request('GET', `/v1/sites/${site.id}/webhooks`), 200))
    const before = (await view()).items[0]
    await eraseRetiredSecrets(ctx.database.db, ctx.clock.now())
    const after = await view()
    expect(after.items).toEqual([{ ...before, previousSecretExpiresAt: null }])
    for (const secret of secrets) expect(JSON.stringify(after)).not.toContain(secret)

    // A rotation afterwards retires the current secret alone.
    const next = await rotate(site, endpoint.id)
    expect((await storedSecrets(endpoint.id)).secrets).toEqual([next, secrets[3]])
  })

  it('runs with the hourly prune of every dispatcher, from its start', async () => {
    const { endpoint, secrets } = await rotatedThrice()
    ctx.clock.advance(24 * HOUR)
    const dispatcher = createDispatcher({
      database: ctx.database,
      config: loadConfig({ NODE_ENV: 'test' }).webhooks,
      clock: ctx.clock,
      logger: createLogger('silent'),
    })
    await dispatcher.start()
    try {
      await eventually(async () =>
        expect((await storedSecrets(endpoint.id)).secrets).toEqual([secrets[3], null]),
      )
    } finally {
      await dispatcher.stop()
    }
  })
})
