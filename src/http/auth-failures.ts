import type { Clock } from '../clock.js'
import type { RateLimitConfig } from '../config.js'
import type { IdentityHasher } from '../moderation/identity-hasher.js'
import { addressBucket } from '../moderation/identity-hasher.js'
import type { RateLimiter } from './rate-limit.js'

/**
 * Failed authentications (an unknown or revoked key, a malformed header) counted per caller address. Past the
 * limit, the address is refused until its window ends, without a database read, every key but those it has
 * used successfully before (`succeeded`): a guesser learns nothing of its guesses, and a client sharing its
 * address (a NAT, a shared host) keeps working.
 */
export type AuthFailures = {
  /** Seconds until `address` may try a key again, 0 when it may now. In memory: no query on a good key's path. */
  blockedFor(address: string | null): number
  /** Counts one failure by `address`; resolves to the seconds it is now blocked for, 0 while under the limit. */
  record(address: string | null): Promise<number>
  /** Notes that `address` authenticated with the key of this hash (`sha256Hex` of the token). */
  succeeded(address: string | null, keyHash: string): void
  /** Whether `address` authenticated with the key of this hash within the last hour. */
  succeededBefore(address: string | null, keyHash: string): boolean
  /**
   * Runs `attempt` (check the block, try a key not proven from `address`, record its failure) once the earlier
   * attempts of the address's bucket in this process have ended. Run side by side, a burst of guesses would all
   * pass the block before the first failure was counted, and a right key among a thousand would be let in.
   */
  inTurn<T>(address: string | null, attempt: () => Promise<T>): Promise<T>
}

/**
 * Addresses whose successful keys are remembered, at most, and keys per address; the least recent go first. A
 * shared host or a proxy (TRUST_PROXY off) is one address for every site behind it: with 8, a ninth site's
 * backend pushed the first out, and it was refused with the failing neighbour (found by review, with 12 sites).
 */
const MAX_KNOWN_ADDRESSES = 10_000
export const MAX_KEYS_PER_ADDRESS = 256
/** How long a success lets its key through a block of its address. */
const SUCCESS_MEMORY_MS = 60 * 60_000

/** Addresses remembered as blocked, at most; past it the one whose block ends first is forgotten. */
export const MAX_BLOCKED_ADDRESSES = 10_000

/**
 * The counts are the database's (`rate_limits`), shared by every process; the blocks each process has seen are
 * kept in its memory. A process that has not yet seen an address fail learns of its block at that address's
 * next failure there, so a guesser gets at most one more try per process per window: each process tries an
 * address's unproven keys one after another (`inTurn`), so a burst of them meets the block too.
 */
export function createAuthFailures(deps: {
  rateLimiter: RateLimiter
  hasher: IdentityHasher
  clock: Clock
  config: { rateLimits: RateLimitConfig }
}): AuthFailures {
  const blockedUntil = new Map<string, number>()
  // By bucket: the end of the last unproven attempt queued, while one is; never rejects.
  const turns = new Map<string, Promise<void>>()
  // By exact address (not its /64), the most recent last: key hash → when it last authenticated from there.
  const successes = new Map<string, Map<string, number>>()

  const block = (address: string, untilMs: number) => {
    if (blockedUntil.size >= MAX_BLOCKED_ADDRESSES)
      forgetEndedOrSoonest(blockedUntil, deps.clock.now().getTime())
    blockedUntil.delete(address)
    blockedUntil.set(address, untilMs)
  }

  return {
    blockedFor(address) {
      if (address === null) return 0
      const bucket = addressBucket(address)
      const untilMs = blockedUntil.get(bucket)
      if (untilMs === undefined) return 0
      const leftMs = untilMs - deps.clock.now().getTime()
      if (leftMs > 0) return Math.max(1, Math.ceil(leftMs / 1000))
      blockedUntil.delete(bucket)
      return 0
    },

    succeeded(address, keyHash) {
      if (address === null) return
      const keys = successes.get(address) ?? new Map<string, number>()
      successes.delete(address)
      successes.set(address, keys)
      keys.delete(keyHash)
      keys.set(keyHash, deps.clock.now().getTime())
      if (keys.size > MAX_KEYS_PER_ADDRESS) keys.delete(keys.keys().next().value as string)
      if (successes.size > MAX_KNOWN_ADDRESSES) successes.delete(successes.keys().next().value as string)
    },

    succeededBefore(address, keyHash) {
      const at = address === null ? undefined : successes.get(address)?.get(keyHash)
      return at !== undefined && deps.clock.now().getTime() - at < SUCCESS_MEMORY_MS
    },

    inTurn(address, attempt) {
      if (address === null || deps.config.rateLimits.failedAuthPerIp <= 0) return attempt()
      const bucket = addressBucket(address)
      const mine = (turns.get(bucket) ?? Promise.resolve()).then(attempt)
      const ended = mine.then(
        () => {},
        () => {},
      )
      turns.set(bucket, ended)
      void ended.then(() => {
        if (turns.get(bucket) === ended) turns.delete(bucket)
      })
      return mine
    },

    async record(address) {
      const limit = deps.config.rateLimits.failedAuthPerIp
      // Without a peer address (not over a socket) there is nobody to count.
      if (address === null || limit <= 0) return 0
      const bucket = addressBucket(address)
      const now = deps.clock.now()
      const windowMs = deps.config.rateLimits.windowSeconds * 1000
      const hashed = await deps.hasher.address(address)
      const decision = await deps.rateLimiter.hit(`auth:ip:${hashed}`, limit, windowMs, now)
      if (decision.allowed) return 0
      block(bucket, now.getTime() + decision.retryAfterSeconds * 1000)
      return decision.retryAfterSeconds
    },
  }
}

/** Makes room: drops every block that has ended, or when none has, the one that ends first. */
function forgetEndedOrSoonest(blockedUntil: Map<string, number>, nowMs: number) {
  let soonest: [string, number] | null = null
  for (const [address, untilMs] of blockedUntil) {
    if (untilMs <= nowMs) blockedUntil.delete(address)
    else if (!soonest || untilMs < soonest[1]) soonest = [address, untilMs]
  }
  if (blockedUntil.size >= MAX_BLOCKED_ADDRESSES && soonest) blockedUntil.delete(soonest[0])
}
