import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import {
  createAuthFailures,
  MAX_BLOCKED_ADDRESSES,
  MAX_KEYS_PER_ADDRESS,
} from '../../src/http/auth-failures.js'
import type { RateLimiter } from '../../src/http/rate-limit.js'
import { ADMIN_TOKEN, expectStatus, json, TestClock, useTestApp } from '../helpers/app.js'
import { conforming } from '../helpers/openapi-conformance.js'

const LIMIT = 3
const ctx = useTestApp({ RATE_LIMIT_FAILED_AUTH_PER_IP: String(LIMIT) })

const UNKNOWN_KEY = 'vk_this-key-was-never-issued-0000000000'

/** A `/v1` request from `peer` with `authorization` as is (or none). */
function fromPeer(peer: string, path: string, authorization?: string, app = ctx.app) {
  const headers: Record<string, string> = authorization !== undefined ? { authorization } : {}
  return conforming(
    'GET',
    path,
    app.request(path, { headers }, { incoming: { socket: { remoteAddress: peer } } }),
  )
}

const bearer = (token: string) => `Bearer ${token}`

/** Moves the clock to the start of the next rate-limit window (60 s), so a test's counts start from zero. */
function startOfNextWindow() {
  const now = ctx.clock.now().getTime()
  ctx.clock.advance(Math.ceil((now + 1) / 60_000) * 60_000 - now)
}

async function expectBlocked(pending: Promise<Response>) {
  const response = await pending
  const text = await response.text()
  expect(response.status, text).toBe(429)
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0)
  expect(JSON.parse(text)).toMatchObject({
    type: 'urn:vigil:problem:rate-limited',
    detail: expect.stringMatching(
      /^Too many failed authentications from this address\. Try again in \d+ s\.$/,
    ),
  })
}

async function failTimes(peer: string, times: number, authorization = bearer(UNKNOWN_KEY)) {
  for (let i = 0; i < times; i++) await expectStatus(fromPeer(peer, '/v1/sites', authorization), 401)
}

