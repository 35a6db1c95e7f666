import { and, lt, sql } from 'drizzle-orm'
import type { MiddlewareHandler } from 'hono'
import type { Clock } from '../clock.js'
import type { RateLimitConfig } from '../config.js'
import type { Database } from '../db/client.js'
import { rateLimits } from '../db/schema.js'
import { runStatement } from '../db/statement.js'
import { DomainError } from '../errors.js'
import type { Logger } from '../logger.js'
import type { IdentityHasher } from '../moderation/identity-hasher.js'
import type { AppEnv, Principal } from './env.js'

export type RateLimitDecision = {
  allowed: boolean
  /** Hits counted in this window, this one included. */
  hits: number
  /** Whole seconds until the window ends, at least 1. */
  retryAfterSeconds: number
}

export type RateLimiter = {
  /** Counts one hit on `bucket` in the fixed window holding `now`; allowed while the count is at most `limit`. */
  hit(bucket: string, limit: number, windowMs: number, now: Date): Promise<RateLimitDecision>
  /** Deletes windows long past (two of their own length, at least 10 minutes); resolves to how many rows went. */
  sweep(now: Date): Promise<number>
}

/** A process sweeps at most this often, whatever its traffic. */
const SWEEP_INTERVAL_MS = 60_000
/** Rows are kept at least this long, whatever their window. */
const MIN_RETENTION_MS = 10 * 60_000
/**
 * A row's window length, from its bucket's `@<ms>` suffix (see `hit`): each row is kept for two of its own windows,
 * so a process with a shorter window (mid-way through a change of RATE_LIMIT_WINDOW_SECONDS, say from an hour to a
 * minute) does not delete the windows its neighbours are still counting in, which reset their limits every minute.
 */
const ROW_WINDOW_MS = sql`coalesce(substring(${rateLimits.bucket} from '@([0-9]+)$')::bigint, 0)`

/** One hit counted, on every request that is limited: a statement with a constant text (src/db/statement.ts). */
const COUNT_HIT = `insert into rate_limits (bucket, window_start, hits) values ($1, $2::timestamptz, 1)
  on conflict (bucket, window_start) do update set hits = rate_limits.hits + 1 returning hits`

/**
 * Fixed-window counters in `rate_limits`, shared by every process on the database: one upsert per hit, so
 * concurrent hits from several processes are counted exactly.
 */
export function createRateLimiter(deps: { db: Database; logger: Logger }): RateLimiter {
  let lastSweepMs = Number.NEGATIVE_INFINITY

  const sweep = async (now: Date) => {
    const deleted = await deps.db
      .delete(rateLimits)
      .where(
        and(
          lt(rateLimits.windowStart, new Date(now.getTime() - MIN_RETENTION_MS)),
          sql`${rateLimits.windowStart} < ${now.toISOString()}::timestamptz - 2 * ${ROW_WINDOW_MS} * interval '1 millisecond'`,
        ),
      )
      .returning({ bucket: rateLimits.bucket })
    return deleted.length
  }

  return {
    async hit(bucket, limit, windowMs, now) {
      const nowMs = now.getTime()
      const windowStartMs = Math.floor(nowMs / windowMs) * windowMs
      const retryAfterSeconds = Math.max(1, Math.ceil((windowStartMs + windowMs - nowMs) / 1000))
      const [row] = await runStatement<{ hits: number }>(deps.db, COUNT_HIT, [
        // Counted per window length: while processes move to a new RATE_LIMIT_WINDOW_SECONDS, a 30 s and a 60 s
        // window starting at the same moment would otherwise add into one counter and refuse callers early.
        `${bucket}@${windowMs}`,
        new Date(windowStartMs).toISOString(),
      ])
      if (nowMs - lastSweepMs >= SWEEP_INTERVAL_MS) {
        lastSweepMs = nowMs
        sweep(now).catch((error: unknown) => deps.logger.warn({ err: error }, 'rate limit sweep failed'))
      }
      const hits = row?.hits ?? 1
      return { allowed: hits <= limit, hits, retryAfterSeconds }
    },
    sweep,
  }
}

