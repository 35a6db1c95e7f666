/** A receiver's Retry-After is honoured up to this: beyond it, the configured schedule decides. */
const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000
/** Each delay is spread ±20 %, so deliveries that failed together (a receiver's outage) do not retry together. */
const JITTER = 0.2

/**
 * How long to wait before the next attempt, after `attemptsMade` attempts failed, or null when the schedule is
 * used up. A receiver asking for more time (Retry-After) gets it.
 */
export function nextRetryDelayMs(
  delaysMs: readonly number[],
  attemptsMade: number,
  retryAfterMs: number | null,
  random: () => number = Math.random,
): number | null {
  const base = delaysMs[attemptsMade - 1]
  if (base === undefined) return null
  const jittered = base * (1 - JITTER + 2 * JITTER * random())
  return Math.round(Math.max(jittered, Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS)))
}
