import { Writable } from 'node:stream'
import { DrizzleQueryError } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { createLogger } from '../src/logger.js'
import { ADMIN_TOKEN, expectStatus, json, TestClock } from './helpers/app.js'
import { createTestDatabase } from './helpers/db.js'

function capture() {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk))
      done()
    },
  })
  return { logger: createLogger('debug', stream), text: () => lines.join('') }
}

describe('logs', () => {
  it('never contain the parameters of a failed query or the values PostgreSQL quotes', () => {
    const { logger, text } = capture()
    const cause = Object.assign(new Error('duplicate key value'), {
      detail: 'Key (email)=(ines@example.fr) exists',
    })
    const failure = new DrizzleQueryError(
      'insert into comments values ($1, $2)',
      ['ines@example.fr', '203.0.113.9'],
      cause,
    )
    logger.error({ err: failure }, 'unhandled error')
    const output = text()
    expect(output).toContain('insert into comments')
    expect(output).not.toContain('ines@example.fr')
    expect(output).not.toContain('203.0.113.9')
  })

  it('carry a request id on every request line and no e-mail, IP or key', async () => {
    const { logger, text } = capture()
    const database = await createTestDatabase()
    try {
      const app = createApp({
        db: database.db,
        config: loadConfig({ ADMIN_TOKEN }),
        clock: new TestClock(),
        logger,
      })
      const call = (method: string, path: string, body?: unknown, token = ADMIN_TOKEN) =>
        app.request(path, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        })
      await expectStatus(call('POST', '/v1/sites', { id: 'logged', name: 'Logged' }), 201)
      const { key } = await json(expectStatus(call('POST', '/v1/sites/logged/keys', { role: 'server' }), 201))
      const comment = {
        articleId: 'a',
        author: { name: 'Ines', email: 'ines@example.fr' },
        content: 'Bonjour',
        ip: '203.0.113.9',
      }
      await expectStatus(call('POST', '/v1/sites/logged/comments', comment, key), 201)
      const lines = text()
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
      const requests = lines.filter((line) => line.msg === 'request')
      expect(requests).toHaveLength(3)
      for (const line of requests) expect(line.requestId).toEqual(expect.any(String))
      for (const secret of ['ines@example.fr', '203.0.113.9', key, ADMIN_TOKEN])
        expect(text()).not.toContain(secret)
    } finally {
      await database.dispose()
    }
  })
})
