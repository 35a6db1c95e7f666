import http from 'node:http'
import { type AddressInfo, connect } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jsonBodyGuard } from '../../src/http/body.js'
import type { AppEnv } from '../../src/http/env.js'
import { handleError } from '../../src/http/problem.js'
import { aComment, type TestSite, useTestApp } from '../helpers/app.js'

/**
 * Request bodies as they arrive over a real socket, where a body either states its length (Content-Length) or
 * comes in chunks of unknown total: both must be held to the same limit, the first without being read.
 */

const ctx = useTestApp()
let server: ReturnType<typeof serve>
let port = 0
let site: TestSite

beforeAll(async () => {
  server = serve({ fetch: ctx.app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  port = (server.address() as AddressInfo).port
  site = await ctx.newSite()
})

afterAll(async () => {
  if (!server) return
  if ('closeAllConnections' in server) server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

type Sent = { status: number; contentType: string | undefined; body: string }

/** Posts `parts` to `path`, with their total as Content-Length or, with `chunked`, one chunk each. */
function post(path: string, parts: string[], options: { chunked: boolean; type: string }): Promise<Sent> {
  const length = parts.reduce((sum, part) => sum + Buffer.byteLength(part), 0)
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: {
          authorization: `Bearer ${site.serverKey}`,
          'content-type': options.type,
          ...(options.chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(length) }),
        },
      },
      (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => {
          body += chunk
        })
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, contentType: response.headers['content-type'], body }),
        )
      },
    )
    // The server may answer, and close, before the whole of an oversized body is sent: the answer still comes
    // unless the connection went before it did, which fails the test rather than leaving it waiting.
    request.on('error', reject)
    for (const part of parts) request.write(part)
    request.end()
  })
}

const commentsPath = () => `/v1/sites/${site.id}/comments`
const JSON_TYPE = 'application/json'
/** A comment whose JSON is padded past 256 KiB, a comment's limit, with an unknown field. */
const oversized = () => JSON.stringify({ ...aComment(), padding: 'x'.repeat(270_000) })

describe('a request body', () => {
  it('of a stated length within the limit reaches the route', async () => {
    const sent = await post(commentsPath(), [JSON.stringify(aComment())], { chunked: false, type: JSON_TYPE })
    expect(sent.status).toBe(201)
  })

  it('sent in chunks within the limit reaches the route', async () => {
    const body = JSON.stringify(aComment())
    const middle = Math.floor(body.length / 2)
    const sent = await post(commentsPath(), [body.slice(0, middle), body.slice(middle)], {
      chunked: true,
      type: JSON_TYPE,
    })
    expect(sent.status).toBe(201)
  })

  it.each([
    ['stating its length', false],
    ['sent in chunks', true],
  ])(
    'typed as JSON with whitespace before the charset (RFC 9110 allows it), %s, reaches the route',
    async (_, chunked) => {
      const sent = await post(commentsPath(), [JSON.stringify(aComment())], {
        chunked,
        type: 'application/json ;charset=utf-8',
      })
      expect(sent.status).toBe(201)
    },
  )

  it.each([
    ['stating its length', false],
    ['sent in chunks', true],
  ])('of a comment over 256 KiB, %s, is refused with a 413 problem', async (_, chunked) => {
    const body = oversized()
    const parts = chunked ? [body.slice(0, 40_000), body.slice(40_000)] : [body]
    const sent = await post(commentsPath(), parts, { chunked, type: JSON_TYPE })
    expect(sent.status).toBe(413)
    expect(sent.contentType).toContain('application/problem+json')
    expect(JSON.parse(sent.body)).toMatchObject({
      type: expect.stringContaining('payload-too-large'),
      status: 413,
    })
  })

  it.each([
    ['stating its length', false],
    ['sent in chunks', true],
  ])('over 64 KiB on any other route, %s, is refused with a 413 problem', async (_, chunked) => {
    const decision = `/v1/sites/${site.id}/comments/0193a000-0000-7000-8000-000000000000/approve`
    const body = JSON.stringify({ reason: 'x'.repeat(70_000) })
    const sent = await post(decision, chunked ? [body.slice(0, 40_000), body.slice(40_000)] : [body], {
      chunked,
      type: JSON_TYPE,
    })
    expect(sent.status).toBe(413)
    expect(JSON.parse(sent.body).detail).toContain('65536')
  })

  it('over 1 MiB on the Akismet API is answered with HTTP 200 as Akismet answers, neither an answer nor a bad key', async () => {
    const form = `api_key=${site.serverKey}&blog=https%3A%2F%2Fwww.example.fr&comment_content=${'x'.repeat(1_100_000)}`
    for (const chunked of [false, true]) {
      const sent = await post('/1.1/comment-check', [form], {
        chunked,
        type: 'application/x-www-form-urlencoded',
      })
      expect(sent.status).toBe(200)
      expect(sent.body).toBe('Request body too large.')
    }
  })

  it.each([
    ['states two lengths', 'Content-Length: 10\r\nContent-Length: 70000'],
    ['states a length and comes in chunks', 'Content-Length: 10\r\nTransfer-Encoding: chunked'],
  ])('that %s is refused with 400 before it reaches Vigil', async (_, framing) => {
    const head = await rawExchange(
      `POST ${commentsPath()} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${framing}\r\n\r\n0123456789`,
    )
    expect(head).toMatch(/^HTTP\/1\.1 400 /)
  })
})

/** Writes `raw` on a new connection and resolves to what came back before it closed (or after a second). */
function rawExchange(raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let answer = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => {
      answer += chunk
    })
    socket.on('error', reject)
    socket.on('close', () => resolve(answer))
    socket.setTimeout(1_000, () => socket.destroy())
    socket.write(raw)
  })
}

describe('a JSON body that is not UTF-8', () => {
  // Its refusal waits for the route's authorisation (tests/security/authorise-before-validate.test.ts); a route
  // that reads the body without asking for it still never reads a replacement character.
  it('cannot be read by a route that does not refuse it first', async () => {
    const app = new Hono<AppEnv>()
    app.use(jsonBodyGuard())
    app.post('/echo', async (c) => c.json(await c.req.json()))
    app.onError(handleError)
    const response = await app.request('/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Uint8Array([0x22, 0xff, 0x22]),
    })
    expect(response.status).toBe(400)
    expect(((await response.json()) as { detail: string }).detail).toContain('UTF-8')
  })
})
