import { connect } from 'node:net'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { clientErrorAnswer } from '../../src/http/problem.js'
import { serveHttp } from '../../src/http/serve.js'
import { useTestApp } from '../helpers/app.js'
import { currentChecker } from '../helpers/openapi-conformance.js'

// Some answers are the HTTP server's own, given before any route runs (src/http/serve.ts): clients generated from
// /openapi.json meet them on every operation, so the document must list them, as the bodies they really are (without
// `instance` or `requestId`, which only a routed request has).

const ctx = useTestApp()

let server: ReturnType<typeof serveHttp>
let port = 0
beforeAll(async () => {
  await new Promise<void>((resolve) => {
    server = serveHttp({ fetch: ctx.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      port = info.port
      resolve()
    })
  })
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

/** The answer to `request`, sent as raw bytes, as a Response. */
function rawExchange(request: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request))
    let answer = ''
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8')
    })
    socket.on('end', () => {
      const [head = '', body = ''] = answer.split('\r\n\r\n')
      const [statusLine = '', ...lines] = head.split('\r\n')
      const headers = lines.map((line) => line.split(/:\s*/, 2) as [string, string])
      resolve(new Response(body, { status: Number(statusLine.split(' ')[1]), headers }))
    })
    socket.on('error', reject)
  })
}

const LIST = '/v1/sites/le-quotidien/articles/cop31/comments'
const SUBMIT = '/v1/sites/le-quotidien/comments'

describe('what the HTTP server answers before any route, held to /openapi.json', () => {
  it.each([
    [
      'an article page on a domain that sets many cookies (431)',
      'GET',
      LIST,
      `Cookie: ${'a'.repeat(20_000)}\r\n`,
    ],
    ['an Expect the server cannot meet (417)', 'POST', SUBMIT, 'Expect: 200-ok\r\nContent-Length: 2\r\n'],
    ['an unreadable Host (400)', 'GET', LIST, ''],
  ])('%s', async (label, method, path, headers) => {
    const host = label.includes('Host') ? 'a b' : '127.0.0.1'
    const answer = await rawExchange(
      `${method} ${path} HTTP/1.1\r\nHost: ${host}\r\n${headers}Connection: close\r\n\r\n${method === 'POST' ? '{}' : ''}`,
    )
    await currentChecker()?.response(method, path, answer)
  })

  it('a request whose headers did not arrive in time (408), on a GET too', async () => {
    const { status, body } = clientErrorAnswer(
      Object.assign(new Error('timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }),
    )
    const answer = new Response(body, { status, headers: { 'content-type': 'application/problem+json' } })
    await currentChecker()?.response('GET', LIST, answer)
  })
})
