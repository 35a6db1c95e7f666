/** `bench:webhooks`'s settings and figures, and what makes its deliveries sound. */
import { type BenchRecord, percentile } from '../lifecycle.js'
import { benchOptions } from '../options.js'

/** The issue: "A new delivery starts within a second of its commit." */
export const TARGET_P99_LAG_MS = 1_000
export const CONCURRENCY = 16

export function options() {
  const o = benchOptions({
    comments: { default: 2000, min: 1 },
    decisions: { default: 300, min: 1 },
    'pace-ms': { default: 5, min: 0 },
    'time-limit-s': { default: 300, min: 1 },
  })
  return {
    comments: o.comments,
    decisions: o.decisions,
    paceMs: o['pace-ms'],
    timeLimitS: o['time-limit-s'],
  }
}

export function distribution(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b)
  return {
    n: sorted.length,
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? 0,
  }
}

export type Distribution = ReturnType<typeof distribution>

/** Everything measured so far: filled in phase by phase, so a run cut short still reports what it has. */
export type Figures = BenchRecord & {
  settings: { comments: number; decisions: number; paceMs: number; concurrency: number; timeLimitS: number }
  throughput?: {
    postingSeconds: number
    commentsPostedPerSecond: number
    deliveries: number
    secondsToReceiveAll?: number
    deliveriesPerSecond?: number
    secondsToRecordAll?: number
    recordedPerSecond?: number
    attemptsRecorded?: number
    deliveriesSucceeded?: number
  }
  lag?: {
    decisions: number
    decisionsPerSecond?: number
    decisionRequestMs?: Distribution
    fromRequestMs?: Distribution
    fromCommitMs?: Distribution
    seriesFromCommitMs?: number[]
    received?: number
  }
  /** Both phases: N created, M created, M approved; one attempt each. */
  attemptsRecorded?: number
  /** Attempts that did not get a 200, by error (each is retried after the first retry delay). */
  failedAttempts?: { error: string; attempts: number }[]
  receiver: { requests: number; distinctWebhookIds: number; duplicates: number; signatureFailures: number }
  target: { p99LagMs: number; met: boolean | null }
}

/** Sound deliveries are what the figures stand on: anything else is an error, not a missed target. */
export function soundness(figures: Figures): string | null {
  const expected = figures.settings.comments + 2 * figures.settings.decisions
  if (figures.receiver.signatureFailures > 0) return `${figures.receiver.signatureFailures} signatures failed`
  if (figures.receiver.duplicates > 0) return `${figures.receiver.duplicates} deliveries arrived twice`
  if (figures.throughput?.attemptsRecorded !== figures.settings.comments)
    return `${figures.throughput?.attemptsRecorded} attempts recorded after the drain, expected ${figures.settings.comments}`
  if (figures.attemptsRecorded !== expected)
    return `${figures.attemptsRecorded} attempts recorded in all, expected ${expected}`
  return null
}
