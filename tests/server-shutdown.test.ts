import { type AddressInfo, connect, createServer, type Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import {
  adminToken,
  cleanUpProcesses,
  KEEP_ALIVE_TIMEOUT_MS,
  spawnServer,
  startServer,
  stop,
  tempDataDir,
  waitFor,
} from './server-process.js'

/** How the real process stops on SIGTERM: with a request in flight, and while it is still opening its database. */

cleanUpProcesses()

// Each test starts one or two processes; on a loaded machine (CI runs the test files in parallel) that is slow.
describe('the server process', { timeout: 90_000 }, () => {
  it('exits 0 on SIGTERM when whatever read its log has gone', async () => {
    const server = await startServer(tempDataDir())
    // The reader of its stdout goes away (a crashed log shipper, `| head`): every later line meets a broken pipe.
    server.child.stdout?.destroy()
    await fetch(`${server.url}/healthz`)
    expect(await stop(server)).toMatchObject({ code: 0, signal: null })
  })

  it('on SIGTERM refuses new connections, finishes the request in flight, closes its keep-alive connection and exits 0', async () => {
    const dataDir = tempDataDir()
    const server = await startServer(dataDir)
    const port = Number(new URL(server.url).port)
    const body = JSON.stringify({ id: 'in-flight', name: 'Requête en cours' })

    // A request whose headers are in but whose body is not: with `Expect: 100-continue` the server answers
    // "100 Continue" once it has taken the request, so SIGTERM is sent only when the request is surely in flight.
    const socket = connect(port, '127.0.0.1')
    await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject))
    let response = ''
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      response += chunk
    })
    const closed = new Promise((resolve) => socket.once('close', resolve))
    socket.write(
      'POST /v1/sites HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\nExpect: 100-continue\r\n' +
        `Authorization: Bearer ${adminToken(dataDir)}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
    )
    await waitFor('100 Continue', () => (response.startsWith('HTTP/1.1 100 ') ? true : undefined), server)

    const stopping = stop(server)
    await waitFor('shutting down', () => server.logs().find((line) => line.msg === 'shutting down'), server)
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow()

    // The client keeps its end open: the server must close the now idle keep-alive connection itself, and
    // promptly, not after its keep-alive timeout (5 s).
    socket.write(body)
    await closed
    expect(response).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 201 /)
    // Said in the response, so that a client (a proxy pooling connections) sends nothing more on it: a request
    // sent as the server closes the connection would be lost.
    expect(response.toLowerCase()).toContain('\r\nconnection: close\r\n')

    const exit = await stopping
    expect(exit).toMatchObject({ code: 0, signal: null })
    expect(exit.elapsedMs).toBeLessThan(KEEP_ALIVE_TIMEOUT_MS)
    expect(server.logs().at(-1)?.msg).toBe('stopped')
  })

  it('stops at once on SIGTERM while its PostgreSQL server does not answer', async () => {
    // Something listening where PostgreSQL should be, closing every connection: postgres.js would try for ever.
    const sockets = new Set<Socket>()
    const impostor = createServer((socket) => {
      sockets.add(socket)
      socket.on('error', () => {}).end()
    })
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = impostor.address() as AddressInfo
      const server = spawnServer({
        DATA_DIR: tempDataDir(),
        DATABASE_URL: `postgres://vigil@127.0.0.1:${port}/vigil`,
        ADMIN_TOKEN: 'process-test-admin-token-0123456789',
      })
      await waitFor(
        'the first try',
        () => server.logs().find((line) => line.msg === 'opening the database'),
        server,
      )
      await new Promise((resolve) => setTimeout(resolve, 500))
      const exit = await stop(server)
      expect(exit.code).toBe(0)
      expect(exit.elapsedMs).toBeLessThan(3_000)
      expect(server.logs().some((line) => line.msg === 'stopped while starting')).toBe(true)
    } finally {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => impostor.close(resolve))
    }
  })
})
