/** `bench:akismet`'s settings and figures: a run's, summarised from its samples, and the whole benchmark's. */

import { type BenchRecord, percentile } from '../lifecycle.js'
import { benchOptions } from '../options.js'
import type { LoadResult, Sample } from './load-generator.js'

/** The issue: "comment-check p99 under 50 ms on this machine at 32 concurrent clients". */
export const TARGET_P99_MS = 50

export function options() {
  const o = benchOptions({
    clients: { default: 32, min: 1 },
    requests: { default: 3000, min: 1 },
    warmup: { default: 200, min: 0 },
    baseline: { default: 300, min: 0 },
    'duration-s': { default: 120, min: 1 },
    'time-limit-s': { default: 420, min: 1 },
  })
  return {
    clients: o.clients,
    requests: o.requests,
    warmup: o.warmup,
    baseline: o.baseline,
    durationS: o['duration-s'],
    timeLimitS: o['time-limit-s'],
  }
}

export type Settings = ReturnType<typeof options>

export type RunFigures = {
  clients: number
  requests: number
  stoppedBy: 'count' | 'time'
  seconds: number
  errors: number
  errorExamples: string[]
  requestsPerSecond: number
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number }
  answeredTrue: number
  /** Of the server's thread: the share of the run it was busy (event-loop utilisation). */
  serverThreadBusy: number
  /** CPU time of the server process (all its threads, PGlite included) over the run's wall time. */
  serverProcessCores: number
  /** Connections the server accepted during the run (the rest were the warm-up's, kept alive). */
  connectionsOpened: number
}

export type Usage = { busy: number; cores: number; connections: number }

export function summarise(result: LoadResult, clients: number, usage: Usage): RunFigures {
  const answered = (s: Sample) => s.status === 200 && (s.answer === 'true' || s.answer === 'false')
  const ok = result.samples.filter(answered)
  const failures = [
    ...result.samples.filter((s) => !answered(s)).map((s) => `HTTP ${s.status}: ${s.answer}`),
    ...result.failed.map((message) => `(${message})`),
  ]
  // Latency is that of the answered requests; one with no answer has none, and counts as an error.
  const sorted = result.samples.map((s) => s.ms).sort((a, b) => a - b)
  const requests = result.samples.length + result.failed.length
  const round = (value: number) => Math.round(value * 10) / 10
  return {
    clients,
    requests,
    stoppedBy: result.stoppedBy,
    seconds: round(result.seconds),
    errors: failures.length,
    errorExamples: [...new Set(failures)].slice(0, 5),
    requestsPerSecond: round(requests / result.seconds),
    latencyMs: {
      p50: round(percentile(sorted, 0.5)),
      p90: round(percentile(sorted, 0.9)),
      p99: round(percentile(sorted, 0.99)),
      max: round(sorted.at(-1) ?? 0),
      mean: round(sorted.reduce((sum, ms) => sum + ms, 0) / Math.max(1, sorted.length)),
    },
    answeredTrue: ok.filter((s) => s.answer === 'true').length / Math.max(1, ok.length),
    serverThreadBusy: usage.busy,
    serverProcessCores: usage.cores,
    connectionsOpened: usage.connections,
  }
}

export type Figures = BenchRecord & {
  settings: Settings
  comments?: { pool: number; spam: number; ham: number }
  baseline?: RunFigures
  loaded?: RunFigures
  /** Checks stored as comments (source akismet) against checks answered: one each, or some were re-posts. */
  stored?: { comments: number; answered: number }
  target: { p99Ms: number; clients: number; met: boolean | null }
}
