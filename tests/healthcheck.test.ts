import { execFile } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { closedPort } from './helpers/ports.js'

const root = fileURLToPath(new URL('..', import.meta.url))

const servers: Server[] = []
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
})

/** A process's health endpoint that answers `status` on `port` (any free one by default); resolves to its port. */
async function healthEndpoint(status: number, port = 0, host = '127.0.0.1'): Promise<string> {
  const server = createServer((request, response) => {
    response.writeHead(request.url === '/healthz' ? status : 404).end()
  })
  servers.push(server)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, resolve)
  })
  return String((server.address() as AddressInfo).port)
}

/**
 * Ports the Fetch standard blocks (X11, IRC, SIP, ...), which an operator may well give Vigil: the first one free
 * here. https://fetch.spec.whatwg.org/#port-blocking
 */
async function healthEndpointOnAFetchBlockedPort(): Promise<string> {
  for (const port of [6000, 6665, 6666, 6667, 6668, 6669, 10080]) {
    try {
      return await healthEndpoint(200, port)
    } catch {}
  }
  throw new Error('every candidate port is taken')
}

/** The image's HEALTHCHECK, run with only `env` (and PATH): its exit code. */
function healthcheck(env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', 'src/healthcheck.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    })
    child.once('exit', (code) => resolve(code ?? -1))
  })
}

describe("the Docker image's health check", { timeout: 30_000 }, () => {
  it('asks the server on PORT, even where METRICS_PORT is set (which the server ignores)', async () => {
    const port = await healthEndpoint(200)
    expect(await healthcheck({ PORT: port, METRICS_PORT: String(await closedPort()) })).toBe(0)
  })

  it('asks the address the server listens on when HOST names one (the IPv6 loopback, say), not 127.0.0.1', async () => {
    const port = await healthEndpoint(200, 0, '::1')
    expect(await healthcheck({ PORT: port, HOST: '::1' })).toBe(0)
  })

  it('asks the loopback when HOST is every address (0.0.0.0 or ::)', async () => {
    const port = await healthEndpoint(200)
    expect(await healthcheck({ PORT: port, HOST: '0.0.0.0' })).toBe(0)
    const onBoth = await healthEndpoint(200, 0, '::')
    expect(await healthcheck({ PORT: onBoth, HOST: '::' })).toBe(0)
  })

  it('asks a worker on METRICS_PORT, nothing listening on PORT', async () => {
    const metricsPort = await healthEndpoint(200)
    expect(await healthcheck({ PORT: String(await closedPort()), METRICS_PORT: metricsPort })).toBe(0)
  })

  it('asks a server on a port that browsers refuse to fetch from (6000, 6667, 10080...)', async () => {
    const port = await healthEndpointOnAFetchBlockedPort()
    expect(await healthcheck({ PORT: port })).toBe(0)
  })

  it('asks a worker on such a port for METRICS_PORT', async () => {
    const metricsPort = await healthEndpointOnAFetchBlockedPort()
    expect(await healthcheck({ PORT: String(await closedPort()), METRICS_PORT: metricsPort })).toBe(0)
  })

  it('reports a server that answers unhealthy on PORT, whatever answers on METRICS_PORT', async () => {
    const port = await healthEndpoint(503)
    const metricsPort = await healthEndpoint(200)
    expect(await healthcheck({ PORT: port, METRICS_PORT: metricsPort })).toBe(1)
  })

  it('reports a container where nothing listens, with or without METRICS_PORT', async () => {
    const nobody = String(await closedPort())
    expect(await healthcheck({ PORT: nobody })).toBe(1)
    expect(await healthcheck({ PORT: nobody, METRICS_PORT: String(await closedPort()) })).toBe(1)
  })
})
