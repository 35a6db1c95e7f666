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
    ringing.ring()
    await heardAtLeast(heard + 1)
    const before = heard
    for (let ring = 0; ring < 50; ring++) ringing.ring()
    // Nothing more within the interval...
    await sleep(INTERVAL_MS / 4)
    expect(heard).toBe(before)
    // ...then one notification for all fifty, and no more after it.
    expect(await heardAtLeast(before + 1)).toBe(before + 1)
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
