import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { afterAll, describe, expect, it } from 'vitest'
import { citingComments, ordinaryComments } from '../helpers/app.js'
import { exchange, type Outcome, startVigil, type VigilProcess } from './vigil-process.js'

/** Counts and timings for whoever reads the test output. */
const report = (line: string) => process.stdout.write(`${line}\n`)

/**
 * Soak test: many clients at once against the real process, on loopback only, for a bounded time. Mixed
 * traffic: public submissions (each from its own reader address, through X-Forwarded-For with TRUST_PROXY) and
 * server-key submissions (each with its own `ip`), public reads of articles with and without If-None-Match,
 * moderation queue reads, and approve / reject / spam decisions on pending comments. Asserts no 5xx and no
 * transport failure at all, and that every 201 is readable afterwards through the moderator API.
 *
 * Runs on the embedded PGlite, and also on TEST_DATABASE_URL's server (in a fresh database) when it is set.
 *
 * SOAK_SECONDS sets how long the traffic lasts (default 60, the issue's one minute; shorter for a quick local run) and
 * SOAK_CLIENTS how many clients send it (default 16). 429 is an acceptable answer (flood control, rate limits):
 * it is counted, not failed.
 */

const SOAK_SECONDS = Number(process.env.SOAK_SECONDS || 60)
const CLIENTS = Number(process.env.SOAK_CLIENTS || 16)
const ADMIN_TOKEN = 'soak-test-admin-token-0123456789abcdef'
const SITE = 'soak-gazette'
const ARTICLES = ['soak-1', 'soak-2', 'soak-3', 'soak-4', 'soak-5']
/** A request answered slower than this counts as a hang. */
const REQUEST_LIMIT_MS = 30_000
const realServerUrl = process.env.TEST_DATABASE_URL || undefined

type Kind = 'public-submit' | 'server-submit' | 'list' | 'list-conditional' | 'queue' | 'decision'
type Record_ = { kind: Kind; outcome: Outcome }

const weights: [Kind, number][] = [
  ['public-submit', 20],
  ['server-submit', 20],
  ['list', 15],
  ['list-conditional', 15],
  ['queue', 15],
  ['decision', 15],
]

