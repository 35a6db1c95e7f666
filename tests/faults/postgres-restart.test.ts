import { randomUUID } from 'node:crypto'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTempCluster, findPostgres, type TempCluster } from './cluster.js'
import { exchange, type Outcome, sleep, startVigil, type VigilProcess } from './vigil-process.js'

/** Counts and timings for whoever reads the test output. */
const report = (line: string) => process.stdout.write(`${line}\n`)

/**
 * Fault test: the PostgreSQL server goes away under steady submissions and comes back.
 *
 * The test starts a PostgreSQL cluster of its own (initdb in a temporary directory, its own port and socket
 * directory, run as the `postgres` OS user when the test runs as root), so stopping it disturbs nothing else, and
 * runs the real Vigil process on it. Submissions keep coming while the server is stopped and started again.
 * Vigil must answer 503 problem+json with Retry-After while it is down (never hang, never exit), say not ready,
 * and serve again by itself; afterwards every 201 is in the database and no refused submission is.
 *
 * Skipped when the PostgreSQL server binaries are not installed (/usr/lib/postgresql/<version>/bin); CI has them.
 */

const binaries = findPostgres()
const missing = 'missing' in binaries ? binaries.missing : null
if (missing) console.error(`skipping the PostgreSQL fault test: ${missing}`)

const ADMIN_TOKEN = 'fault-test-admin-token-0123456789abcdef'
const SITE = 'fault-gazette'
const SUBMITTERS = 4
/** No request may take longer than this, database down or not. */
const REQUEST_LIMIT_MS = 10_000
const READY_LIMIT_MS = 4_000

type Phase = 'up' | 'stopping' | 'down' | 'starting' | 'recovered'
/** `phase` is the phase a request was sent in, `settled` the one its answer came in. */
type Submission = {
  content: string
  phase: Phase
  settled: Phase
  sentAt: number
  outcome: Outcome
  id?: string
}
type Probe = { phase: Phase; outcome: Outcome }

