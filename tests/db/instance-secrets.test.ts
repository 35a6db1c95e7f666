import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { instanceSecret } from '../../src/db/instance-secrets.js'
import { migrateDatabase } from '../../src/db/migrate.js'
import { TestClock } from '../helpers/app.js'
import { createTestDatabase, type TestDatabase } from '../helpers/db.js'

const opened: TestDatabase[] = []
const aDatabase = async (options?: { migrated: boolean }) => {
  const database = await createTestDatabase(options)
  opened.push(database)
  return database
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((database) => database.dispose()))
})

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([
    promise,
    sleep(ms).then(() => {
      throw new Error(`still waiting after ${ms} ms`)
    }),
  ])

describe('instance secrets', () => {
  it('start loading when their loader is made: a first use inside a transaction needs no other connection', async () => {
    // The embedded database has one connection, which a transaction holds to its end: a secret first read from
    // the root database inside one would wait for that transaction forever.
    const { db } = await aDatabase()
    const secret = instanceSecret(db, new TestClock(), 'identity-hash-key')
    // What comes first to an app made with the loader: a request, read in a later turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve))
    const inside = await db.transaction(() => within(secret(), 5_000))
    expect(inside).toMatch(/^[\w-]{43}$/)
  })

  it('are the same for every process on the database', async () => {
    const { db } = await aDatabase()
    const clock = new TestClock()
    const [first, second] = await Promise.all([
      instanceSecret(db, clock, 'form-token-key')(),
      instanceSecret(db, clock, 'form-token-key')(),
    ])
    expect(first).toBe(second)
    expect(await instanceSecret(db, clock, 'identity-hash-key')()).not.toBe(first)
  })

  it('load again on the next use after a failed load, without an unhandled rejection meanwhile', async () => {
    const database = await aDatabase({ migrated: false })
    const secret = instanceSecret(database.db, new TestClock(), 'identity-hash-key')
    await sleep(50)
    await expect(secret()).rejects.toThrow()
    await migrateDatabase(database)
    expect(await secret()).toMatch(/^[\w-]{43}$/)
  })
})
