import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import { answerUnreadableRequest } from './problem.js'

/**
 * `serve` of @hono/node-server, with the one option it does not pass on: the answer to a request the adapter
 * cannot turn into a Request (a malformed Host header or URL), which no handler sees. Problem+json, like every
 * other failure, instead of the adapter's empty 400.
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
  const server = createServer(listener)
  server.listen(options.port, options.hostname, () => onListening(server.address() as AddressInfo))
  return server
}
