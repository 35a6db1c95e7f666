import type { LookupOptions } from 'node:dns'
import { createServer, type IncomingHttpHeaders, type RequestListener, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createHostLookup } from '../../src/webhooks/host-lookup.js'
import { type PostOutcome, parseRetryAfter, postWebhook } from '../../src/webhooks/http-post.js'
import { closedPort } from '../helpers/ports.js'

// Names answered without any network: `rebind.example.test` plays a DNS rebinding attack (a public-looking
// name that resolves to loopback when the connection is made). Every other name really resolves.
const fakeDns = vi.hoisted(() => ({
  records: { 'rebind.example.test': [{ address: '127.0.0.1', family: 4 }] } as Record<
    string,
    { address: string; family: number }[]
  >,
}))

vi.mock('node:dns', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:dns')>()
  const lookup = (hostname: string, options: LookupOptions, callback: (...args: unknown[]) => void) => {
    if (!hostname.endsWith('.test')) return real.lookup(hostname, options, callback)
    const records = fakeDns.records[hostname]
    const notFound = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' })
    process.nextTick(() => (records ? callback(null, records) : callback(notFound)))
  }
  return { ...real, lookup }
})

type Received = {
  method: string | undefined
  url: string | undefined
  headers: IncomingHttpHeaders
  body: string
}

type TestServer = { port: number; url: string; received: Received[]; closed: Promise<void> }

const servers: Server[] = []

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

/**
 * A receiver on 127.0.0.1 that records each request (once its body is read) before `answer` runs.
 * `closed` settles when the first request's connection closes, however that happens.
 */
async function startServer(answer: RequestListener): Promise<TestServer> {
  const received: Received[] = []
  let markClosed = () => {}
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve
  })
  const server = createServer((request, response) => {
    response.on('close', markClosed)
    let body = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => {
      body += chunk
    })
    request.on('end', () => {
      received.push({ method: request.method, url: request.url, headers: request.headers, body })
      answer(request, response)
    })
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { port, url: `http://127.0.0.1:${port}/hooks/vigil`, received, closed }
}

const post = (
  url: string,
  overrides: Partial<Parameters<typeof postWebhook>[0]> = {},
): Promise<PostOutcome> =>
  postWebhook({
    url,
    body: '{"type":"comment.approved"}',
    headers: { 'Webhook-Id': 'msg_1' },
    timeoutMs: 2000,
    allowPrivateNetworks: true,
    ...overrides,
  })