function pickKind(): Kind {
  let roll = Math.random() * 100
  for (const [kind, weight] of weights) {
    roll -= weight
    if (roll < 0) return kind
  }
  return 'list'
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0

async function soak(vigil: VigilProcess, label: string) {
  const { url } = vigil
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }
  const setup = async (method: string, path: string, body: unknown) => {
    const outcome = await exchange(`${url}${path}`, { method, headers: admin, body: JSON.stringify(body) })
    if (outcome.status !== 201 && outcome.status !== 200) {
      throw new Error(`${method} ${path}: ${outcome.status} ${outcome.body}`)
    }
    return JSON.parse(outcome.body) as Record<string, string>
  }
  await setup('POST', '/v1/sites', { id: SITE, name: 'Gazette de charge' })
  const serverKey = (await setup('POST', `/v1/sites/${SITE}/keys`, { role: 'server' })).key ?? ''
  const moderatorKey = (await setup('POST', `/v1/sites/${SITE}/keys`, { role: 'moderator' })).key ?? ''
  const asServer = { authorization: `Bearer ${serverKey}`, 'content-type': 'application/json' }
  const asModerator = { authorization: `Bearer ${moderatorKey}`, 'content-type': 'application/json' }

  const records: Record_[] = []
  const created = new Map<string, string>() // id → content
  const pending: string[] = []
  const etags = new Map<string, string>()
  let sequence = 0
  const next = () => {
    sequence += 1
    return sequence
  }
  /** A distinct reader address per submission: flood control (same IP within 15 s) never links two. */
  const readerIp = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`
  const contentFor = (n: number) => {
    // Some cite two links (held: pending), most are ordinary; a number makes each one distinct.
    const pool = n % 3 === 0 ? citingComments : ordinaryComments
    return `${pool[n % pool.length]} (n° ${n})`
  }

  const submit = async (kind: 'public-submit' | 'server-submit') => {
    const n = next()
    const content = contentFor(n)
    const articleId = ARTICLES[n % ARTICLES.length]
    const author = { name: `Lecteur ${n}`, email: `lecteur${n}@example.org` }
    const outcome =
      kind === 'public-submit'
        ? await exchange(`${url}/v1/sites/${SITE}/comments`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-forwarded-for': readerIp(n),
              'user-agent': 'Mozilla/5.0 (soak)',
            },
            body: JSON.stringify({ articleId, author, content, honeypot: '' }),
            timeoutMs: REQUEST_LIMIT_MS,
          })
        : await exchange(`${url}/v1/sites/${SITE}/comments`, {
            method: 'POST',
            headers: asServer,
            body: JSON.stringify({ articleId, author, content, ip: readerIp(n), userAgent: 'Mozilla/5.0' }),
            timeoutMs: REQUEST_LIMIT_MS,
          })
    if (outcome.status === 201) {
      const body = JSON.parse(outcome.body) as { id: string; status: string }
      created.set(body.id, content)
      if (body.status === 'pending') pending.push(body.id)
    }
    return outcome
  }

  const list = async (conditional: boolean) => {
    const articleId = ARTICLES[Math.floor(Math.random() * ARTICLES.length)] ?? 'soak-1'
    const etag = etags.get(articleId)
    const outcome = await exchange(`${url}/v1/sites/${SITE}/articles/${articleId}/comments?limit=50`, {
      headers: conditional && etag ? { 'if-none-match': etag } : {},
      timeoutMs: REQUEST_LIMIT_MS,
    })
    const returned = outcome.headers?.get('etag')
    if (returned) etags.set(articleId, returned)
    return outcome
  }

  const queue = async () => {
    const outcome = await exchange(`${url}/v1/sites/${SITE}/queue?status=pending&limit=20`, {
      headers: asModerator,
      timeoutMs: REQUEST_LIMIT_MS,
    })
    if (outcome.status === 200) {
      for (const item of (JSON.parse(outcome.body) as { items: { id: string }[] }).items) {
        if (!pending.includes(item.id)) pending.push(item.id)
      }
    }
    return outcome
  }

  const decision = async () => {
    const id = pending.splice(Math.floor(Math.random() * pending.length), 1)[0]
    if (!id) return queue()
    const action = (['approve', 'reject', 'spam'] as const)[Math.floor(Math.random() * 3)]
    return exchange(`${url}/v1/sites/${SITE}/comments/${id}/${action}`, {
      method: 'POST',
      headers: asModerator,
      body: JSON.stringify({ reason: 'soak' }),
      timeoutMs: REQUEST_LIMIT_MS,
    })
  }

  const deadline = performance.now() + SOAK_SECONDS * 1000
  const started = performance.now()
  const client = async () => {
    while (performance.now() < deadline) {
      const kind = pickKind()
      const outcome =
        kind === 'public-submit' || kind === 'server-submit'
          ? await submit(kind)
          : kind === 'list' || kind === 'list-conditional'
            ? await list(kind === 'list-conditional')
            : kind === 'queue'
              ? await queue()
              : await decision()
      records.push({ kind, outcome })
    }
  }
  await Promise.all(Array.from({ length: CLIENTS }, client))
  const elapsed = (performance.now() - started) / 1000

  // Every 201, read back through the moderator API: each status's queue, page by page, with a key of its own (a
  // minute of traffic spends the soak's moderator key's per-key budget, and its 429s are counted above).
  const auditorKey = (await setup('POST', `/v1/sites/${SITE}/keys`, { role: 'moderator' })).key ?? ''
  const asAuditor = { authorization: `Bearer ${auditorKey}` }
  const readable = new Map<string, string>()
  for (const status of ['pending', 'approved', 'rejected', 'spam']) {
    let cursor: string | null = null
    do {
      const query: string = `status=${status}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
      const page = await exchange(`${url}/v1/sites/${SITE}/queue?${query}`, { headers: asAuditor })
      expect(page.status, page.body).toBe(200)
      const body = JSON.parse(page.body) as {
        items: { id: string; content: string }[]
        nextCursor: string | null
      }
      for (const item of body.items) readable.set(item.id, item.content)
      cursor = body.nextCursor
    } while (cursor)
  }

  const counts: Record<string, Record<string, number>> = {}
  for (const { kind, outcome } of records) {
    const byStatus = counts[kind] ?? {}
    byStatus[String(outcome.status)] = (byStatus[String(outcome.status)] ?? 0) + 1
    counts[kind] = byStatus
  }
  const latencies = records.map((r) => r.outcome.ms).sort((a, b) => a - b)
  report(
    `soak on ${label}: ${records.length} requests from ${CLIENTS} clients in ${elapsed.toFixed(1)} s ` +
      `(${(records.length / elapsed).toFixed(0)}/s), ${created.size} comments created, ` +
      `p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, ` +
      `max ${(latencies.at(-1) ?? 0).toFixed(0)} ms; ${JSON.stringify(counts)}`,
  )

  const failures = records.filter((r) => r.outcome.status === 'network-error' || r.outcome.status >= 500)
  expect(
    failures.slice(0, 5).map((r) => `${r.kind}: ${r.outcome.status} ${r.outcome.error ?? r.outcome.body}`),
    `${failures.length} requests failed with a 5xx or no answer`,
  ).toEqual([])
  // Anything else than these is a bug in the service or in this test; 429 is an accepted refusal.
  const unexpected = records.filter((r) => ![200, 201, 304, 429].includes(r.outcome.status as number))
  expect(unexpected.slice(0, 5).map((r) => `${r.kind}: ${r.outcome.status} ${r.outcome.body}`)).toEqual([])
  expect(created.size, 'some submissions got through').toBeGreaterThan(0)
  const missing = [...created].filter(([id, content]) => readable.get(id) !== content)
  expect(missing.slice(0, 5), `${missing.length} comments answered 201 are not readable`).toEqual([])
  expect(vigil.alive()).toBe(true)
}

