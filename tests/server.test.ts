import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { type AddressInfo, connect, createServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, onRealServer } from './helpers/db.js'
import { TestReceiver } from './helpers/receiver.js'

/**
 * The real process, as `npm start` runs it: configuration from the environment, the admin token file, the
 * embedded database under DATA_DIR, signals. Every process here runs on PGlite in a temporary DATA_DIR, whether
 * or not TEST_DATABASE_URL is set: the environment it gets is built from scratch.
 */

const root = fileURLToPath(new URL('..', import.meta.url))
const STOP_LIMIT_MS = 10_000
/** Node's default keep-alive timeout: an idle connection left to it would hold the shutdown this long. */
const KEEP_ALIVE_TIMEOUT_MS = 5_000

type LogLine = { msg?: string; url?: string; level?: number; [key: string]: unknown }
type Exit = { code: number | null; signal: NodeJS.Signals | null }

type Spawned = {
  child: ChildProcess
  exited: Promise<Exit>
  stdout(): string
  stderr(): string
  logs(): LogLine[]
}

const children = new Set<ChildProcess>()
const tempDirs: string[] = []

function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-server-test-'))
  tempDirs.push(dir)
  return dir
}

/** Starts `node --import tsx src/server.ts` with only PATH, HOME and `env`: nothing leaks in from the runner. */
function spawnServer(env: Record<string, string>, args: string[] = []): Spawned {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts', ...args], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      ...(process.env.HOME ? { HOME: process.env.HOME } : {}),
      HOST: '127.0.0.1',
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
  })
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      children.delete(child)
      resolve({ code, signal })
    })
  })
  const logs = () =>
    stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine)
  return { child, exited, stdout: () => stdout, stderr: () => stderr, logs }
}

async function waitFor<T>(what: string, probe: () => T | undefined, server: Spawned, limitMs = 30_000) {
  const deadline = Date.now() + limitMs
  let exited = false
  void server.exited.then(() => {
    exited = true
  })
  for (;;) {
    const value = probe()
    if (value !== undefined) return value
    if (exited) throw new Error(`the server exited before ${what}; stderr: ${server.stderr()}`)
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stdout: ${server.stdout()}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** Starts the server and waits for the log line that carries the address it listens on. */
async function startServer(dataDir: string, env: Record<string, string> = {}) {
  const server = spawnServer({ DATA_DIR: dataDir, ...env })
  const url = await waitFor('listening', () => server.logs().find((line) => line.url)?.url, server)
  return { ...server, url }
}

/** Sends SIGTERM and waits (bounded) for the exit. */
async function stop(server: Spawned): Promise<Exit & { elapsedMs: number }> {
  const started = Date.now()
  server.child.kill('SIGTERM')
  const exit = await Promise.race([
    server.exited,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('the server did not exit within 10 s of SIGTERM')), STOP_LIMIT_MS),
    ),
  ])
  return { ...exit, elapsedMs: Date.now() - started }
}

/** Runs a process that is expected to exit by itself (a configuration error). */
async function runToExit(env: Record<string, string>, args: string[] = []) {
  const server = spawnServer(env, args)
  const exit = await Promise.race([
    server.exited,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('did not exit within 15 s')), 15_000),
    ),
  ])
  return { ...exit, stdout: server.stdout(), stderr: server.stderr(), logs: server.logs() }
}

afterEach(async () => {
  // Whatever a failed test left running is killed, so no process outlives its test.
  const running = [...children].filter((child) => child.exitCode === null && child.signalCode === null)
  for (const child of running) child.kill('SIGKILL')
  await Promise.all(running.map((child) => new Promise((resolve) => child.once('exit', resolve))))
})

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
})

const adminToken = (dataDir: string) => readFileSync(join(dataDir, 'admin-token'), 'utf8').trim()

async function createSite(url: string, token: string, id: string) {
  const response = await fetch(`${url}/v1/sites`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id, name: 'Le Quotidien' }),
  })
  expect(response.status).toBe(201)
}

