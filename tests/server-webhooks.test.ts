import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, onRealServer } from './helpers/db.js'
import { TestReceiver } from './helpers/receiver.js'
import {
  adminToken,
  cleanUpProcesses,
  createSite,
  runToExit,
  spawnServer,
  startServer,
  stop,
  tempDataDir,
  waitFor,
} from './server-process.js'

/** Which process delivers webhooks: the server by default, or a worker beside a server without a dispatcher. */

cleanUpProcesses()

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
