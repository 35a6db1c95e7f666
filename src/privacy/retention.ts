import { asc, sql } from 'drizzle-orm'
import type { Clock } from '../clock.js'
import type { PrivacyConfig } from '../config.js'
import { type Database, type DatabaseHandle, rowsOf } from '../db/client.js'
import { sites } from '../db/schema.js'
import { isDatabaseUnavailable } from '../errors.js'
import type { Logger } from '../logger.js'
import { clearIps } from './clear-ips.js'
import { purgeSpam } from './purge-spam.js'

const DAY_MS = 24 * 60 * 60 * 1000
/** Any number that every Vigil process agrees on: the purge's advisory lock. */
export const PURGE_LOCK = 7_412_001
const PURGE_INTERVAL_MS = 60 * 60 * 1000
/** After a purge that found the database unreachable (a restart, a failover): soon, not an hour late. */
const RETRY_AFTER_OUTAGE_MS = 5 * 60 * 1000

export type PurgeReport = {
  /** False when another process held the lock: it is purging, this one did nothing. */
  ran: boolean
  /** Comments whose raw IP, user agent and IP-bearing Akismet fields were cleared. */
  ipsCleared: number
  /** Spam and rejected comments deleted. */
  spamDeleted: number
  /** Spam and rejected comments that replies still answer, emptied of personal data and text but kept. */
  spamAnonymised: number
}

/** The most comments one transaction of the purge locks: a moderator deciding one of them waits for this many. */
const PURGE_BATCH = 1000
const NOT_RUN: PurgeReport = { ran: false, ipsCleared: 0, spamDeleted: 0, spamAnonymised: 0 }
/** The embedded databases purging in this process: the only process that can open them. */
const purgingEmbedded = new WeakSet<Database>()

/**
 * Applies the retention periods, site by site (each statement scoped by site and backed by its index): clears
 * raw IPs and user agents past `ipRetentionDays` (the keyed IP hash stays, for rate limits and reputation), and
 * deletes spam and rejected comments past `spamRetentionDays`. Each transaction covers at most `batchSize`
 * comments of one site and commits before the next: a first run over years of comments once held every row it
 * changed, on every site, until the end, and moderators' decisions on them waited minutes. Several processes
 * may call it at once: the first takes an advisory lock and the others return at once.
 */
export async function purgeExpiredData(
  database: Pick<DatabaseHandle, 'db' | 'kind'>,
  clock: Clock,
  config: PrivacyConfig,
  {
    batchSize = PURGE_BATCH,
    signal,
    sharedLearning = true,
  }: {
    batchSize?: number
    /** SHARED_LEARNING: whether a comment learned before the choice was recorded taught the server's corpus. */
    sharedLearning?: boolean
    /** Once aborted (the process stops), no further batch starts: what is left waits for the next run. */
    signal?: AbortSignal
  } = {},
): Promise<PurgeReport> {
  const now = clock.now().getTime()
  const cutoffs = {
    ip: new Date(now - config.ipRetentionDays * DAY_MS).toISOString(),
    spam: new Date(now - config.spamRetentionDays * DAY_MS).toISOString(),
    batchSize,
    stopped: () => signal?.aborted === true,
  }
  return exclusively(database, async (db) => {
    const report: PurgeReport = { ran: true, ipsCleared: 0, spamDeleted: 0, spamAnonymised: 0 }
    for (const { id } of await db.select({ id: sites.id }).from(sites).orderBy(asc(sites.id))) {
      if (cutoffs.stopped()) break
      report.ipsCleared += await clearIps(db, id, cutoffs)
      const { deleted, anonymised } = await purgeSpam(db, clock, id, cutoffs, sharedLearning)
      report.spamDeleted += deleted
      report.spamAnonymised += anonymised
    }
    return report
  })
}

/**
 * Runs `purge` while no other purge runs. On a server, a transaction of its own holds the advisory lock (and
 * nothing else) while the purge commits its work on other connections of the pool; it ends with the lock when
 * the purge does, or when its connection is lost. The embedded database is one connection of this process.
 */
async function exclusively(
  { db, kind }: Pick<DatabaseHandle, 'db' | 'kind'>,
  purge: (db: Database) => Promise<PurgeReport>,
): Promise<PurgeReport> {
  if (kind === 'pglite') {
    if (purgingEmbedded.has(db)) return NOT_RUN
    purgingEmbedded.add(db)
    try {
      return await purge(db)
    } finally {
      purgingEmbedded.delete(db)
    }
  }
  return db.transaction(async (holder) => {
    // Idle while the purge works elsewhere: a server's idle_in_transaction_session_timeout must not end it.
    const [lock] = rowsOf<{ locked: boolean }>(
      await holder.execute(sql`select pg_try_advisory_xact_lock(${PURGE_LOCK}) as locked,
        set_config('idle_in_transaction_session_timeout', '0', true)`),
    )
    if (!lock?.locked) return NOT_RUN
    const report = await purge(db)
    // Still holding it? A lost connection fails the purge here rather than letting another one start unseen.
    await holder.execute(sql`select 1`)
    return report
  })
}

export type Cutoffs = { ip: string; spam: string; batchSize: number; stopped: () => boolean }

/**
 * Runs the purge at start and every hour, inside the service, and five minutes after one that found the database
 * unreachable (the retention periods are promises to readers); stops with the process.
 */
export function schedulePurge(deps: {
  database: Pick<DatabaseHandle, 'db' | 'kind'>
  clock: Clock
  config: PrivacyConfig
  /** SHARED_LEARNING, as purgeExpiredData takes it. */
  sharedLearning: boolean
  logger: Logger
}) {
  let retry: NodeJS.Timeout | undefined
  let stopped = false
  // A run over many batches ends after the one under way, rather than holding the stop for minutes.
  const stopping = new AbortController()
  const run = async () => {
    clearTimeout(retry)
    try {
      const report = await purgeExpiredData(deps.database, deps.clock, deps.config, {
        signal: stopping.signal,
        sharedLearning: deps.sharedLearning,
      })
      if (report.ipsCleared + report.spamDeleted + report.spamAnonymised > 0)
        deps.logger.info(report, 'applied the retention periods')
    } catch (error) {
      if (!isDatabaseUnavailable(error)) {
        deps.logger.error({ err: error }, 'the retention purge failed; it runs again in an hour')
        return
      }
      deps.logger.warn('the retention purge found the database unreachable; it runs again in five minutes')
      if (stopped) return
      retry = setTimeout(() => {
        running = run()
      }, RETRY_AFTER_OUTAGE_MS)
      retry.unref()
    }
  }
  let running: Promise<void> = run()
  const timer = setInterval(() => {
    running = run()
  }, PURGE_INTERVAL_MS)
  timer.unref()
  return {
    async stop() {
      stopped = true
      stopping.abort()
      clearInterval(timer)
      clearTimeout(retry)
      await running
    },
  }
}