describe('failed authentications on /v1, per caller address', () => {
  it('answer 401 up to the limit, then 429 to that address until the window ends, the admin token included', async () => {
    const site = await ctx.newSite()
    const queue = `/v1/sites/${site.id}/queue`
    startOfNextWindow()
    await failTimes('192.0.2.10', LIMIT)
    await expectBlocked(fromPeer('192.0.2.10', '/v1/sites', bearer(UNKNOWN_KEY)))
    // A key this process has not used lately, and the admin token, wait: a guess is refused without a look-up.
    await expectBlocked(fromPeer('192.0.2.10', queue, bearer(site.moderatorKey)))
    await expectBlocked(fromPeer('192.0.2.10', '/v1/sites', bearer(ADMIN_TOKEN)))
    // Other addresses, and this one's keyless public reads, are untouched.
    await expectStatus(fromPeer('192.0.2.11', '/v1/sites', bearer(ADMIN_TOKEN)), 200)
    await expectStatus(fromPeer('192.0.2.10', `/v1/sites/${site.id}/articles/a-1/comments`), 200)
    ctx.clock.advance(60_000)
    await expectStatus(fromPeer('192.0.2.10', queue, bearer(site.moderatorKey)), 200)
  })

  it('let a key that address used successfully through for the whole block, so neighbours behind it keep working', async () => {
    const site = await ctx.newSite()
    const queue = `/v1/sites/${site.id}/queue`
    startOfNextWindow()
    // The site's backend, behind the same NAT as someone sending bad keys, and a key only used elsewhere.
    await expectStatus(fromPeer('192.0.2.12', queue, bearer(site.moderatorKey)), 200)
    await expectStatus(fromPeer('192.0.2.13', queue, bearer(site.serverKey)), 403)
    await failTimes('192.0.2.12', LIMIT)
    await expectBlocked(fromPeer('192.0.2.12', '/v1/sites', bearer(UNKNOWN_KEY)))
    for (let second = 0; second < 50; second += 25) {
      ctx.clock.advance(25_000)
      await expectStatus(fromPeer('192.0.2.12', queue, bearer(site.moderatorKey)), 200)
    }
    await expectBlocked(fromPeer('192.0.2.12', queue, bearer(site.serverKey)))
    // Revoked meanwhile: read again, refused, and the address waits like any other.
    const keys = await json(expectStatus(ctx.request('GET', `/v1/sites/${site.id}/keys`), 200))
    const held = keys.items.find((key: { role: string }) => key.role === 'moderator')
    await expectStatus(ctx.request('DELETE', `/v1/sites/${site.id}/keys/${held.id}`), 200)
    await expectBlocked(fromPeer('192.0.2.12', queue, bearer(site.moderatorKey)))
  })

  it('let the admin token through too, once that address used it, as /metrics does', async () => {
    startOfNextWindow()
    // The operator's tools behind the same NAT, or the same proxy without TRUST_PROXY, as someone guessing keys.
    await expectStatus(fromPeer('192.0.2.15', '/v1/sites', bearer(ADMIN_TOKEN)), 200)
    await failTimes('192.0.2.15', LIMIT)
    await expectBlocked(fromPeer('192.0.2.15', '/v1/sites', bearer(UNKNOWN_KEY)))
    await expectStatus(fromPeer('192.0.2.15', '/v1/sites', bearer(ADMIN_TOKEN)), 200)
  })

  it('keep letting that key through while the blocks go on for hours, since every use through them is a success', async () => {
    const site = await ctx.newSite()
    const queue = `/v1/sites/${site.id}/queue`
    startOfNextWindow()
    await expectStatus(fromPeer('192.0.2.14', queue, bearer(site.moderatorKey)), 200)
    // Someone behind the same NAT guesses from the start of every window for 70 minutes: the backend only ever
    // meets the address blocked, and keeps working.
    for (let minute = 0; minute < 70; minute++) {
      startOfNextWindow()
      await failTimes('192.0.2.14', LIMIT)
      await expectBlocked(fromPeer('192.0.2.14', '/v1/sites', bearer(UNKNOWN_KEY)))
      ctx.clock.advance(30_000)
      await expectStatus(fromPeer('192.0.2.14', queue, bearer(site.moderatorKey)), 200)
    }
  })

  it('count revoked keys and malformed headers, and nothing for a request with no credentials', async () => {
    const site = await ctx.newSite()
    const { key, id } = (await (
      await expectStatus(
        ctx.request('POST', `/v1/sites/${site.id}/keys`, { body: { role: 'moderator' } }),
        201,
      )
    ).json()) as { key: string; id: string }
    await expectStatus(ctx.request('DELETE', `/v1/sites/${site.id}/keys/${id}`), 200)
    startOfNextWindow()
    for (let i = 0; i < 5; i++) await expectStatus(fromPeer('192.0.2.20', '/v1/sites'), 401)
    await failTimes('192.0.2.20', 1, bearer(key))
    await failTimes('192.0.2.20', 1, 'Basic dXNlcjpwYXNz')
    await failTimes('192.0.2.20', 1, 'Bearer')
    await expectBlocked(fromPeer('192.0.2.20', '/v1/sites', bearer(key)))
  })

  it('count an empty Authorization header as malformed, never as a public caller', async () => {
    startOfNextWindow()
    await failTimes('192.0.2.21', 3, '')
    await expectBlocked(fromPeer('192.0.2.21', '/v1/sites', bearer(UNKNOWN_KEY)))
  })

  it('count an IPv6 /64 as one address, as the other rate limits do', async () => {
    startOfNextWindow()
    await failTimes('2001:db8:7:1::1', 1)
    await failTimes('2001:db8:7:1::2', 1)
    await failTimes('2001:db8:7:1:ffff::3', 1)
    await expectBlocked(fromPeer('2001:db8:7:1::5', '/v1/sites', bearer(UNKNOWN_KEY)))
    await expectBlocked(fromPeer('2001:db8:7:1::4', '/v1/sites', bearer(ADMIN_TOKEN)))
    await expectStatus(fromPeer('2001:db8:7:2::1', '/v1/sites', bearer(ADMIN_TOKEN)), 200)
  })

  it('are counted once for every process on the database, each refusing at its next failure', async () => {
    const otherProcess = createApp({
      db: ctx.database.db,
      config: loadConfig({ ADMIN_TOKEN, NODE_ENV: 'test', RATE_LIMIT_FAILED_AUTH_PER_IP: String(LIMIT) }),
      clock: ctx.clock,
    })
    startOfNextWindow()
    await failTimes('192.0.2.30', LIMIT)
    await expectBlocked(fromPeer('192.0.2.30', '/v1/sites', bearer(UNKNOWN_KEY), otherProcess))
    await expectBlocked(fromPeer('192.0.2.30', '/v1/sites', bearer(ADMIN_TOKEN), otherProcess))
  })

  it('hold against a burst of guesses sent together: a right key among them is refused past the limit', async () => {
    const site = await ctx.newSite()
    startOfNextWindow()
    const guesses = Array.from({ length: 30 }, (_, i) => `vgm_guess-${String(i).padStart(32, '0')}`)
    guesses[20] = site.moderatorKey
    const statuses = await Promise.all(
      guesses.map(
        async (guess) => (await fromPeer('192.0.2.45', `/v1/sites/${site.id}/queue`, bearer(guess))).status,
      ),
    )
    expect(statuses.filter((status) => status === 401)).toHaveLength(LIMIT)
    expect(statuses[20]).toBe(429)
    // The same burst with the admin token among the guesses, which no database read checks.
    startOfNextWindow()
    guesses[20] = ADMIN_TOKEN
    const again = await Promise.all(
      guesses.map(async (guess) => (await fromPeer('192.0.2.46', '/v1/sites', bearer(guess))).status),
    )
    expect(again[20]).toBe(429)
  })

  it('let a key that address used through at once, even while its guesses wait their turn', async () => {
    const site = await ctx.newSite()
    startOfNextWindow()
    await expectStatus(fromPeer('192.0.2.47', '/v1/sites', bearer(site.moderatorKey)), 403)
    const burst = Array.from({ length: 10 }, (_, i) =>
      fromPeer('192.0.2.47', '/v1/sites', bearer(`vgm_guess-${String(i).padStart(32, '0')}`)),
    )
    await expectStatus(fromPeer('192.0.2.47', `/v1/sites/${site.id}/queue`, bearer(site.moderatorKey)), 200)
    expect((await Promise.all(burst)).map((response) => response.status).sort()).toEqual([
      ...Array(LIMIT).fill(401),
      ...Array(10 - LIMIT).fill(429),
    ])
  })

  it('are not counted with RATE_LIMIT_FAILED_AUTH_PER_IP=0', async () => {
    const unlimited = createApp({
      db: ctx.database.db,
      config: loadConfig({ ADMIN_TOKEN, NODE_ENV: 'test', RATE_LIMIT_FAILED_AUTH_PER_IP: '0' }),
      clock: ctx.clock,
    })
    startOfNextWindow()
    for (let i = 0; i < LIMIT + 5; i++)
      await expectStatus(fromPeer('192.0.2.40', '/v1/sites', bearer(UNKNOWN_KEY), unlimited), 401)
    await expectStatus(fromPeer('192.0.2.40', '/v1/sites', bearer(ADMIN_TOKEN), unlimited), 200)
  })
})