const TIMEOUT_MS = SOAK_SECONDS * 1000 + 120_000

describe('soak: mixed traffic from many clients', { timeout: TIMEOUT_MS }, () => {
  const cleanups: (() => Promise<void>)[] = []
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup()
  }, 60_000)

  it('on the embedded PGlite: no 5xx, every 201 accounted for', async () => {
    const vigil = await startVigil({ ADMIN_TOKEN, TRUST_PROXY: 'true', LOG_LEVEL: 'info' })
    cleanups.push(() => vigil.dispose())
    await soak(vigil, 'PGlite')
    expect(await vigil.stop()).toEqual({ code: 0, signal: null })
  })

  it.runIf(realServerUrl !== undefined)(
    "on TEST_DATABASE_URL's PostgreSQL server: no 5xx, every 201 accounted for",
    async () => {
      const name = `vigil_soak_${randomBytes(6).toString('hex')}`
      const admin = postgres(realServerUrl ?? '', { max: 1, onnotice: () => {} })
      await admin.unsafe(`create database ${name}`)
      cleanups.push(async () => {
        await admin.unsafe(`drop database if exists ${name} with (force)`)
        await admin.end({ timeout: 5 })
      })
      const databaseUrl = new URL(realServerUrl ?? '')
      databaseUrl.pathname = `/${name}`
      const vigil = await startVigil({
        ADMIN_TOKEN,
        TRUST_PROXY: 'true',
        DATABASE_URL: databaseUrl.toString(),
        LOG_LEVEL: 'info',
      })
      cleanups.push(() => vigil.dispose())
      await soak(vigil, 'PostgreSQL')
      expect(await vigil.stop()).toEqual({ code: 0, signal: null })
    },
  )
})
