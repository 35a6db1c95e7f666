import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { PREPARED } from '../../src/db/client.js'
import { createLogger } from '../../src/logger.js'
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

/** The database, which stops answering once `down` is set: every statement is refused, as by a stopped server. */
function switchableDatabase() {
  const state = { down: false }
  const downClient = { query: refused, [PREPARED]: refused }
  const db = new Proxy(database.db, {
    get: (target, property) =>
      state.down && property === '$client' ? downClient : Reflect.get(target, property),
  })
  return { db, state }
}

describe('an Akismet call while the database cannot be reached', () => {
  it('answers "hold the comment", says the database is unreachable, and logs a warning, not an error', async () => {
    const lines: string[] = []
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) })
    const { db, state } = switchableDatabase()
    const app = createApp({ db, config: loadConfig({ ADMIN_TOKEN }), clock: new TestClock(), logger })
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }
    await app.request('/v1/sites', {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ id: 'outage-gazette', name: 'Outage Gazette' }),
    })
    const created = await app.request('/v1/sites/outage-gazette/keys', {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ role: 'server' }),
    })
    const { key } = (await created.json()) as { key: string }
    const check = () =>
      app.request('/1.1/comment-check', {
        method: 'POST',
        headers: { 'content-type': FORM },
        body: encodeForm({
          api_key: key,
          blog: 'https://gazette.example',
          user_ip: '203.0.113.9',
          comment_author: 'Camille',
          comment_content: 'Une remarque sur le budget municipal.',
        }),
      })
    // Once, so that the site and its key are known (cached) when the database goes.
    expect(await (await check()).text()).toBe('false')

    state.down = true
    lines.length = 0
    const response = await check()
    expect(response.status).toBe(200)
    expect(await response.text()).toMatch(/hold the comment/)
    expect(response.headers.get('x-akismet-debug-help')).toMatch(/database/i)
    const logged = lines.map((line) => JSON.parse(line) as { level: number; msg: string })
    const failure = logged.find((line) => line.msg !== 'request')
    expect(failure).toMatchObject({ level: 40, msg: 'the database is unavailable' })
  })
})