describe('failed authentications on the Akismet API', () => {
  const verifyKey = (peer: string, key: string) =>
    ctx.request('POST', '/1.1/verify-key', {
      rawBody: new TextEncoder().encode(`key=${key}&blog=https%3A%2F%2Fblog.example`),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      token: null,
      peer,
    })

  // Past the limit no key is looked up, so none is called invalid: WordPress would tell the site's administrator
  // that the right key, typed from a throttled address, is wrong. Any other answer is a failure it retries.
  it('answer invalid, and past the limit neither valid nor invalid for every key that address has not used', async () => {
    const site = await ctx.newSite()
    const busy = await ctx.newSite()
    startOfNextWindow()
    expect(await (await verifyKey('198.51.100.50', busy.serverKey)).text()).toBe('valid')
    for (let i = 0; i < LIMIT; i++) {
      const response = await verifyKey('198.51.100.50', 'zzzzzz999999')
      expect(await response.text()).toBe('invalid')
      expect(response.headers.get('x-akismet-debug-help')).toMatch(/not a live server key/)
    }
    const overLimit = await verifyKey('198.51.100.50', 'zzzzzz999999')
    expect(overLimit.headers.get('x-akismet-debug-help')).toMatch(/^Too many calls with invalid keys/)
    expect(await overLimit.text()).toMatch(/^Too many calls with invalid keys/)
    const refused = await verifyKey('198.51.100.50', site.serverKey)
    expect(refused.status).toBe(200)
    expect(await refused.text()).toMatch(/^Too many calls with invalid keys/)
    expect(refused.headers.get('x-akismet-debug-help')).toMatch(/^Too many calls with invalid keys/)
    ctx.clock.advance(30_000)
    expect(await (await verifyKey('198.51.100.50', busy.serverKey)).text()).toBe('valid')
    expect(await (await verifyKey('198.51.100.51', site.serverKey)).text()).toBe('valid')
  })

  it('hold against a burst of keys sent together, each key a call names counting as one guess', async () => {
    const site = await ctx.newSite()
    startOfNextWindow()
    const guesses = Array.from({ length: 30 }, (_, i) => `zzzz${String(i).padStart(8, '0')}`)
    guesses[20] = site.serverKey
    const answers = await Promise.all(
      guesses.map(async (guess) => (await verifyKey('198.51.100.55', guess)).text()),
    )
    expect(answers[20]).toMatch(/^Too many calls with invalid keys/)
    // A check with api_key and key is two guesses: the second such call goes past the limit of three.
    startOfNextWindow()
    const both = (first: string, second: string) =>
      ctx.request('POST', '/1.1/comment-check', {
        rawBody: new TextEncoder().encode(`api_key=${first}&key=${second}&blog=https%3A%2F%2Fblog.example`),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        token: null,
        peer: '198.51.100.56',
      })
    const firstCall = await both('yyyy0a000000', 'yyyy0b000000')
    expect(firstCall.headers.get('x-akismet-debug-help')).toMatch(/not a live server key/)
    const secondCall = await both('yyyy1a000000', 'yyyy1b000000')
    expect(secondCall.headers.get('x-akismet-debug-help')).toMatch(/^Too many calls with invalid keys/)
    const refused = await verifyKey('198.51.100.56', site.serverKey)
    expect(await refused.text()).toMatch(/^Too many calls with invalid keys/)
  })

  it('share their count with /v1, as the same address guessing the same kind of key', async () => {
    startOfNextWindow()
    await failTimes('198.51.100.60', LIMIT)
    const overLimit = await verifyKey('198.51.100.60', 'zzzzzz999999')
    expect(overLimit.headers.get('x-akismet-debug-help')).toMatch(/^Too many calls with invalid keys/)
    const site = await ctx.newSite()
    const refused = await verifyKey('198.51.100.60', site.serverKey)
    expect(refused.headers.get('x-akismet-debug-help')).toMatch(/^Too many calls with invalid keys/)
  })
})

