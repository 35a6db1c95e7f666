import { EventEmitter } from 'node:events'
import { Writable } from 'node:stream'
import { DrizzleQueryError, sql } from 'drizzle-orm'
import { describe, expect, it, vi } from 'vitest'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { createLogger, exitOnCrash } from '../src/logger.js'
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

  it('never contain a parameter that runs over several lines, nor a cause that repeats it', () => {
    const { logger, text } = capture()
    // A line that looks like a stack frame must not pass for one.
    const comment = 'Bonjour,\n    at home: Ines (ines@example.fr)\net voici mon avis.'
    const cause = Object.assign(new Error(`value too long: ${comment}`), { code: '22001' })
    logger.error(
      { err: new DrizzleQueryError('insert into comments values ($1)', [comment], cause) },
      'failed',
    )
    const output = text()
    for (const part of ['Bonjour', 'ines@example.fr', 'voici mon avis']) expect(output).not.toContain(part)
    const [line] = output
      .trim()
      .split('\n')
      .map((entry) => JSON.parse(entry))
    expect(line.err).toMatchObject({
      query: 'insert into comments values ($1)',
      cause: { code: '22001', message: expect.stringContaining('withheld') },
    })
    expect(line.err.stack).toContain('at ')
  })

  it("never contain the value PostgreSQL quotes in a data error's message, from the real driver", async () => {
    const { logger, text } = capture()
    const database = await createTestDatabase()
    try {
      const failure = await database.db.execute(sql`select ${'carol@example.com'}::uuid`).then(
        () => null,
        (error: unknown) => error,
      )
      expect(failure).toBeInstanceOf(Error)
      logger.error({ err: failure }, 'unhandled error')
      expect(text()).not.toContain('carol@example.com')
      expect(text()).toContain('22P02')
    } finally {
      await database.dispose()
    }
  })

  it('keep what names the failure: an integrity error names its constraint, a connection error its code', () => {
    const { logger, text } = capture()
    const unique = Object.assign(new Error('duplicate key value violates unique constraint "sites_pkey"'), {
      code: '23505',
      constraint_name: 'sites_pkey',
      detail: 'Key (id)=(ines@example.fr) already exists.',
    })
    const refused = new AggregateError(
      [
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
          code: 'ECONNREFUSED',
          syscall: 'connect',
        }),
      ],
      'connect failed',
    )
    logger.error({ err: unique }, 'first')
    logger.error({ err: refused }, 'second')
    logger.error({ err: { email: 'ines@example.fr' } }, 'third')
    const [first, second, third] = text()
      .trim()
      .split('\n')
      .map((entry) => JSON.parse(entry))
    expect(first.err).toMatchObject({
      code: '23505',
      constraint_name: 'sites_pkey',
      message: expect.stringContaining('sites_pkey'),
    })
    expect(second.err.errors[0]).toMatchObject({ code: 'ECONNREFUSED', syscall: 'connect' })
    expect(third.err).toBe('[a thrown object, withheld]')
    expect(text()).not.toContain('ines@example.fr')
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

describe('a crash', () => {
  it.each([
    ['uncaughtException', 'uncaught exception'],
    ['unhandledRejection', 'unhandled promise rejection'],
  ])('on %s is logged without the data the error quotes, and ends the process with 1', (event, what) => {
    const { logger, text } = capture()
    const process = Object.assign(new EventEmitter(), { exit: vi.fn() })
    exitOnCrash(logger, process as unknown as Parameters<typeof exitOnCrash>[1])
    const failure = new DrizzleQueryError(
      'insert into comments values ($1, $2)',
      ['ines@example.fr', '203.0.113.9'],
      Object.assign(new Error('duplicate key value'), { detail: 'Key (email)=(ines@example.fr) exists' }),
    )
    process.emit(event, failure)
    const [line] = text()
      .split('\n')
      .map((entry) => (entry ? JSON.parse(entry) : null))
    expect(line).toMatchObject({ level: 60, msg: expect.stringContaining(what) })
    expect(line.err.message).toContain('insert into comments')
    expect(text()).not.toContain('ines@example.fr')
    expect(process.exit).toHaveBeenCalledWith(1)
  })
})
