import { describe, expect, it } from 'vitest'
import { expectStatus, useTestApp } from '../helpers/app.js'

/**
 * With KEY_HASH_SECRET the stored hash of a key is no longer its plain SHA-256; a key an address used must be
 * remembered all the same, so that a site behind the same NAT as someone guessing keys keeps working.
 */
const LIMIT = 3
const ctx = useTestApp({
  RATE_LIMIT_FAILED_AUTH_PER_IP: String(LIMIT),
  KEY_HASH_SECRET: 'a-key-hash-secret-of-32-characters-or-more',
})

const fromPeer = (peer: string, path: string, token: string) => ctx.request('GET', path, { token, peer })
const verifyKey = (peer: string, key: string) =>
  ctx.request('POST', '/1.1/verify-key', {
    rawBody: new TextEncoder().encode(`key=${key}&blog=https%3A%2F%2Fblog.example`),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    token: null,
    peer,
  })

async function blockAddress(peer: string) {
  for (let i = 0; i < LIMIT; i++)
    await expectStatus(fromPeer(peer, '/v1/sites', 'vk_never-issued-000000000000000'), 401)
  await expectStatus(fromPeer(peer, '/v1/sites', 'vk_never-issued-000000000000000'), 429)
}

describe('failed authentications, with keys stored keyed', () => {
  it('let a key that address used successfully through the block', async () => {
    const site = await ctx.newSite()
    const queue = `/v1/sites/${site.id}/queue`
    await expectStatus(fromPeer('192.0.2.40', queue, site.moderatorKey), 200)
    await blockAddress('192.0.2.40')
    await expectStatus(fromPeer('192.0.2.40', queue, site.moderatorKey), 200)
  })

  it('let a server key used on /v1 through on the Akismet API, and the other way round', async () => {
    const site = await ctx.newSite()
    await expectStatus(fromPeer('192.0.2.41', `/v1/sites/${site.id}`, site.serverKey), 200)
    await blockAddress('192.0.2.41')
    expect(await (await verifyKey('192.0.2.41', site.serverKey)).text()).toBe('valid')

    const other = await ctx.newSite()
    expect(await (await verifyKey('192.0.2.42', other.serverKey)).text()).toBe('valid')
    await blockAddress('192.0.2.42')
    await expectStatus(fromPeer('192.0.2.42', `/v1/sites/${other.id}`, other.serverKey), 200)
  })
})
