import { createServer, type Server, type ServerResponse, STATUS_CODES } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import {
  answerUnreadableRequest,
  clientErrorAnswer,
  connectAnswer,
  expectationFailedAnswer,
  missingHostAnswer,
} from './problem.js'

/**
 * `serve` of @hono/node-server, with the one option it does not pass on: the answer to a request the adapter
 * cannot turn into a Request (a malformed Host header or URL), which no handler sees. Problem+json, like every
 * other failure, instead of the adapter's empty 400. And every connection's peer address, kept from the start.
 */
export function serveHttp(
  options: {
    fetch: (request: Request, env: unknown) => Response | Promise<Response>
    port: number
    hostname: string
  },
  onListening: (info: AddressInfo) => void,
): Server {
  const listener = getRequestListener(options.fetch, {
    hostname: options.hostname,
    errorHandler: answerUnreadableRequest,
  })
  const server = createServer({ requireHostHeader: false }, (request, response) => {
    if (request.headers.host === undefined && request.httpVersion === '1.1')
      answer(response, missingHostAnswer())
    else void listener(request, response)
  })
  // Longer than the idle timeout of the proxies that pool connections to Vigil (60 s for AWS's load balancers and
  // nginx's upstream keep-alive): with Node's 5 s, the server closed connections a proxy was just reusing, and
  // the proxy answered those requests 502. A stop still closes idle connections at once (src/server.ts).
  server.keepAliveTimeout = 65_000
  // Node's guidance: above keepAliveTimeout, so an idle connection is ended by that timeout alone.
  server.headersTimeout = 66_000
  // Node reads a socket's peer address when first asked, and keeps it: asked once the client has reset the
  // connection, it is gone. A route asks only after the body is read, so a client sending a comment and resetting
  // at once was stored with no address, and counted by no per-address limit (submissions, flood, failed keys).
  // Asked here, as the connection is accepted, it stays.
  server.on('connection', (socket) => void socket.remoteAddress)
  // As Node's own handler does: answer unless a response has begun on the connection, then close it.
  server.on('clientError', (error: Error & { code?: string }, socket: Socket) => {
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent: boolean } | null })._httpMessage
    if (error.code !== 'ECONNRESET' && socket.writable && !inFlight?.headersSent) {
      socket.write(rawResponse(clientErrorAnswer(error)))
    }
    socket.destroy(error)
  })
  // Without a listener, Node drops a CONNECT's connection unanswered.
  server.on('connect', (_request, socket: Socket) => {
    socket.end(rawResponse(connectAnswer()))
  })
  // Node's own answer to an expectation it cannot meet is a bare 417.
  server.on('checkExpectation', (_request, response) => answer(response, expectationFailedAnswer()))
  server.listen(options.port, options.hostname, () => onListening(server.address() as AddressInfo))
  return server
}

/** A problem as bytes for a socket no response object holds, closing the connection after it. */
const rawResponse = ({ status, body }: { status: number; body: string }) =>
  `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\n` +
  `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`

/** Sends a problem the server answers itself, closing the connection after it. */
function answer(response: ServerResponse, { status, body }: { status: number; body: string }) {
  response
    .writeHead(status, {
      'Content-Type': 'application/problem+json',
      'Content-Length': Buffer.byteLength(body),
      Connection: 'close',
    })
    .end(body)
}

/**
 * Makes every response from `drain()` on close its connection (`Connection: close`), those of requests already in
 * flight included. Closing a keep-alive connection once its response is sent (src/server.ts, at a stop) races the
 * client's next request on it: a proxy reusing the connection a few milliseconds later lost that request, unanswered
 * and unprocessed (a 502 on every deploy). Told in the response itself, the client does not reuse it.
 */
export function drainable(server: Server): { drain: () => void } {
  let draining = false
  const inFlight = new Set<ServerResponse>()
  server.prependListener('request', (_request, response: ServerResponse) => {
    if (draining) {
      response.shouldKeepAlive = false
      return
    }
    inFlight.add(response)
    response.once('close', () => inFlight.delete(response))
  })
  return {
    drain() {
      draining = true
      for (const response of inFlight) if (!response.headersSent) response.shouldKeepAlive = false
      inFlight.clear()
    },
  }
}
