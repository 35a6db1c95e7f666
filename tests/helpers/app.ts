import { afterAll, beforeAll } from 'vitest'
import { type App, createApp } from '../../src/app.js'
import type { Clock } from '../../src/clock.js'
import { loadConfig } from '../../src/config.js'
import { createTestDatabase, type TestDatabase } from './db.js'

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef'

/** A clock that stands still until a test moves it. */
export class TestClock implements Clock {
  constructor(private current = new Date('2026-11-28T12:00:00.000Z')) {}
  now() {
    return new Date(this.current)
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms)
  }
}

type RequestOptions = {
  body?: unknown
  /** A raw body, sent as is (for malformed input). */
  rawBody?: string | Uint8Array
  token?: string | null
  headers?: Record<string, string>
  /** The TCP peer address, as @hono/node-server would report it. */
  peer?: string
}

export type TestContext = {
  app: App
  database: TestDatabase
  clock: TestClock
  request(method: string, path: string, options?: RequestOptions): Promise<Response>
  /** A new site with a server and a moderator key; every test uses its own, so tests never see each other. */
  newSite(overrides?: Record<string, unknown>): Promise<TestSite>
}

export type TestSite = { id: string; serverKey: string; moderatorKey: string }

let siteCounter = 0

/** One database and one app per test file, built before the first test and torn down after the last. */
export function useTestApp(env: Record<string, string> = {}): TestContext {
  const context = {} as TestContext
  beforeAll(async () => {
    const database = await createTestDatabase()
    const clock = new TestClock()
    const config = loadConfig({ ADMIN_TOKEN, NODE_ENV: 'test', ...env })
    const app = createApp({ db: database.db, config, clock })
    const request: TestContext['request'] = (method, path, options = {}) => {
      const headers: Record<string, string> = { ...options.headers }
      const token = options.token === undefined ? ADMIN_TOKEN : options.token
      if (token) headers.authorization = `Bearer ${token}`
      let body = options.rawBody
      if (options.body !== undefined) {
        body = JSON.stringify(options.body)
        headers['content-type'] ??= 'application/json'
      }
      const bindings = options.peer ? { incoming: { socket: { remoteAddress: options.peer } } } : undefined
      return Promise.resolve(app.request(path, { method, headers, body }, bindings))
    }
    Object.assign(context, {
      app,
      database,
      clock,
      request,
      async newSite(overrides = {}) {
        siteCounter += 1
        const id = `site-${process.pid}-${siteCounter}-${Math.random().toString(36).slice(2, 8)}`
        await expectStatus(
          request('POST', '/v1/sites', { body: { id, name: `Site ${id}`, ...overrides } }),
          201,
        )
        const key = async (role: string) => {
          const response = await expectStatus(
            request('POST', `/v1/sites/${id}/keys`, { body: { role } }),
            201,
          )
          return ((await response.json()) as { key: string }).key
        }
        return { id, serverKey: await key('server'), moderatorKey: await key('moderator') }
      },
    } satisfies TestContext)
  })
  afterAll(async () => {
    await context.database?.dispose()
  })
  return context
}

export async function expectStatus(pending: Promise<Response> | Response, status: number): Promise<Response> {
  const response = await pending
  if (response.status !== status) {
    throw new Error(`expected HTTP ${status}, got ${response.status}: ${await response.text()}`)
  }
  return response
}

/** A response body, loosely typed: tests assert its shape with `expect`, which is where the checking happens. */
// biome-ignore lint/suspicious/noExplicitAny: test bodies are checked by assertions, not by the compiler
export type Body = Record<string, any>

export async function json<T = Body>(pending: Promise<Response> | Response): Promise<T> {
  return (await (await pending).json()) as T
}

let authorCounter = 0

/** A valid comment body; each call has its own author e-mail so flood control never links two of them. */
export function aComment(overrides: Record<string, unknown> = {}) {
  authorCounter += 1
  return {
    articleId: 'article-1',
    author: { name: `Reader ${authorCounter}`, email: `reader${authorCounter}@example.org` },
    content: `Un commentaire réfléchi, numéro ${authorCounter}.`,
    ...overrides,
  }
}