type LimiterDeps = {
  rateLimiter: RateLimiter
  clock: Clock
  hasher: IdentityHasher
  config: { rateLimits: RateLimitConfig }
}

/** Counts one hit and throws a 429 (with Retry-After) once `limit` is exceeded; a limit of 0 counts nothing. */
async function enforce(deps: LimiterDeps, bucket: string, limit: number, detail: string) {
  if (limit <= 0) return
  const windowMs = deps.config.rateLimits.windowSeconds * 1000
  const decision = await deps.rateLimiter.hit(bucket, limit, windowMs, deps.clock.now())
  if (!decision.allowed) {
    throw new DomainError('rate-limited', `${detail} Try again in ${decision.retryAfterSeconds} s.`, {
      retryAfterSeconds: decision.retryAfterSeconds,
    })
  }
}

const keyBucket = (principal: Principal) => `key:${principal.actor}`

/**
 * The limits on `POST /v1/sites/{site}/comments`, applied once the caller and the site are known:
 * - a public caller: its own IP (`ip:`), then the site as a whole (`site:`);
 * - a caller speaking for a reader (a server key, the admin): the reader's IP it passes, counted within this
 *   site, so a site's backend is limited per reader and cannot spend another site's readers' budget; with no
 *   reader IP, the key itself (`key:`, the API limit);
 * - a moderator key: the key, like the rest of the moderation API.
 * Addresses are stored as keyed hashes (the identity hasher), never as themselves.
 */
export async function limitSubmission(
  deps: LimiterDeps,
  submission: {
    siteId: string
    principal: Principal | null
    speaksForReader: boolean
    readerIp: string | null
  },
): Promise<void> {
  const { siteId, principal, speaksForReader, readerIp } = submission
  const limits = deps.config.rateLimits
  const addressDetail = 'Too many comments from this address.'
  if (!principal) {
    if (readerIp && limits.submissionsPerIp > 0) {
      const address = await deps.hasher.address(readerIp)
      await enforce(deps, `ip:${address}`, limits.submissionsPerIp, addressDetail)
    }
    await enforce(
      deps,
      `site:${siteId}`,
      limits.submissionsPerSite,
      'This site is receiving too many comments.',
    )
    return
  }
  if (speaksForReader && readerIp) {
    if (limits.submissionsPerIp <= 0) return
    const address = await deps.hasher.address(readerIp)
    await enforce(deps, `site:${siteId}:ip:${address}`, limits.submissionsPerIp, addressDetail)
    return
  }
  await enforce(deps, keyBucket(principal), limits.apiPerKey, 'Too many requests with this key.')
}

const SUBMISSION_PATH = /^\/v1\/sites\/([^/]+)\/comments$/

/**
 * Whether the request is a comment submission its route will limit (`limitSubmission`): one by the admin or by a
 * key of the path's site. A key of another site is refused there before any count, so it is counted here, like
 * any other request it makes: otherwise it could knock on other sites' doors for free.
 */
function limitedBySubmissionRoute(method: string, path: string, principal: Principal): boolean {
  if (method !== 'POST') return false
  const site = SUBMISSION_PATH.exec(path)?.[1]
  if (site === undefined) return false
  return principal.kind === 'admin' || principal.siteId === site
}

/**
 * The per-key limit on every authenticated `/v1` request (moderation and admin API), after `authenticate`.
 * Public requests pass; comment submissions are limited by their route (`limitSubmission`), which knows
 * whose IP a submission carries.
 */
export function apiRateLimit(deps: LimiterDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = c.get('principal')
    if (!principal || limitedBySubmissionRoute(c.req.method, c.req.path, principal)) return next()
    // A refusal is thrown like authenticate's: app.onError answers it with problem() (429, Retry-After).
    await enforce(
      deps,
      keyBucket(principal),
      deps.config.rateLimits.apiPerKey,
      'Too many requests with this key.',
    )
    return next()
  }
}
