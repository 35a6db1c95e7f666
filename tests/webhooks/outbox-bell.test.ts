import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../../src/logger.js'
import { WEBHOOK_CHANNEL } from '../../src/webhooks/outbox.js'
import { createOutboxBell } from '../../src/webhooks/outbox-bell.js'
import { createTestDatabase, type TestDatabase } from '../helpers/db.js'

const INTERVAL_MS = 500

let database: TestDatabase
let heard = 0
let unlisten: () => Promise<void>

beforeAll(async () => {
  database = await createTestDatabase()
  unlisten = await database.listen(WEBHOOK_CHANNEL, () => {
    heard += 1
  })
})

afterAll(async () => {
  await unlisten?.()
  await database?.dispose()
})

const bell = () =>
  createOutboxBell({ db: database.db, logger: createLogger('silent'), intervalMs: INTERVAL_MS })
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits until `heard` reaches `count`, or gives up after two seconds (a notification is not heard at once). */
async function heardAtLeast(count: number) {
  for (let waited = 0; heard < count && waited < 2_000; waited += 10) await sleep(10)
  return heard
}

describe('the outbox bell', () => {
  it('notifies the dispatchers at once when it has been quiet', async () => {
    const before = heard
    const started = performance.now()
    bell().ring()
    expect(await heardAtLeast(before + 1)).toBe(before + 1)
    expect(performance.now() - started).toBeLessThan(INTERVAL_MS)
  })

  it('sends the rings of one interval as a single notification at its end, none lost', async () => {
    const ringing = bell()
    const first = performance.now()
    ringing.ring()
    await heardAtLeast(heard + 1)
    const before = heard
    for (let ring = 0; ring < 50; ring++) ringing.ring()
    // One notification for all fifty, not sent before the interval since the first was over, and no more after it.
    expect(await heardAtLeast(before + 1)).toBe(before + 1)
    expect(performance.now() - first).toBeGreaterThanOrEqual(INTERVAL_MS)
    await sleep(2 * INTERVAL_MS)
    expect(heard).toBe(before + 1)
  })

  it('sends a ring that is still due when stopped, and rings no more', async () => {
    const ringing = bell()
    ringing.ring()
    await heardAtLeast(heard + 1)
    const before = heard
    ringing.ring()
    await ringing.stop()
    expect(await heardAtLeast(before + 1)).toBe(before + 1)
    ringing.ring()
    await sleep(2 * INTERVAL_MS)
    expect(heard).toBe(before + 1)
  })
})