describe.skipIf(missing !== null)('PostgreSQL stopped and started under load', { timeout: 90_000 }, () => {
  let cluster: TempCluster | undefined
  let vigil: VigilProcess | undefined

  beforeAll(async () => {
    if ('missing' in binaries) return
    cluster = await createTempCluster(binaries)
    await cluster.start()
    vigil = await startVigil({ DATABASE_URL: cluster.url, ADMIN_TOKEN })
  }, 75_000)

  afterAll(async () => {
    await vigil?.dispose()
    await cluster?.destroy()
  }, 40_000)

  it('answers 503 with Retry-After while the database is down, recovers by itself, and loses or invents nothing', async () => {
    if (!cluster || !vigil) throw new Error('not set up')
    const { url } = vigil
    const pid = vigil.child.pid
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }
    const setup = async (method: string, path: string, body: unknown) => {
      const outcome = await exchange(`${url}${path}`, { method, headers: admin, body: JSON.stringify(body) })
      if (outcome.status !== 201 && outcome.status !== 200)
        throw new Error(`${path}: ${outcome.status} ${outcome.body}`)
      return JSON.parse(outcome.body) as Record<string, string>
    }
    await setup('POST', '/v1/sites', { id: SITE, name: 'Gazette des pannes' })
    // Flood control would refuse most of a steady stream from few senders; it is not what is tested here.
    await setup('PATCH', `/v1/sites/${SITE}/settings`, { floodIntervalSeconds: 0 })
    const serverKey = (await setup('POST', `/v1/sites/${SITE}/keys`, { role: 'server' })).key ?? ''

    let phase: Phase = 'up'
    let running = true
    let counter = 0
    const submissions: Submission[] = []
    const probes: Probe[] = []
    const started = performance.now()
    const timeline: string[] = []
    const mark = (next: Phase) => {
      phase = next
      timeline.push(`${((performance.now() - started) / 1000).toFixed(1)}s ${next}`)
    }

    const submitter = async (worker: number) => {
      while (running) {
        counter += 1
        const content = `Panne ${counter} du lecteur ${worker}, repère ${randomUUID()}.`
        const sentIn = phase
        const sentAt = performance.now()
        const outcome = await exchange(`${url}/v1/sites/${SITE}/comments`, {
          method: 'POST',
          headers: { authorization: `Bearer ${serverKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            articleId: 'panne-1',
            author: { name: `Lecteur ${worker}` },
            content,
            // A reader address of its own: neither flood control nor a per-IP rate limit links two.
            ip: `10.${(counter >> 16) & 255}.${(counter >> 8) & 255}.${counter & 255}`,
            userAgent: 'fault-test',
          }),
          timeoutMs: REQUEST_LIMIT_MS + 5_000,
        })
        const id = outcome.status === 201 ? (JSON.parse(outcome.body) as { id: string }).id : undefined
        submissions.push({ content, phase: sentIn, settled: phase, sentAt, outcome, ...(id ? { id } : {}) })
        if (outcome.status !== 201) await sleep(50)
      }
    }
    const prober = async () => {
      while (running) {
        const sentIn = phase
        const outcome = await exchange(`${url}/readyz`, { timeoutMs: READY_LIMIT_MS + 5_000 })
        // A probe that straddles a change of phase says nothing certain about either.
        if (sentIn === phase) probes.push({ phase: sentIn, outcome })
        await sleep(150)
      }
    }
    const load = [...Array.from({ length: SUBMITTERS }, (_, i) => submitter(i)), prober()]

    const createdSince = (from: number) =>
      submissions.filter((s) => s.sentAt >= from && s.outcome.status === 201)
    const waitFor = async (what: string, done: () => boolean, limitMs: number) => {
      const deadline = Date.now() + limitMs
      while (!done()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; timeline: ${timeline}`)
        await sleep(50)
      }
    }

    try {
      await sleep(2_000)
      const upCreated = createdSince(0).length
      expect(upCreated, 'submissions succeed before the fault').toBeGreaterThan(0)

      mark('stopping')
      await cluster.stop()
      mark('down')
      await sleep(4_000)
      expect(
        vigil.alive(),
        `Vigil exited with its database down; stderr: ${vigil.stderr().slice(-3000)}`,
      ).toBe(true)

      mark('starting')
      await cluster.start()
      const restartedAt = performance.now()
      mark('recovered')
      // Recovery is Vigil's own doing: the same process, never restarted, serves again.
      await waitFor('a 201 after the restart', () => createdSince(restartedAt).length >= 1, 20_000)
      timeline.push(`${((performance.now() - started) / 1000).toFixed(1)}s first 201 again`)
      await waitFor(
        'a ready /readyz after the restart',
        () => probes.some((p) => p.phase === 'recovered' && p.outcome.status === 200),
        20_000,
      )
      timeline.push(`${((performance.now() - started) / 1000).toFixed(1)}s ready again`)
      await waitFor('more 201s after the restart', () => createdSince(restartedAt).length >= 5, 20_000)
      await sleep(1_000)
    } finally {
      running = false
      await Promise.all(load)
    }

    expect(vigil.alive(), `Vigil exited; stderr: ${vigil.stderr()}`).toBe(true)
    expect(vigil.child.pid).toBe(pid)

    const byStatus = new Map<string, number>()
    for (const s of submissions) {
      const key = `${s.phase === s.settled ? s.phase : `${s.phase}→${s.settled}`}:${s.outcome.status}`
      byStatus.set(key, (byStatus.get(key) ?? 0) + 1)
    }
    const slowest = Math.max(...submissions.map((s) => s.outcome.ms))
    const slowestProbe = Math.max(...probes.map((p) => p.outcome.ms))
    report(
      `fault test: ${submissions.length} submissions ${JSON.stringify(Object.fromEntries(byStatus))}, ` +
        `${probes.length} readiness probes, slowest submission ${slowest.toFixed(0)} ms, ` +
        `slowest probe ${slowestProbe.toFixed(0)} ms; timeline ${timeline.join(', ')}`,
    )

    // Never a hang, never a dropped connection, never a 500: 201 or a 503 that says to come back.
    const failures = submissions.filter((s) => s.outcome.status !== 201)
    for (const s of submissions) {
      expect(s.outcome.status, `${s.phase}: ${s.outcome.error ?? s.outcome.body}`).toSatisfy(
        (status: Outcome['status']) => status === 201 || status === 503,
      )
      expect(s.outcome.ms).toBeLessThan(REQUEST_LIMIT_MS)
    }
    for (const s of failures) {
      expect(s.outcome.headers?.get('content-type')).toBe('application/problem+json')
      expect(s.outcome.headers?.get('retry-after')).toBe('5')
      expect(JSON.parse(s.outcome.body)).toMatchObject({
        type: 'urn:vigil:problem:unavailable',
        title: 'The service is temporarily unavailable',
        status: 503,
      })
    }
    // Requests that straddle a stop or a start may go either way; those wholly inside a phase may not.
    const within = (p: Phase) => submissions.filter((s) => s.phase === p && s.settled === p)
    expect(within('down').length, 'submissions made and answered while the server was down').toBeGreaterThan(
      0,
    )
    expect(within('down').map((s) => s.outcome.status)).toEqual(within('down').map(() => 503))
    expect(within('up').map((s) => s.outcome.status)).toEqual(within('up').map(() => 201))

    // Readiness follows the database, and answers promptly either way.
    const downProbes = probes.filter((p) => p.phase === 'down')
    expect(downProbes.length).toBeGreaterThan(0)
    for (const p of downProbes) {
      expect(p.outcome.status).toBe(503)
      expect(JSON.parse(p.outcome.body)).toMatchObject({ status: 'unavailable' })
    }
    for (const p of probes.filter((p) => p.phase === 'up'))
      expect(p.outcome.status, p.outcome.error ?? p.outcome.body).toBe(200)
    const last = probes.at(-1)
    expect(last?.outcome.status, `${last?.outcome.error ?? last?.outcome.body}; timeline ${timeline}`).toBe(
      200,
    )
    for (const p of probes) expect(p.outcome.ms).toBeLessThan(READY_LIMIT_MS)

    const verifying = performance.now()
    // The database, read directly: every 201 is there with its content, no refused submission is.
    const sql = postgres(cluster.url, { max: 1, onnotice: () => {} })
    try {
      const rows = await sql<{ id: string; content: string }[]>`
        select id, content from comments where site_id = ${SITE}`
      const stored = new Map(rows.map((row) => [row.id, row.content]))
      const storedContents = new Set(rows.map((row) => row.content))
      const created = submissions.filter((s) => s.outcome.status === 201)
      const lost = created.filter((s) => stored.get(s.id ?? '') !== s.content)
      expect(lost, 'comments answered 201 but not stored').toEqual([])
      const invented = failures.filter((s) => storedContents.has(s.content))
      expect(invented, 'comments refused but stored anyway').toEqual([])
      expect(rows.length).toBe(created.length)
    } finally {
      await sql.end({ timeout: 5 })
    }

    report(`fault test: verified in ${(performance.now() - verifying).toFixed(0)} ms`)
    // And it stops cleanly afterwards.
    const stopping = performance.now()
    expect(await vigil.stop()).toEqual({ code: 0, signal: null })
    report(`fault test: Vigil stopped in ${(performance.now() - stopping).toFixed(0)} ms`)
  })
})