describe('the addresses a process remembers as blocked', () => {
  it(`are at most ${MAX_BLOCKED_ADDRESSES}, the block ending first forgotten to make room`, async () => {
    const clock = new TestClock()
    let retryAfterSeconds = 1
    const alwaysRefused: RateLimiter = {
      hit: async () => ({ allowed: false, hits: 2, retryAfterSeconds }),
      sweep: async () => 0,
    }
    const failures = createAuthFailures({
      rateLimiter: alwaysRefused,
      hasher: {
        hash: async (_kind, value) => value,
        address: async (ip) => ip,
        email: async (email) => email,
        emailSpellings: async (email) => [email],
      },
      clock,
      config: {
        rateLimits: {
          windowSeconds: 60,
          submissionsPerIp: 0,
          submissionsPerSite: 0,
          apiPerKey: 0,
          failedAuthPerIp: 1,
        },
      },
    })
    await failures.record('10.0.0.0')
    retryAfterSeconds = 60
    for (let i = 1; i < MAX_BLOCKED_ADDRESSES; i++) await failures.record(`10.0.${i >> 8}.${i & 255}`)
    expect(failures.blockedFor('10.0.0.0')).toBe(1)
    await failures.record('192.0.2.1')
    expect(failures.blockedFor('10.0.0.0')).toBe(0)
    expect(failures.blockedFor('10.0.0.1')).toBe(60)
    expect(failures.blockedFor('192.0.2.1')).toBe(60)
  })
})

describe('the keys a process remembers an address used', () => {
  it(`are up to ${MAX_KEYS_PER_ADDRESS} an address: every site behind one shared host or proxy keeps its way through`, () => {
    const failures = createAuthFailures({
      rateLimiter: {
        hit: async () => ({ allowed: true, hits: 1, retryAfterSeconds: 0 }),
        sweep: async () => 0,
      },
      hasher: {
        hash: async (_kind, value) => value,
        address: async (ip) => ip,
        email: async (email) => email,
        emailSpellings: async (email) => [email],
      },
      clock: new TestClock(),
      config: {
        rateLimits: {
          windowSeconds: 60,
          submissionsPerIp: 0,
          submissionsPerSite: 0,
          apiPerKey: 0,
          failedAuthPerIp: 1,
        },
      },
    })
    const keys = Array.from({ length: MAX_KEYS_PER_ADDRESS + 1 }, (_, i) => `key-${i}`)
    for (const key of keys) failures.succeeded('192.0.2.200', key)
    // A shared WordPress host with a dozen sites pushed the first out at 8.
    expect(keys.slice(1).every((key) => failures.succeededBefore('192.0.2.200', key))).toBe(true)
    expect(failures.succeededBefore('192.0.2.200', 'key-0')).toBe(false)
    expect(MAX_KEYS_PER_ADDRESS).toBeGreaterThanOrEqual(100)
  })
})
