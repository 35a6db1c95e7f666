import { readdirSync, statSync, writeFileSync } from 'node:fs'
import { type AddressInfo, createServer } from 'node:net'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  adminToken,
  cleanUpProcesses,
  createSite,
  runToExit,
  startServer,
  stop,
  tempDataDir,
} from './server-process.js'

/** How the real process starts: on an empty or a used DATA_DIR, and how it refuses to when it cannot. */

cleanUpProcesses()

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

  it('warns at start, in production, that WEBHOOK_ALLOW_PRIVATE_NETWORKS turns the SSRF guard off', async () => {
    const warning = /^WEBHOOK_ALLOW_PRIVATE_NETWORKS=true: webhook endpoints may be on loopback/
    const warned = async (env: Record<string, string>) => {
      const server = await startServer(tempDataDir(), { ADMIN_TOKEN: 'a'.repeat(32), ...env })
      const lines = server.logs().filter((line) => warning.test(String(line.msg)))
      expect(await stop(server)).toMatchObject({ code: 0 })
      return lines.map((line) => line.level)
    }
    expect(await warned({ NODE_ENV: 'production', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' })).toEqual([40])
    expect(await warned({ NODE_ENV: 'production' })).toEqual([])
    expect(await warned({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' })).toEqual([])
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

  it.each<{ name: string; env: Record<string, string> }>([
    { name: 'where the admin token is generated', env: {} },
    { name: 'with ADMIN_TOKEN set', env: { ADMIN_TOKEN: 'an-admin-token-of-24-characters-or-more' } },
  ])('names DATA_DIR in one line when it cannot be written, $name: exit 1', async ({ env }) => {
    // A file where the directory should be; a volume mounted without write access for the image's user fails
    // the same way (EACCES), but a test run as root could write there all the same.
    const dataDir = join(tempDataDir(), 'data')
    writeFileSync(dataDir, '')
    const result = await runToExit({ DATA_DIR: dataDir, ...env })
    expect(result.code).toBe(1)
    const lines = result.stderr.split('\n').filter((line) => line.trim() !== '')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain('DATA_DIR')
    expect(lines[0]).toContain(dataDir)
  })

  it('names the embedded database in DATA_DIR in one line when its files cannot be opened (another version): exit 1', async () => {
    const dataDir = tempDataDir()
    expect((await stop(await startServer(dataDir))).code).toBe(0)
    // A backup of another PostgreSQL release's files; damaged or unreadable ones fail the same way, unnamed.
    writeFileSync(join(dataDir, 'pglite', 'PG_VERSION'), '14\n')
    const result = await runToExit({ DATA_DIR: dataDir })
    expect(result.code).toBe(1)
    const lines = result.stderr.split('\n').filter((line) => line.trim() !== '')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(
      `the embedded database in DATA_DIR ${dataDir} (${join(dataDir, 'pglite')}) could not be opened`,
    )
    expect(readdirSync(dataDir).filter((name) => name.startsWith('pglite.lock'))).toEqual([])
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

  it('says why on stderr when LOG_LEVEL=silent keeps the log quiet: it still cannot start', async () => {
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = taken.address() as AddressInfo
      const result = await runToExit({ DATA_DIR: tempDataDir(), PORT: String(port), LOG_LEVEL: 'silent' })
      expect(result.code).toBe(1)
      expect(result.logs).toEqual([])
      expect(result.stderr.trim()).toMatch(/^Vigil failed to start: cannot listen on .* \(PORT\): /)
    } finally {
      await new Promise((resolve) => taken.close(resolve))
    }
  })

  it('keys the stored API key hashes once KEY_HASH_SECRET is set, and then refuses to start with another or none', async () => {
    const dataDir = tempDataDir()
    const plain = await startServer(dataDir)
    const token = adminToken(dataDir)
    await createSite(plain.url, token, 'hashed-keys')
    const created = await fetch(`${plain.url}/v1/sites/hashed-keys/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'server' }),
    })
    const { key } = (await created.json()) as { key: string }
    expect((await stop(plain)).code).toBe(0)

    const secret = 'a-key-hash-secret-of-32-characters-or-more'
    const keyed = await startServer(dataDir, { KEY_HASH_SECRET: secret })
    expect(keyed.logs().find((line) => /^API key hashes now keyed/.test(line.msg ?? ''))).toMatchObject({
      keys: 1,
    })
    const verified = await fetch(`${keyed.url}/1.1/verify-key`, {
      method: 'POST',
      body: new URLSearchParams({ key, blog: 'https://example.org' }),
    })
    expect(await verified.text()).toBe('valid')
    expect((await stop(keyed)).code).toBe(0)

    for (const env of [{ KEY_HASH_SECRET: `${secret}-another` }, {}] as Record<string, string>[]) {
      const refused = await runToExit({ DATA_DIR: dataDir, ...env })
      expect(refused.code).toBe(1)
      expect(refused.logs.find((line) => line.level === 60)?.msg).toMatch(/^KEY_HASH_SECRET is not/)
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
