import { and, asc, eq, sql } from 'drizzle-orm'
import type { Clock } from '../clock.js'
import type { PrivacyConfig } from '../config.js'
import { textArray } from '../db/array-literals.js'
import { type Database, rowsOf } from '../db/client.js'
import { type CommentRow, comments, sites } from '../db/schema.js'
import { isDatabaseUnavailable } from '../errors.js'
import type { Logger } from '../logger.js'
import { anonymisedComment, forgetTracesOf } from './anonymise.js'
import { dropEmptyRowsNamedBy } from './forget-learning.js'

const DAY_MS = 24 * 60 * 60 * 1000
/** Any number that every Vigil process agrees on: the purge's advisory lock. */
const PURGE_LOCK = 7_412_001
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

// What an Akismet client sent that identifies the reader's machine: every request header and every server
// variable naming the address (REMOTE_ADDR, REMOTE_HOST, a GeoIP module's GEOIP_ADDR or MMDB_ADDR and location),
// also as Apache's REDIRECT_ copies: clients such as Contact Form 7 forward all of $_SERVER.
const IDENTIFYING_EXTRA = sql`(key ~ '^(REDIRECT_)*(HTTP_|REMOTE_|GEOIP_|MMDB_)' or key in ('user_ip', 'comment_author_IP', 'comment_agent'))`

/**
 * Applies the retention periods, site by site (each statement scoped by site and backed by its index): clears
 * raw IPs and user agents past `ipRetentionDays` (the keyed IP hash stays, for rate limits and reputation), and
 * deletes spam and rejected comments past `spamRetentionDays`. Several processes may call it at once: the
 * first takes a transaction-level advisory lock and the others return at once.
 */
export async function purgeExpiredData(
  db: Database,
  clock: Clock,
  config: PrivacyConfig,
): Promise<PurgeReport> {
  const now = clock.now().getTime()
  const ipCutoff = new Date(now - config.ipRetentionDays * DAY_MS).toISOString()
  const spamCutoff = new Date(now - config.spamRetentionDays * DAY_MS).toISOString()
  return db.transaction(async (tx) => {
    const [lock] = rowsOf<{ locked: boolean }>(
      await tx.execute(sql`select pg_try_advisory_xact_lock(${PURGE_LOCK}) as locked`),
    )
    if (!lock?.locked) return { ran: false, ipsCleared: 0, spamDeleted: 0, spamAnonymised: 0 }
    let ipsCleared = 0
    let spamDeleted = 0
    let spamAnonymised = 0
    const purged = new Map<string, CommentRow[]>()
    for (const { id } of await tx.select({ id: sites.id }).from(sites).orderBy(asc(sites.id))) {
      const cleared = await tx.execute(sql`
        update comments set ip = null, user_agent = null, referrer = null,
          extra = case when extra is null then null else (
            select coalesce(jsonb_object_agg(key, value), '{}'::jsonb) from jsonb_each(extra)
            where not ${IDENTIFYING_EXTRA}
          ) end
        where site_id = ${id} and created_at < ${ipCutoff}::timestamptz
          and (ip is not null or user_agent is not null or referrer is not null
            or exists (select 1 from jsonb_each(extra) where ${IDENTIFYING_EXTRA}))
        returning id
      `)
      ipsCleared += rowsOf(cleared).length
      // Locked first, in one order, so that a decision or a reply committing meanwhile is waited for and seen by
      // what follows: otherwise a comment approved between the read and the writes would be emptied all the same,
      // and a reply stored between them would lose what it answers (the foreign key sets it to null).
      const locked = rowsOf<{ id: string }>(
        await tx.execute(sql`
          select id from comments
          where site_id = ${id} and status in ('spam', 'rejected')
            and coalesce(decided_at, created_at) < ${spamCutoff}::timestamptz
          order by id for update`),
      )
      if (locked.length === 0) continue
      const expiredIds = sql`${textArray(locked.map((row) => row.id))}::uuid[]`
      // A rejected comment holds no count, but an approval reversed into its rejection left rows at zero naming
      // its words: read before its text goes, they are deleted once every comment is locked (forget-learning.ts).
      const rejected = await tx
        .select()
        .from(comments)
        .where(sql`site_id = ${id} and id = any(${expiredIds}) and status = 'rejected' and erased_at is null`)
      if (rejected.length > 0) purged.set(id, rejected)
      // A reply that stays (approved, pending, or decided too recently) keeps what it answers, up to the root:
      // deleting them would cut it loose from its thread. They stay as placeholders, as after an erasure. Each
      // step goes up one level by the primary key, so a deep thread costs its depth, not its depth times the
      // number of expired comments.
      const holding = rowsOf<{ id: string; erased: boolean }>(
        await tx.execute(sql`
          with recursive holding(id) as (
            select reply.parent_id from comments reply
            where reply.site_id = ${id} and reply.parent_id = any(${expiredIds})
              and not (reply.id = any(${expiredIds}))
            union
            select parent.parent_id from holding join comments parent using (id)
            where parent.site_id = ${id} and parent.parent_id = any(${expiredIds}))
          select holding.id, comments.erased_at is not null as erased from holding join comments using (id)`),
      )
      const holdingIds = textArray(holding.map((row) => row.id))
      const toAnonymise = holding.filter((row) => !row.erased).map((row) => row.id)
      if (toAnonymise.length > 0)
        await tx
          .update(comments)
          .set(anonymisedComment(clock.now()))
          .where(and(eq(comments.siteId, id), sql`${comments.id} = any(${textArray(toAnonymise)}::uuid[])`))
      const deleted = rowsOf<{ id: string }>(
        await tx.execute(sql`
          delete from comments
          where site_id = ${id} and id = any(${expiredIds}) and not (id = any(${holdingIds}::uuid[]))
          returning id`),
      ).map((row) => row.id)
      // Once they are gone or emptied, no erasure can find what else speaks of their authors.
      await forgetTracesOf(tx, id, [...deleted, ...toAnonymise])
      spamDeleted += deleted.length
      spamAnonymised += toAnonymise.length
    }
    await dropEmptyRowsNamedBy(tx, purged)
    return { ran: true, ipsCleared, spamDeleted, spamAnonymised }
  })
}

/**
 * Runs the purge at start and every hour, inside the service, and five minutes after one that found the database
 * unreachable (the retention periods are promises to readers); stops with the process.
 */
export function schedulePurge(deps: { db: Database; clock: Clock; config: PrivacyConfig; logger: Logger }) {
  let retry: NodeJS.Timeout | undefined
  let stopped = false
  const run = async () => {
    clearTimeout(retry)
    try {
      const report = await purgeExpiredData(deps.db, deps.clock, deps.config)
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
      clearInterval(timer)
      clearTimeout(retry)
      await running
    },
  }
}
