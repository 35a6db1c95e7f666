/**
 * The Docker image's HEALTHCHECK (`node dist/healthcheck.js`): exits 0 when the Vigil process of this container
 * answers `GET /healthz`, 1 otherwise. A server answers on PORT and ignores METRICS_PORT; a worker answers on
 * METRICS_PORT only. Which of them runs here is not in the environment (a web container may have METRICS_PORT
 * set, and the image sets PORT for both), so PORT is asked first, and METRICS_PORT only when nothing listens on
 * PORT: what answers on PORT is this container's server, whatever it says.
 */

import { get } from 'node:http'

/** Under the HEALTHCHECK's own timeout (5 s), so that a hung process is reported here rather than killed there. */
const ANSWER_TIMEOUT_MS = 4_000

type Probe = 'healthy' | 'unhealthy' | 'nobody listening'

/**
 * node:http, not fetch: fetch refuses the ports the Fetch standard blocks for browsers (6000, 6667, 10080...),
 * and a server given one of them would be reported unhealthy for ever.
 */
function probe(host: string, port: string): Promise<Probe> {
  return new Promise((resolve) => {
    const request = get({ host, port, path: '/healthz', timeout: ANSWER_TIMEOUT_MS }, (response) => {
      response.resume()
      const status = response.statusCode ?? 0
      resolve(status >= 200 && status < 300 ? 'healthy' : 'unhealthy')
    })
    request.on('timeout', () => request.destroy(new Error('no answer in time')))
    request.on('error', (error: NodeJS.ErrnoException) => {
      resolve(error.code === 'ECONNREFUSED' ? 'nobody listening' : 'unhealthy')
    })
  })
}

/** A variable's value, blank counting as unset (as src/config.ts reads them). */
const setting = (name: string) => process.env[name]?.trim() || undefined

/**
 * Where the servers listen (both on HOST): that address itself when HOST names one (`::1`, `localhost`, an
 * interface's address), where 127.0.0.1 would find nobody; the loopback when HOST is every address.
 */
const listening = setting('HOST') ?? '127.0.0.1'
const host = listening === '0.0.0.0' || listening === '::' ? '127.0.0.1' : listening

const onPort = await probe(host, setting('PORT') ?? '3000')
const metricsPort = setting('METRICS_PORT')
const health = onPort === 'nobody listening' && metricsPort ? await probe(host, metricsPort) : onPort
process.exit(health === 'healthy' ? 0 : 1)