// Each test starts one or two processes; on a loaded machine (CI runs the test files in parallel) that is slow.
describe('the server process', { timeout: 90_000 }, () => {
  it('on an empty DATA_DIR creates a private admin token and serves health checks and the API description', async () => {
    const dataDir = tempDataDir()
    const server = await startServer(dataDir)

    const tokenFile = join(dataDir, 'admin-token')
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600)
    const token = adminToken(dataDir)
    expect(token.length).toBeGreaterThanOrEqual(24)
    // The token's path is logged so a developer can find it; the token itself never is.
    expect(server.stdout()).toContain(tokenFile)
    expect(server.stdout()).not.toContain(token)

    const health = await fetch(`${server.url}/healthz`)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ status: 'ok' })
    const ready = await fetch(`${server.url}/readyz`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({ status: 'ok' })
    const spec = await fetch(`${server.url}/openapi.json`)
    expect(spec.status).toBe(200)
    const document = (await spec.json()) as { openapi: string; paths: Record<string, unknown> }
    expect(document.openapi).toBe('3.1.0')
    expect(document.paths).toHaveProperty('/v1/sites/{site}/comments')

    const unauthorized = await fetch(`${server.url}/v1/sites`, { headers: { authorization: 'Bearer wrong' } })
    expect(unauthorized.status).toBe(401)
    const listed = await fetch(`${server.url}/v1/sites`, { headers: { authorization: `Bearer ${token}` } })
    expect(listed.status).toBe(200)

    const exit = await stop(server)
    expect(exit).toMatchObject({ code: 0, signal: null })
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

    const exit = await stopping
    expect(exit).toMatchObject({ code: 0, signal: null })
    expect(exit.elapsedMs).toBeLessThan(KEEP_ALIVE_TIMEOUT_MS)
    expect(server.logs().at(-1)?.msg).toBe('stopped')
  })

  it('a second start on the same DATA_DIR reuses the admin token and the data', async () => {
    const dataDir = tempDataDir()
    const first = await startServer(dataDir)
    const token = adminToken(dataDir)
    await createSite(first.url, token, 'kept-across-restarts')
    expect(await stop(first)).toMatchObject({ code: 0 })

    const second = await startServer(dataDir)
    expect(adminToken(dataDir)).toBe(token)
    expect(second.logs().some((line) => /^Using the admin token/.test(line.msg ?? ''))).toBe(true)
    expect((await fetch(`${second.url}/readyz`)).status).toBe(200)
    const site = await fetch(`${second.url}/v1/sites/kept-across-restarts`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(site.status).toBe(200)
    expect(await site.json()).toMatchObject({ id: 'kept-across-restarts', name: 'Le Quotidien' })
    expect(await stop(second)).toMatchObject({ code: 0 })
  })

  it.each<{ name: string; env: Record<string, string>; variable: string }>([
    { name: 'a PORT that is not a number', env: { PORT: 'abc' }, variable: 'PORT' },
    { name: 'production without ADMIN_TOKEN', env: { NODE_ENV: 'production' }, variable: 'ADMIN_TOKEN' },
    {
      name: 'a DATABASE_URL that is not postgres',
      env: { DATABASE_URL: 'mysql://db/x' },
      variable: 'DATABASE_URL',
    },
  ])('refuses to start with $name: exit 1 and one line naming the variable', async ({ env, variable }) => {
    const dataDir = tempDataDir()
    const result = await runToExit({ DATA_DIR: dataDir, ...env })
    expect(result.code).toBe(1)
    const lines = result.stderr.split('\n').filter((line) => line.trim() !== '')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(variable)
    // Nothing was created before the configuration was checked.
    expect(readdirSync(dataDir)).toEqual([])
  })

  it('refuses to open the embedded database another process holds, naming it: exit 1', async () => {
    const dataDir = tempDataDir()
    const first = await startServer(dataDir)
    const second = await runToExit({ DATA_DIR: dataDir })
    expect(second.code).toBe(1)
    expect(second.stderr).toContain(`is in use by another Vigil process (pid ${first.child.pid}`)
    // The first one was left alone, and its lock goes with it.
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200)
    expect((await stop(first)).code).toBe(0)
    expect(readdirSync(dataDir)).not.toContain('pglite.lock')
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

  it('exits 1 with one log line naming PORT when the port is taken, closing what it opened', async () => {
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = taken.address() as AddressInfo
      const result = await runToExit({ DATA_DIR: tempDataDir(), PORT: String(port) })
      expect(result.code).toBe(1)
      expect(result.logs.find((line) => line.level === 60)?.msg).toContain('(PORT)')
      expect(result.logs.at(-1)?.msg).toBe('stopped')
      expect(result.stderr.trim()).toBe('')
    } finally {
      await new Promise((resolve) => taken.close(resolve))
    }
  })

  it.each([
    ['is not an address of this machine', '192.0.2.1'],
    ['does not resolve', '0.0.0.O'],
  ])('exits 1 with one log line naming HOST, not PORT, when HOST %s', async (_, host) => {
    const result = await runToExit({ DATA_DIR: tempDataDir(), HOST: host })
    expect(result.code).toBe(1)
    const fatal = result.logs.find((line) => line.level === 60)?.msg
    expect(fatal).toMatch(new RegExp(`^cannot listen on ${host.replaceAll('.', '\\.')} \\(HOST\\): `))
    expect(fatal).not.toContain('PORT')
  })
})

