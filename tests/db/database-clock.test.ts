import { Writable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { createDatabaseClock, type DatabaseClock, readDatabaseTime } from '../../src/db/database-clock.js'
import { createLogger } from '../../src/logger.js'
import { createTestDatabase } from '../helpers/db.js'

/** A logger whose lines are kept, parsed. */
function capturedLogger() {
  const lines: { level: number; msg: string; offsetMs?: number }[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line))
      done()
    },
  })
  return { logger: createLogger('debug', stream), warnings: () => lines.filter((line) => line.level === 40) }
}

/** A host clock that moves 1 ms per reading, and a database whose clock is `skewMs` ahead of it. */
function skewedSources(skewMs: () => number) {
  let host = 1_800_000_000_000
  return {
    localTime: () => host++,
    databaseTime: async () => host + skewMs(),
  }
}

const clocks: DatabaseClock[] = []
const track = (clock: DatabaseClock) => {
  clocks.push(clock)
  return clock
}
afterEach(() => {
  for (const clock of clocks.splice(0)) clock.stop()
})

describe('the database clock', () => {
  it("keeps the database's time on a host whose clock is off, either way, and says so once", async () => {
    for (const skew of [35_000, -35_000]) {
      const sources = skewedSources(() => skew)
      const { logger, warnings } = capturedLogger()
      const clock = track(await createDatabaseClock(sources, logger))
      // The database was read half-way through each 2 ms round trip (`host++` twice around it).
      expect(clock.offsetMs()).toBeCloseTo(skew, -1)
      const host = sources.localTime()
      expect(Math.abs(clock.clock.now().getTime() - (host + skew))).toBeLessThanOrEqual(2)
      await clock.refresh()
      expect(warnings()).toHaveLength(1)
      expect(warnings()[0]?.msg).toContain(skew > 0 ? 'behind' : 'ahead of')
    }
  })

  it('says nothing of clocks that agree, and follows a host clock corrected meanwhile', async () => {
    let skew = 3
    const { logger, warnings } = capturedLogger()
    const clock = track(
      await createDatabaseClock(
        skewedSources(() => skew),
        logger,
      ),
    )
    expect(Math.abs(clock.offsetMs() - 3)).toBeLessThanOrEqual(1)
    skew = -120_000
    await clock.refresh()
    expect(Math.abs(clock.offsetMs() + 120_000)).toBeLessThanOrEqual(1)
    expect(warnings()).toHaveLength(1)
  })

  it('trusts the reading with the shortest round trip', async () => {
    let host = 0
    // The first reading took 400 ms, the database answering at its start; the second took 2 ms.
    const trips = [400, 2, 300]
    let at = 0
    const databaseTime = async () => {
      const trip = trips[at++ % trips.length] as number
      const read = host + 10_000
      host += trip
      return read
    }
    const clock = track(
      await createDatabaseClock({ databaseTime, localTime: () => host }, capturedLogger().logger),
    )
    expect(Math.abs(clock.offsetMs() - 10_000)).toBeLessThanOrEqual(1)
  })

  it('keeps the last offset while the database cannot be reached', async () => {
    let reachable = true
    const sources = skewedSources(() => 5_000)
    const clock = track(
      await createDatabaseClock(
        {
          ...sources,
          databaseTime: () => (reachable ? sources.databaseTime() : Promise.reject(new Error('down'))),
        },
        capturedLogger().logger,
      ),
    )
    reachable = false
    await clock.refresh()
    expect(Math.abs(clock.offsetMs() - 5_000)).toBeLessThanOrEqual(1)
  })

  it('keeps the last offset when the database answers with no time', async () => {
    let answer: number | null = null
    const sources = skewedSources(() => 5_000)
    const clock = track(
      await createDatabaseClock(
        { ...sources, databaseTime: async () => answer ?? sources.databaseTime() },
        capturedLogger().logger,
      ),
    )
    answer = Number.NaN
    await clock.refresh()
    expect(Math.abs(clock.offsetMs() - 5_000)).toBeLessThanOrEqual(1)
    expect(Number.isNaN(clock.clock.now().getTime())).toBe(false)
  })

  it("reads the database server's own clock", async () => {
    const database = await createTestDatabase({ migrated: false })
    try {
      const clock = track(
        await createDatabaseClock(
          { databaseTime: () => readDatabaseTime(database.db) },
          capturedLogger().logger,
        ),
      )
      // The test's database runs on this machine: the same clock, read through a round trip.
      expect(Math.abs(clock.offsetMs())).toBeLessThan(1_000)
      expect(Math.abs(clock.clock.now().getTime() - Date.now())).toBeLessThan(1_000)
    } finally {
      await database.dispose()
    }
  })
})
