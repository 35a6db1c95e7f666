import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveHttp } from '../../src/http/serve.js'

/** The raw answer to `request`, sent as bytes: requests a client library would refuse to send. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request))
    let answer = ''
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8')
    })
    socket.on('end', () => resolve(answer))
    socket.on('error', reject)
  })
}

let server: ReturnType<typeof serveHttp>
let port = 0
beforeAll(async () => {
  await new Promise<void>((resolve) => {
    server = serveHttp({ fetch: () => new Response('ok'), port: 0, hostname: '127.0.0.1' }, (info) => {
      port = info.port
      resolve()
    })
  })
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('a request the HTTP adapter cannot read', () => {
  it.each(['a b', '[::1', 'x:99999'])(
    'with Host %j is answered 400 problem+json, not an empty 400',
    async (host) => {
      const answer = await rawExchange(
        port,
        `GET /healthz HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
      )
      const [head = '', body = ''] = answer.split('\r\n\r\n')
      expect(head).toMatch(/^HTTP\/1\.1 400 /)
      expect(head.toLowerCase()).toContain('content-type: application/problem+json')
      expect(JSON.parse(body)).toMatchObject({ type: 'urn:vigil:problem:invalid-input', status: 400 })
    },
  )

  it('with no Host header in HTTP/1.1 is answered 400 problem+json, not an empty 400', async () => {
    const answer = await rawExchange(port, 'GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n')
    const [head = '', body = ''] = answer.split('\r\n\r\n')
    expect(head).toMatch(/^HTTP\/1\.1 400 /)
    expect(head.toLowerCase()).toContain('content-type: application/problem+json')
    expect(JSON.parse(body)).toMatchObject({
      type: 'urn:vigil:problem:invalid-input',
      status: 400,
      detail: 'An HTTP/1.1 request needs a Host header.',
    })
  })

  it('leaves an HTTP/1.0 request without a Host header, which needs none, to the app', async () => {
    const answer = await rawExchange(port, 'GET /healthz HTTP/1.0\r\n\r\n')
    expect(answer).toMatch(/^HTTP\/1\.1 200 [\s\S]*\r\n\r\nok$/)
  })

  it('leaves readable requests to the app', async () => {
    const answer = await rawExchange(
      port,
      'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
    )
    expect(answer).toMatch(/^HTTP\/1\.1 200 [\s\S]*\r\n\r\nok$/)
  })
})

describe('a request Node itself refuses before the app sees it', () => {
  const problemOf = (answer: string) => {
    const [head = '', body = ''] = answer.split('\r\n\r\n')
    return { head, headers: head.toLowerCase(), body: JSON.parse(body) as Record<string, unknown> }
  }

  it('with headers over the limit (a page sending many cookies) is answered 431 problem+json', async () => {
    const answer = await rawExchange(
      port,
      `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${'a'.repeat(20_000)}\r\n\r\n`,
    )
    const { head, headers, body } = problemOf(answer)
    expect(head).toMatch(/^HTTP\/1\.1 431 /)
    expect(headers).toContain('content-type: application/problem+json')
    expect(body).toMatchObject({ type: 'urn:vigil:problem:headers-too-large', status: 431 })
  })

  it('after an answered request on the same connection is answered 400 problem+json too', async () => {
    // The second request is sent once the first is answered, as a keep-alive client does.
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () =>
        socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'),
      )
      let received = ''
      socket.on('data', (chunk) => {
        const first = received === ''
        received += chunk.toString('utf8')
        if (first) socket.end('GARBAGE\r\n\r\n')
      })
      socket.on('close', () => resolve(received))
      socket.on('error', reject)
    })
    const { head, headers, body } = problemOf(answer.slice(answer.indexOf('\r\n\r\nok') + 6))
    expect(head).toMatch(/^HTTP\/1\.1 400 /)
    expect(headers).toContain('content-type: application/problem+json')
    expect(body).toMatchObject({ type: 'urn:vigil:problem:invalid-input', status: 400 })
  })

  it.each([
    ['an unreadable request line', 'GARBAGE\r\n\r\n'],
    [
      'two different lengths',
      'POST /v1/sites HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello',
    ],
  ])('with %s is answered 400 problem+json', async (_, request) => {
    const { head, headers, body } = problemOf(await rawExchange(port, request))
    expect(head).toMatch(/^HTTP\/1\.1 400 /)
    expect(headers).toContain('content-type: application/problem+json')
    expect(body).toMatchObject({ type: 'urn:vigil:problem:invalid-input', status: 400 })
  })
})

describe('a request with an expectation Node cannot meet', () => {
  it('is answered 417 problem+json, not an empty 417', async () => {
    const answer = await rawExchange(
      port,
      'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 200-ok\r\nConnection: close\r\n\r\n',
    )
    const [head = '', body = ''] = answer.split('\r\n\r\n')
    expect(head).toMatch(/^HTTP\/1\.1 417 /)
    expect(head.toLowerCase()).toContain('content-type: application/problem+json')
    expect(JSON.parse(body)).toMatchObject({ type: 'urn:vigil:problem:expectation-failed', status: 417 })
  })
})

describe('a CONNECT request, asking the server to act as a proxy', () => {
  it('is answered 501 problem+json and the connection closed, rather than dropped unanswered', async () => {
    const answer = await rawExchange(
      port,
      'CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\n\r\n',
    )
    const [head = '', body = ''] = answer.split('\r\n\r\n')
    expect(head).toMatch(/^HTTP\/1\.1 501 /)
    expect(head.toLowerCase()).toContain('content-type: application/problem+json')
    expect(head.toLowerCase()).toContain('connection: close')
    expect(JSON.parse(body)).toMatchObject({ type: 'urn:vigil:problem:method-not-implemented', status: 501 })
  })
})

describe('a keep-alive connection behind a proxy', () => {
  // A proxy pools its connections to Vigil and reuses one idle for up to its own timeout (60 s for AWS's load
  // balancers and nginx): one the server had closed meanwhile costs that request a 502.
  it("is still served after 6 s idle, past Node's 5 s default", { timeout: 15_000 }, async () => {
    const socket = connect(port, '127.0.0.1')
    await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject))
    let answer = ''
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      answer += chunk
    })
    const request = 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'
    socket.write(request)
    await new Promise((resolve) => setTimeout(resolve, 6_000))
    socket.write(request)
    await new Promise((resolve) => setTimeout(resolve, 200))
    socket.destroy()
    expect(answer.match(/HTTP\/1\.1 200 /g)).toHaveLength(2)
  })
})