async function api(url: string, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`)
  return (await response.json()) as Record<string, string>
}

/** A site with a server key and an endpoint for `receiver`; posts one comment and returns its id. */
async function postWithWebhook(url: string, token: string, receiver: TestReceiver) {
  await createSite(url, token, 'gazette')
  const { key } = await api(url, token, 'POST', '/v1/sites/gazette/keys', { role: 'server' })
  const endpoint = await api(url, token, 'POST', '/v1/sites/gazette/webhooks', { url: receiver.url })
  receiver.secrets.push(endpoint.secret ?? '')
  const comment = await api(url, key ?? '', 'POST', '/v1/sites/gazette/comments', {
    articleId: 'a-1',
    author: { name: 'Lecteur' },
    content: 'Un commentaire tout à fait ordinaire sur la réforme.',
  })
  return comment.id
}

describe('webhook delivery by the processes', { timeout: 90_000 }, () => {
  const receiver = new TestReceiver()
  beforeAll(async () => {
    await receiver.start()
  })
  afterAll(async () => {
    await receiver.stop()
  })

  it('the server delivers webhooks itself by default, signed', async () => {
    const dataDir = tempDataDir()
    const server = await startServer(dataDir, { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' })
    const before = receiver.received.length
    const id = await postWithWebhook(server.url, adminToken(dataDir), receiver)
    const received = await receiver.waitFor(before + 1, 10_000)
    expect(received.at(-1)?.payload).toMatchObject({ type: 'comment.created', data: { comment: { id } } })
    expect(received.at(-1)?.verifiedWith).not.toBeNull()
    expect((await stop(server)).code).toBe(0)
  })

  it('the worker refuses to run on the embedded database: exit 1 naming DATABASE_URL', async () => {
    const dataDir = tempDataDir()
    const result = await runToExit({ DATA_DIR: dataDir }, ['worker'])
    expect(result.code).toBe(1)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr).toContain('DATABASE_URL')
  })

  it('a server without a dispatcher refuses to run on the embedded database, where no worker could deliver', async () => {
    const result = await runToExit({ DATA_DIR: tempDataDir(), WEBHOOK_DISPATCHER: 'false' })
    expect(result.code).toBe(1)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr).toContain('WEBHOOK_DISPATCHER=false needs DATABASE_URL')
  })

  it.runIf(onRealServer)(
    'a worker process delivers what a server without a dispatcher enqueued, reports it on METRICS_PORT, and stops on SIGTERM',
    async () => {
      const database = await createTestDatabase()
      try {
        const env = {
          DATABASE_URL: database.url ?? '',
          ADMIN_TOKEN: 'process-test-admin-token-0123456789',
          WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
        }
        const server = await startServer(tempDataDir(), { ...env, WEBHOOK_DISPATCHER: 'false' })
        const before = receiver.received.length
        const id = await postWithWebhook(server.url, env.ADMIN_TOKEN, receiver)
        await new Promise((resolve) => setTimeout(resolve, 1_000))
        expect(receiver.received).toHaveLength(before)

        const metricsToken = 'worker-metrics-token-0123456789abcdef'
        const worker = spawnServer(
          { DATA_DIR: tempDataDir(), ...env, METRICS_PORT: '0', METRICS_TOKEN: metricsToken },
          ['worker'],
        )
        const received = await receiver.waitFor(before + 1, 20_000)
        expect(received.at(-1)?.payload.data.comment.id).toBe(id)
        // The worker serves no API, only its health and its metrics.
        const operations = await waitFor(
          'the metrics port',
          () => worker.logs().find((line) => line.url)?.url,
          worker,
        )
        expect((await fetch(`${operations}/healthz`)).status).toBe(200)
        expect((await fetch(`${operations}/readyz`)).status).toBe(200)
        expect((await fetch(`${operations}/v1/sites`)).status).toBe(404)
        expect((await fetch(`${operations}/metrics`)).status).toBe(401)
        // The attempt is counted once the receiver's answer is back: a moment after it recorded the event.
        const scrape = async () =>
          (
            await fetch(`${operations}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })
          ).text()
        let exposition = await scrape()
        for (let tries = 0; !exposition.includes('result="delivered"} 1') && tries < 100; tries++) {
          await new Promise((resolve) => setTimeout(resolve, 50))
          exposition = await scrape()
        }
        expect(exposition).toMatch(/^vigil_webhook_attempts_total\{result="delivered"\} 1$/m)
        expect(exposition).toMatch(/^process_resident_memory_bytes \d+/m)
        expect((await stop(worker)).code).toBe(0)
        expect((await stop(server)).code).toBe(0)
      } finally {
        await database.dispose()
      }
    },
  )
})
