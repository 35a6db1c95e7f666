import { sql } from 'drizzle-orm'
import type { Clock } from '../clock.js'
import type { Logger } from '../logger.js'
import { type Database, rowsOf } from './client.js'

/** How often the offset is measured again: NTP corrects a drifting host within minutes. */
const REFRESH_MS = 60_000
/** Measurements per refresh: the one with the shortest round trip brackets the database's reading best. */
const SAMPLES = 3
/** An offset beyond this is a host whose clock is wrong, said in the log. */
const WORTH_A_WARNING_MS = 1_000

export type DatabaseClock = {
  clock: Clock
  /** The last measured offset: the database's time minus this host's, in milliseconds. */
  offsetMs(): number
  /** Measures the offset again now (also done every minute until `stop`). */
  refresh(): Promise<void>
  stop(): void
}

type Sources = {
  /** The database's current time, in milliseconds since the epoch. */
  databaseTime: () => Promise<number>
  /** This host's, likewise. */
  localTime?: () => number
}

/**
 * A clock on the database's time, for processes sharing one PostgreSQL. Leases of webhook deliveries, their due
 * times, flood and duplicate windows are written by one process and read by another: with each on its own host's
 * clock, a host 30 s off had a second process send a delivery still in flight elsewhere (and a flood window
 * judged by two clocks is judged by neither). This host's time plus the measured offset, the database's time
 * read at the middle of the shortest round trip (off by at most half of it), measured at start and every minute.
 */
export async function createDatabaseClock(
  { databaseTime, localTime = Date.now }: Sources,
  logger: Logger,
  refreshMs = REFRESH_MS,
): Promise<DatabaseClock> {
  let offset = 0
  let warned = false
  const measure = async () => {
    let best: { roundTrip: number; offset: number } | null = null
    for (let sample = 0; sample < SAMPLES; sample++) {
      const sent = localTime()
      const read = await databaseTime()
      const received = localTime()
      // An answer that is no time would make every date the clock gives invalid: the last offset stays instead.
      if (!Number.isFinite(read)) throw new Error(`the database gave no time (${read})`)
      const roundTrip = received - sent
      if (!best || roundTrip < best.roundTrip) best = { roundTrip, offset: read - (sent + received) / 2 }
    }
    return (best as { offset: number }).offset
  }
  const refresh = async () => {
    try {
      offset = await measure()
    } catch (error) {
      // The database is unreachable: the last offset stays, and nothing that needs the clock can run anyway.
      logger.debug({ err: error }, 'measuring the offset to the database clock failed')
      return
    }
    const off = Math.abs(offset) > WORTH_A_WARNING_MS
    if (off && !warned)
      logger.warn(
        { offsetMs: Math.round(offset) },
        `this host's clock is ${Math.round(Math.abs(offset))} ms ${offset > 0 ? 'behind' : 'ahead of'} the database's: Vigil keeps the database's time (check NTP on both)`,
      )
    warned = off
  }
  await refresh()
  const timer = setInterval(() => void refresh(), refreshMs)
  timer.unref()
  return {
    clock: { now: () => new Date(localTime() + offset) },
    offsetMs: () => offset,
    refresh,
    stop: () => clearInterval(timer),
  }
}

/** The database server's current time (not its transaction's: `clock_timestamp()`), in milliseconds. */
export async function readDatabaseTime(db: Database): Promise<number> {
  const [row] = rowsOf<{ ms: string | number }>(
    await db.execute(sql`select (extract(epoch from clock_timestamp()) * 1000)::float8 as ms`),
  )
  return Number(row?.ms)
}
