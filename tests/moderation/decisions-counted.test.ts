import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { PREPARED } from '../../src/db/client.js'
import { createMetrics } from '../../src/metrics/metrics.js'
import { ADMIN_TOKEN, citingComments, useTestApp } from '../helpers/app.js'

/**
 * `vigil_decisions_total` counts decisions that changed a comment: one rolled back (a commit that fails, a deadlock,
 * a version that moved on) changed nothing and is not counted.
 */

const ctx = useTestApp()

const serializationFailure = () =>
  Object.assign(new Error('could not serialize access due to concurrent update'), { code: '40001' })

/** Whether a statement is a decision's write (apply-decision.ts). */
const isDecisionWrite = (text: unknown) => typeof text === 'string' && /update comments set status/.test(text)

/**
 * The test database, where every other decision overtakes each optimistic write (the comment's version moves on
 * just before it), so that a decision takes its last round, in a transaction, whose commit may then fail.
 */
function contendedDatabase(commentId: string, { commitFails }: { commitFails: boolean }) {
  const { db } = ctx.database
  const overtake = () => db.execute(sql`update comments set version = version + 1 where id = ${commentId}`)
  const client = (db as unknown as { $client: Record<PropertyKey, unknown> }).$client
  const contendedClient = new Proxy(client, {
    get(target, property) {
      const real = Reflect.get(target, property)
      if (property === PREPARED && typeof real === 'function')
        return async (text: string, ...rest: unknown[]) => {
          if (isDecisionWrite(text)) await overtake()
          return real(text, ...rest)
        }
      if (property === 'unsafe' && typeof real === 'function')
        return (text: string, ...rest: unknown[]) => {
          // postgres.js runs a query when it is awaited: overtake first, then hand over the real query.
          if (!isDecisionWrite(text)) return real.call(target, text, ...rest)
          return overtake().then(() => real.call(target, text, ...rest))
        }
      return typeof real === 'function' ? real.bind(target) : real
    },
  })
  return new Proxy(db, {
    get(target, property) {
      if (property === '$client') return contendedClient
      if (property === 'transaction')
        return (run: (tx: unknown) => Promise<unknown>) =>
          target.transaction(async (tx) => {
            const result = await run(tx)
            if (commitFails) throw serializationFailure()
            return result
          })
      return Reflect.get(target, property)
    },
  })
}

/** Approves a held comment through an app on the contended database: the answer's status, what was counted. */
async function approveContended(commitFails: boolean) {
  const site = await ctx.newSite({ settings: { moderation: 'all' } })
  const held = await ctx.submit(site, { content: citingComments[0] })
  expect(held.status).toBe('pending')
  const metrics = createMetrics()
  const app = createApp({
    db: contendedDatabase(held.id, { commitFails }),
    config: loadConfig({ ADMIN_TOKEN, NODE_ENV: 'test' }),
    clock: ctx.clock,
    metrics,
  })
  const response = await app.request(`/v1/sites/${site.id}/comments/${held.id}/approve`, {
    method: 'POST',
    headers: { authorization: `Bearer ${site.moderatorKey}` },
  })
  const counted = await metrics.registry.getSingleMetric('vigil_decisions_total')?.get()
  const stored = await ctx.database.db.execute(sql`select status from comments where id = ${held.id}`)
  return {
    status: response.status,
    counted: counted?.values.reduce((sum, sample) => sum + sample.value, 0),
    stored: JSON.stringify(stored),
  }
}

describe('counting decisions', () => {
  it('does not count a decision whose transaction is rolled back', async () => {
    const { status, counted, stored } = await approveContended(true)
    expect(status).toBe(503)
    expect(counted).toBe(0)
    // Nothing changed: the comment is still held.
    expect(stored).toContain('pending')
  })

  it('counts a decision that took its last round once it commits', async () => {
    const { status, counted, stored } = await approveContended(false)
    expect(status).toBe(200)
    expect(counted).toBe(1)
    expect(stored).toContain('approved')
  })
})
