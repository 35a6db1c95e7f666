import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveHttp } from '../../src/http/serve.js'
import { type Body, json, type TestSite, useTestApp } from '../helpers/app.js'

/**
 * A client that sends a request and resets its connection at once (RST, not waiting for the answer) is counted
 * by its address like any other. It was not: Node reads a socket's peer address when first asked, a route asks
 * after reading the body, and by then the reset had taken it, so the comment was stored with no IP, and no
 * per-address limit counted it or a failed key.
 */
const ctx = useTestApp({ RATE_LIMIT_SUBMISSIONS_PER_IP: '2', RATE_LIMIT_FAILED_AUTH_PER_IP: '3' })
let server: ReturnType<typeof serveHttp>
let port = 0
let site: TestSite

beforeAll(async () => {
  await new Promise<void>((resolve) => {
    server = serveHttp({ fetch: ctx.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      port = info.port
      resolve()
    })
  })
  site = await ctx.newSite()
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

/** Sends a whole public submission, then resets the connection without waiting for the answer. */
function postAndReset(n: number, authorization = ''): Promise<void> {
  const body = JSON.stringify({
    articleId: 'reset',
    author: { name: `Reader ${n}` },
    content: `Une remarque sur le budget municipal, numéro ${n}.`,
  })
  const request =
    `POST /v1/sites/${site.id}/comments HTTP/1.1\r\nHost: vigil\r\nContent-Type: application/json\r\n` +
    `${authorization}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(request, () => {
        socket.resetAndDestroy()
        resolve()
      })
    })
    socket.on('error', reject)
  })
}

describe('a client resetting its connection right after its request', () => {
  it('is counted by its address: at most the first comment gets in, stored with that address', async () => {
    for (let n = 0; n < 8; n++) await postAndReset(n)
    // The requests may still be running after their connections were reset: give them time to be stored.
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    const comments: Body[] = []
    for (const status of ['approved', 'pending', 'spam']) {
      const page = await json(ctx.request('GET', `/v1/sites/${site.id}/queue?status=${status}&limit=100`))
      comments.push(...page.items)
    }
    expect(comments.length).toBeGreaterThanOrEqual(1)
    expect(comments.length).toBeLessThanOrEqual(2)
    expect(comments.map((comment) => comment.ip)).toEqual(comments.map(() => '127.0.0.1'))
  })

  it('has its failed keys counted: the next one from its address is refused as blocked', async () => {
    for (let n = 0; n < 6; n++) await postAndReset(100 + n, `Authorization: Bearer guess${n}guess00\r\n`)
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    // One more (itself the 7th failure, with a limit of 3): blocked only if the six before were counted.
    const answer = await fetch(`http://127.0.0.1:${port}/v1/sites/${site.id}/queue`, {
      headers: { authorization: 'Bearer guess-again-000' },
    })
    expect(answer.status).toBe(429)
  })
})
