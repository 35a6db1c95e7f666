import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { PREPARED } from '../../src/db/client.js'
import { createLogger } from '../../src/logger.js'
import { createMetrics } from '../../src/metrics/metrics.js'
import { ADMIN_TOKEN, TestClock } from '../helpers/app.js'
import { createTestDatabase, type TestDatabase } from '../helpers/db.js'
import { encodeForm, FORM } from './akismet-client.js'

/**
 * The database going away under the Akismet API: the call is answered as Akismet clients understand (hold the
 * comment), and logged as what it is, an outage, as the v1 API logs it; not as a bug of Vigil's.
 */

let database: TestDatabase
beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(() => database.dispose())

const refused = () =>
  Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))
const broken = () => Promise.reject(new Error("a bug of Vigil's"))
/** Refused, but only after 400 ms: past a REQUEST_TIMEOUT_MS of 200. */
const lateRefused = () => new Promise<never>((_, reject) => setTimeout(() => refused().catch(reject), 400))

type Trouble = typeof refused

/**
 * The database, until `trouble` is set: then every statement is refused as by a stopped server (`refused`), fails
 * as a bug would (`broken`), or is never answered (`frozen`).
 */
function switchableDatabase() {
  const state: { trouble: Trouble | null; commitFails?: boolean } = { trouble: null }
  const db = new Proxy(database.db, {
    get(target, property) {
      if (state.trouble && property === '$client') return { query: state.trouble, [PREPARED]: state.trouble }
      if (state.commitFails && property === 'transaction')
        return (run: (tx: unknown) => Promise<unknown>) =>
          target.transaction(async (tx) => {
            await run(tx)
            throw Object.assign(new Error('could not serialize access'), { code: '40001' })
          })
      return Reflect.get(target, property)
    },
  })
  return { db, state }
}

/** An app on a switchable database, with a site and its server key known (cached) before any trouble. */
async function appWithSite(env: Record<string, string> = {}) {
  const lines: string[] = []
  const logger = createLogger('info', { write: (line: string) => void lines.push(line) })
  const metrics = createMetrics()
  const { db, state } = switchableDatabase()
  const app = createApp({
    db,
    config: loadConfig({ ADMIN_TOKEN, ...env }),
    clock: new TestClock(),
    logger,
    metrics,
  })
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }
  const id = `outage-${Math.random().toString(36).slice(2, 8)}`
  await app.request('/v1/sites', {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({ id, name: 'Outage Gazette' }),
  })
  const created = await app.request(`/v1/sites/${id}/keys`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({ role: 'server' }),
  })
  const { key } = (await created.json()) as { key: string }
  let sent = 0
  const call = (path: string) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: encodeForm({
        api_key: key,
        blog: 'https://gazette.example',
        user_ip: '203.0.113.9',
        comment_author: 'Camille',
        comment_content: `Une remarque sur le budget municipal, la ${++sent}e.`,
      }),
    })
  const failures = async () => {
    const counter = await metrics.registry.getSingleMetric('vigil_akismet_failures_total')?.get()
    return (counter?.values ?? [])
      .filter((sample) => sample.value > 0)
      .map((sample) => ({ ...sample.labels, count: sample.value }))
  }
  expect(await (await call('/1.1/comment-check')).text()).toBe('false')
  const stored = async () => {
    const counter = await metrics.registry.getSingleMetric('vigil_comments_total')?.get()
    return (counter?.values ?? []).reduce((sum, sample) => sum + sample.value, 0)
  }
  return { app, state, lines, call, failures, stored }
}

describe('an Akismet call while the database cannot be reached', () => {
  it('answers "hold the comment", says the database is unreachable, and logs a warning, not an error', async () => {
    const { state, lines, call } = await appWithSite()
    state.trouble = refused
    lines.length = 0
    const response = await call('/1.1/comment-check')
    expect(response.status).toBe(200)
    expect(await response.text()).toMatch(/hold the comment/)
    expect(response.headers.get('x-akismet-debug-help')).toMatch(/database/i)
    const logged = lines.map((line) => JSON.parse(line) as { level: number; msg: string })
    const failure = logged.find((line) => line.msg !== 'request')
    expect(failure).toMatchObject({ level: 40, msg: 'the database is unavailable' })
  })
})

describe('vigil_akismet_failures_total', () => {
  it('counts the calls answered "hold the comment", by endpoint and reason', async () => {
    const { state, call, failures } = await appWithSite()
    expect(await failures()).toEqual([])
    state.trouble = refused
    await call('/1.1/comment-check')
    await call('/1.1/comment-check')
    await call('/1.1/submit-spam')
    state.trouble = broken
    expect(await (await call('/1.1/comment-check')).text()).toMatch(/hold the comment/)
    state.trouble = null
    expect(await (await call('/1.1/comment-check')).text()).toBe('false')
    expect(await failures()).toEqual(
      expect.arrayContaining([
        { endpoint: 'comment-check', reason: 'unreachable', count: 2 },
        { endpoint: 'submit-spam', reason: 'unreachable', count: 1 },
        { endpoint: 'comment-check', reason: 'error', count: 1 },
      ]),
    )
    expect(await failures()).toHaveLength(3)
  })

  it('counts a call cut off at REQUEST_TIMEOUT_MS once, as a timeout', async () => {
    const { state, call, failures } = await appWithSite({ REQUEST_TIMEOUT_MS: '200' })
    state.trouble = lateRefused
    const response = await call('/1.1/comment-check')
    expect(response.headers.get('x-akismet-debug-help')).toMatch(/REQUEST_TIMEOUT_MS/)
    // The call fails after it was answered: not counted again.
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(await failures()).toEqual([{ endpoint: 'comment-check', reason: 'timeout', count: 1 }])
  })

  it("counts nothing, and warns of nothing, when the call's own body never arrived (a stalled upload)", async () => {
    const { app, lines, failures } = await appWithSite({ REQUEST_TIMEOUT_MS: '200' })
    lines.length = 0
    const stalled = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('blog=https%3A%2F%2Fgazette.example&user_ip=203.0'))
      },
    })
    const response = await app.request('/1.1/comment-check', {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: stalled,
      duplex: 'half',
    } as RequestInit)
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('The request body did not arrive in time.')
    expect(response.headers.get('x-akismet-debug-help')).toMatch(/request body/)
    expect(await failures()).toEqual([])
    const logged = lines.map((line) => JSON.parse(line) as { level: number; msg: string })
    expect(logged.filter((line) => line.level >= 40)).toEqual([])
  })

  it('has every series from the start, at zero, and no other', async () => {
    const metrics = createMetrics()
    const counter = await metrics.registry.getSingleMetric('vigil_akismet_failures_total')?.get()
    expect(counter?.values).toHaveLength(7 * 4)
    expect(counter?.values.every((sample) => sample.value === 0)).toBe(true)
  })
})

describe('a report of a comment never checked, rolled back', () => {
  it('is not counted as a comment stored', async () => {
    const { state, call, failures, stored } = await appWithSite()
    expect(await stored()).toBe(1)
    state.commitFails = true
    expect(await (await call('/1.1/submit-spam')).text()).toMatch(/hold the comment/)
    expect(await failures()).toEqual([{ endpoint: 'submit-spam', reason: 'rolled-back', count: 1 }])
    expect(await stored()).toBe(1)
    // Committed, it is.
    state.commitFails = false
    expect(await (await call('/1.1/submit-spam')).text()).toMatch(/Thanks/)
    expect(await stored()).toBe(2)
  })
})
