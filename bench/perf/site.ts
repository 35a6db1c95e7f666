/** Driving a server under test over HTTP: its site and keys, its loads, and each load's figures as printed. */
import { datasetsDir } from '../datasets.js'
import { startCpuMeter } from './cpu.js'
import { type LoadFigures, type LoadSpec, runLoad } from './load.js'
import { startTarget, type Target } from './processes.js'
import { describeCpu } from './report.js'
import { ADMIN_TOKEN, type Settings, SITE } from './settings.js'
import type { TargetOptions } from './target.js'
import type { Workload } from './workload.js'

export type Cleanup = (() => Promise<void>)[]
const out = (text = '') => process.stdout.write(`${text}\n`)

/** Starts a server under test with the bench's admin token and data sets, stopped by `cleanup` if not before. */
export async function started(
  options: Omit<TargetOptions, 'adminToken' | 'datasetsDir'>,
  cleanup: Cleanup,
): Promise<Target> {
  const target = await startTarget({ ...options, adminToken: ADMIN_TOKEN, datasetsDir: datasetsDir() })
  cleanup.push(target.stop)
  return target
}

/** Calls the app over HTTP as its operator would (admin token, or a key), and insists on the expected status. */
export async function call<T>(target: Target, method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${target.origin}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
  return { body: (await response.json()) as T, etag: response.headers.get('etag') }
}

/** The site intake posts to: a server key, a moderator key, and a webhook endpoint collecting every event. */
export async function setUpSite(target: Target) {
  await call(target, 'POST', '/v1/sites', ADMIN_TOKEN, { id: SITE, name: 'Le Quotidien', allowedOrigins: [] })
  const key = async (role: string) =>
    (await call<{ key: string }>(target, 'POST', `/v1/sites/${SITE}/keys`, ADMIN_TOKEN, { role })).body.key
  const serverKey = await key('server')
  const moderatorKey = await key('moderator')
  // Nothing listens there: the dispatcher is off, so the outbox rows are only written, as intake writes them.
  await call(target, 'POST', `/v1/sites/${SITE}/webhooks`, ADMIN_TOKEN, { url: 'http://127.0.0.1:9/vigil' })
  return { serverKey, moderatorKey }
}

export function intakeLoad(
  settings: Settings,
  target: Target,
  workload: Workload,
  serverKey: string,
): LoadSpec {
  return {
    origin: target.origin,
    method: 'POST',
    path: () => `/v1/sites/${SITE}/comments`,
    body: (n) => workload.submission(n),
    headers: { authorization: `Bearer ${serverKey}` },
    expect: [201],
    connections: settings.connections,
    durationS: settings.durationS,
  }
}

/**
 * One load run against `server`: the figures, where the CPU went, and (unless `peakRss` is false: the baseline's
 * is not Vigil's) that process's peak resident set during the run, its own and not an earlier one's.
 */
export async function measure(
  label: string,
  spec: LoadSpec,
  warmUpS: number,
  server: Target,
  { peakRss = true } = {},
): Promise<LoadFigures> {
  out(`  ${label}…`)
  if (peakRss) server.resetPeakRss()
  const figures = await runLoad(spec, warmUpS, () => startCpuMeter(server.pid, server.onPostgres))
  if (peakRss) figures.peakRssMb = server.peakRssMb()
  const rss = figures.peakRssMb === undefined ? '' : `, peak RSS ${figures.peakRssMb} MB`
  out(
    `    ${figures.perSecond}/s, p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, errors ${figures.errors}${rss}`,
  )
  if (figures.cpu) out(`    ${describeCpu(figures.cpu, figures.requests)}`)
  return figures
}

/** The highest of the runs' peaks and of the process's peak before them (its start, a model trained in it). */
export const peakOf = (before: number, runs: readonly LoadFigures[]) =>
  Math.max(before, ...runs.map((run) => run.peakRssMb ?? 0))

/**
 * Follows `nextCursor` up to `pages` times from `path`: the last cursor and how many pages deep it is. A corpus
 * too small for a second page is an error (the default million gives 100 article pages and 30 queue pages).
 */
export async function deepCursor(target: Target, path: string, token: string, pages: number) {
  let cursor: string | null = null
  let depth = 0
  for (; depth < pages; depth++) {
    const separator = path.includes('?') ? '&' : '?'
    const url: string = cursor ? `${path}${separator}cursor=${cursor}` : path
    const { body } = await call<{ nextCursor: string | null }>(target, 'GET', url, token)
    if (!body.nextCursor) break
    cursor = body.nextCursor
  }
  if (!cursor) throw new Error(`${path}: no second page; seed more comments (--comments)`)
  return { cursor, depth }
}

/** The bare ceiling's intake (no peak resident set: the baseline's is not Vigil's). */
export const measureBaseline = (settings: Settings, baseline: Target, workload: Workload) =>
  measure('baseline', intakeLoad(settings, baseline, workload, ''), settings.warmUpS, baseline, {
    peakRss: false,
  })
