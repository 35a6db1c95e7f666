import { performance } from 'node:perf_hooks'
import { beforeAll, expect } from 'vitest'
import { type Body, type TestSite, useTestApp } from '../helpers/app.js'

/** One request's answer, or the property fails as a hang. */
const REQUEST_LIMIT_MS = 10_000

export type Caller = 'public' | 'server'
export type Answer = { status: number; text: string; contentType: string | null; elapsedMs: number }

/**
 * The test file's app and a site on it, and a client of its comment intake that fails a request taking longer
 * than REQUEST_LIMIT_MS and posts each comment as a new sender.
 */
export function useIntakeClient() {
  const ctx = useTestApp()
  let site: TestSite
  beforeAll(async () => {
    site = await ctx.newSite()
  })

  // Every run posts as a new sender (its own e-mail and IP) one minute after the last, so neither flood control
  // (429) nor the re-post check (409) can refuse a comment: each refusal must come from the body itself.
  let senderCount = 0
  function nextSender() {
    senderCount += 1
    ctx.clock.advance(60_000)
    const n = senderCount
    return {
      email: `prop${n}-${process.pid}@example.org`,
      peer: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
      ip: `2001:db8::${n.toString(16)}`,
    }
  }

  /** Sends a request and reads its answer, failing when either takes longer than REQUEST_LIMIT_MS. */
  async function send(
    method: string,
    path: string,
    options: Parameters<typeof ctx.request>[2],
  ): Promise<Answer> {
    const started = performance.now()
    let timer: NodeJS.Timeout | undefined
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${method} ${path}: no answer within ${REQUEST_LIMIT_MS} ms`)),
        REQUEST_LIMIT_MS,
      )
    })
    try {
      const response = await Promise.race([ctx.request(method, path, options), limit])
      const text = await Promise.race([response.text(), limit])
      const elapsedMs = performance.now() - started
      // A synchronous loop blocks the timer too: the time taken is checked once the answer is in.
      if (elapsedMs > REQUEST_LIMIT_MS)
        throw new Error(`${method} ${path} took ${elapsedMs.toFixed(0)} ms (limit ${REQUEST_LIMIT_MS})`)
      return { status: response.status, text, contentType: response.headers.get('content-type'), elapsedMs }
    } finally {
      clearTimeout(timer)
    }
  }

  const commentsPath = () => `/v1/sites/${site.id}/comments`

  function post(
    caller: Caller,
    sender: ReturnType<typeof nextSender>,
    options: Parameters<typeof ctx.request>[2],
  ) {
    return send('POST', commentsPath(), {
      ...options,
      token: caller === 'server' ? site.serverKey : null,
      ...(caller === 'public' ? { peer: sender.peer } : {}),
    })
  }

  return {
    ctx,
    get site() {
      return site
    },
    get senderCount() {
      return senderCount
    },
    nextSender,
    send,
    post,
    commentsPath,
  }
}

export type Sender = ReturnType<ReturnType<typeof useIntakeClient>['nextSender']>

/** A 201, or a 4xx problem+json with a urn:vigil:problem: type; never a 5xx. Returns the parsed body. */
export function expectCreatedOrProblem(answer: Answer): Body {
  const summary = `HTTP ${answer.status}: ${answer.text.slice(0, 500)}`
  expect(answer.status < 500, summary).toBe(true)
  expect(answer.status === 201 || (answer.status >= 400 && answer.status < 500), summary).toBe(true)
  const body = JSON.parse(answer.text) as Body
  if (answer.status === 201) {
    expect(answer.contentType ?? '', summary).toMatch(/^application\/json/)
    expect(body.id, summary).toMatch(/^[0-9a-f-]{36}$/)
    return body
  }
  expect(answer.contentType, summary).toBe('application/problem+json')
  expect(body.type, summary).toMatch(/^urn:vigil:problem:[a-z-]+$/)
  expect(body.status, summary).toBe(answer.status)
  return body
}