describe('postWebhook', { timeout: 5000 }, () => {
  it('POSTs the JSON body with its headers; a 2xx is a success', async () => {
    const server = await startServer((_request, response) => response.writeHead(200).end('thanks'))
    const outcome = await post(server.url)
    expect(outcome).toEqual({
      ok: true,
      statusCode: 200,
      latencyMs: expect.any(Number),
      error: null,
      retryAfterMs: null,
      responseExcerpt: 'thanks',
      retryable: false,
    })
    expect(server.received).toEqual([
      {
        method: 'POST',
        url: '/hooks/vigil',
        headers: expect.objectContaining({
          'content-type': 'application/json',
          'content-length': '27',
          'user-agent': 'Vigil-Webhooks/1',
          'webhook-id': 'msg_1',
        }),
        body: '{"type":"comment.approved"}',
      },
    ])
  })

  it('reports a 503 with its Retry-After in milliseconds', async () => {
    const server = await startServer((_request, response) =>
      response.writeHead(503, { 'retry-after': '7' }).end('busy'),
    )
    expect(await post(server.url)).toMatchObject({
      ok: false,
      statusCode: 503,
      error: 'HTTP 503',
      retryAfterMs: 7000,
      responseExcerpt: 'busy',
      retryable: true,
    })
  })

  it('reads a Retry-After given as an HTTP-date', async () => {
    const at = new Date(Date.now() + 60_000).toUTCString()
    const server = await startServer((_request, response) =>
      response.writeHead(429, { 'retry-after': at }).end(),
    )
    const outcome = await post(server.url)
    expect(outcome).toMatchObject({
      statusCode: 429,
      error: 'HTTP 429',
      responseExcerpt: null,
      retryable: true,
    })
    expect(outcome.retryAfterMs).toBeGreaterThan(55_000)
    expect(outcome.retryAfterMs).toBeLessThanOrEqual(60_000)
  })

  it.each([400, 401, 404, 410, 500])('retries HTTP %i like every other non-2xx', async (status) => {
    const server = await startServer((_request, response) => response.writeHead(status).end())
    expect(await post(server.url)).toMatchObject({ ok: false, statusCode: status, retryable: true })
  })

  it('does not follow a redirect', async () => {
    const target = await startServer((_request, response) => response.writeHead(200).end())
    const redirecting = await startServer((_request, response) =>
      response.writeHead(302, { location: target.url }).end(),
    )
    expect(await post(redirecting.url)).toMatchObject({
      ok: false,
      statusCode: 302,
      error: 'redirects are not followed (HTTP 302)',
      retryable: true,
    })
    expect(target.received).toEqual([])
  })

  it('gives up on a receiver that never answers', async () => {
    const server = await startServer(() => {})
    const started = Date.now()
    const outcome = await post(server.url, { timeoutMs: 200 })
    expect(outcome).toMatchObject({
      ok: false,
      statusCode: null,
      error: 'timed out after 200 ms',
      retryable: true,
    })
    expect(Date.now() - started).toBeLessThan(1500)
    await server.closed
  })

  it('keeps the status of a receiver that answered but stalls in its body', async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(202)
      response.write('accepted, and then')
    })
    const outcome = await post(server.url, { timeoutMs: 200 })
    expect(outcome).toMatchObject({
      ok: true,
      statusCode: 202,
      error: null,
      responseExcerpt: 'accepted, and then',
    })
  })

  it('reports a refused connection as retryable', async () => {
    const port = await closedPort()
    expect(await post(`http://127.0.0.1:${port}/`)).toMatchObject({
      ok: false,
      statusCode: null,
      error: 'connection refused',
      retryable: true,
    })
  })

  it('reports a name that does not resolve as retryable', async () => {
    expect(await post('http://nowhere.example.test/', { allowPrivateNetworks: false })).toMatchObject({
      ok: false,
      error: 'host not found',
      retryable: true,
    })
  })

  it('gives up within its deadline while its look-up waits behind hung ones, and leaves the line', async () => {
    const server = await startServer((_request, response) => response.writeHead(204).end())
    const asked: string[] = []
    const lookupHost = createHostLookup({
      concurrency: 1,
      resolve: (hostname) => {
        asked.push(hostname)
        // A resolver that never answers for this host holds the only slot.
        if (hostname === 'hung.example.test') return new Promise(() => {})
        return Promise.resolve([{ address: '127.0.0.1', family: 4 }])
      },
    })
    const hung = post('http://hung.example.test/', { timeoutMs: 100, lookupHost })
    const waiting = post(`http://waiting.example.test:${server.port}/`, { timeoutMs: 100, lookupHost })
    expect(await Promise.all([hung, waiting])).toMatchObject([
      { ok: false, error: 'timed out after 100 ms', retryable: true },
      { ok: false, error: 'timed out after 100 ms', retryable: true },
    ])
    // The delivery that gave up while waiting never resolves its host, not even once the slot frees.
    expect(asked).toEqual(['hung.example.test'])
    expect(server.received).toEqual([])
  })

  it('does not read a 10 MB response, and keeps about 1 KiB of it', async () => {
    const server = await startServer((_request, response) =>
      response.writeHead(200).end('é'.repeat(5_000_000)),
    )
    const started = Date.now()
    const outcome = await post(server.url)
    expect(Date.now() - started).toBeLessThan(1000)
    expect(outcome).toMatchObject({ ok: true, statusCode: 200, error: null })
    expect(outcome.responseExcerpt).toBe('é'.repeat(1024))
  })

  it('hangs up on a response that never ends once maxResponseBytes are read', async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(200)
      const chunk = Buffer.alloc(16 * 1024, 'x')
      const pump = () => {
        while (!response.destroyed && response.write(chunk)) {}
      }
      response.on('drain', pump)
      pump()
    })
    const outcome = await post(server.url, { maxResponseBytes: 32 * 1024, timeoutMs: 3000 })
    expect(outcome).toMatchObject({ ok: true, statusCode: 200, error: null })
    expect(outcome.latencyMs).toBeLessThan(1000)
    await server.closed
  })

  it.each([
    ['an IP literal', (port: number) => `http://127.0.0.1:${port}/`],
    ['localhost', (port: number) => `http://localhost:${port}/`],
    [
      'a name that resolves to loopback at connect time',
      (port: number) => `http://rebind.example.test:${port}/`,
    ],
  ])('refuses a private address (%s) without retrying or connecting', async (_case, urlFor) => {
    const server = await startServer((_request, response) => response.writeHead(200).end())
    const outcome = await post(urlFor(server.port), { allowPrivateNetworks: false })
    expect(outcome).toMatchObject({ ok: false, statusCode: null, retryable: false })
    expect(outcome.error).toMatch(
      /^address refused: The webhook (address|host) \S+ (is|resolves to) .*(loopback|local name)/,
    )
    expect(server.received).toEqual([])
  })

  it('refuses a scheme other than http or https', async () => {
    expect(await post('ftp://93.184.215.14/')).toMatchObject({
      ok: false,
      error: 'address refused: The webhook URL must use http or https.',
      retryable: false,
    })
  })

  it('with private networks allowed, connects to names that resolve to loopback', async () => {
    const server = await startServer((_request, response) => response.writeHead(204).end())
    expect(await post(`http://localhost:${server.port}/`)).toMatchObject({ ok: true, statusCode: 204 })
    expect(await post(`http://rebind.example.test:${server.port}/`)).toMatchObject({
      ok: true,
      statusCode: 204,
    })
    expect(server.received).toHaveLength(2)
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-01T12:00:00Z')

  it.each([
    ['7', 7000],
    [' 0 ', 0],
    ['Sun, 01 Mar 2026 12:00:30 GMT', 30_000],
    ['Sunday, 01-Mar-26 12:01:00 GMT', 60_000],
    ['Sun Mar  1 12:00:05 2026', 5000],
    ['Sun, 01 Mar 2026 11:00:00 GMT', 0],
  ])('reads %j as %i ms', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms)
  })

  it.each([undefined, '', '-5', '7.5', 'soon', '2026-03-01'])('ignores %j', (value) => {
    expect(parseRetryAfter(value, now)).toBeNull()
  })
})
