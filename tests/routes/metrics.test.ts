import { describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, expectStatus, json, useTestApp } from '../helpers/app.js'

const METRICS_TOKEN = 'prometheus-scraper-token-0123456789'
const ctx = useTestApp({ METRICS_TOKEN })

type Labels = Record<string, string>

/** The samples of a Prometheus text exposition: one per `name{labels} value` line. */
function parseExposition(text: string): { name: string; labels: Labels; value: number }[] {
  const samples: { name: string; labels: Labels; value: number }[] = []
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!match) throw new Error(`not a Prometheus sample line: ${line}`)
    const labels: Labels = {}
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1] as string] = pair[2] as string
    }
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) })
  }
  return samples
}

async function scrape(token: string = ADMIN_TOKEN) {
  const response = await expectStatus(ctx.request('GET', '/metrics', { token }), 200)
  const text = await response.text()
  const samples = parseExposition(text)
  /** The value of one series (0 when it has not appeared yet), its labels matched exactly. */
  const value = (name: string, labels: Labels = {}) =>
    samples.find(
      (sample) =>
        sample.name === name &&
        Object.keys(sample.labels).length === Object.keys(labels).length &&
        Object.entries(labels).every(([key, wanted]) => sample.labels[key] === wanted),
    )?.value ?? 0
  return { response, text, samples, value }
}

const submissions = (route = '/v1/sites/:site/comments', status = '201') => ({
  method: 'POST',
  route,
  status,
})

describe('GET /metrics', () => {
  it('answers only the admin token and METRICS_TOKEN, as a problem otherwise', async () => {
    const site = await ctx.newSite()
    for (const token of [null, 'not-the-token-0123456789abcdef', site.serverKey, site.moderatorKey]) {
      const response = await expectStatus(ctx.request('GET', '/metrics', { token }), 401)
      expect(response.headers.get('content-type')).toContain('application/problem+json')
      expect(response.headers.get('www-authenticate')).toBe('Bearer')
      expect((await json(response)).type).toBe('urn:vigil:problem:unauthorized')
    }
    for (const token of [ADMIN_TOKEN, METRICS_TOKEN]) {
      const { response } = await scrape(token)
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
      expect(response.headers.get('cache-control')).toBe('no-store')
    }
  })

  it('counts wrong tokens as failed authentications of the address, as /v1 does', async () => {
    const guesser = '198.51.100.200'
    const scraper = '198.51.100.201'
    await expectStatus(ctx.request('GET', '/metrics', { token: METRICS_TOKEN, peer: scraper }), 200)
    for (let guess = 0; guess < 20; guess++) {
      await expectStatus(
        ctx.request('GET', '/metrics', { token: `guess-${guess}-0123456789abcdefgh`, peer: guesser }),
        401,
      )
    }
    const refused = await expectStatus(
      ctx.request('GET', '/metrics', { token: 'guess-last-0123456789abcdefgh', peer: guesser }),
      429,
    )
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    // Blocked: even the right token is refused from there, without saying whether it was right.
    await expectStatus(ctx.request('GET', '/metrics', { token: METRICS_TOKEN, peer: guesser }), 429)
    // The block is the address's, shared with /v1; other addresses scrape on.
    await expectStatus(ctx.request('GET', '/v1/sites', { peer: guesser }), 429)
    await expectStatus(ctx.request('GET', '/metrics', { token: METRICS_TOKEN, peer: scraper }), 200)
  })

  it('refuses the right token past the limit when it comes in a burst of guesses sent together', async () => {
    const guesses = Array.from({ length: 40 }, (_, guess) => `guess-${guess}-0123456789abcdefgh`)
    guesses[30] = METRICS_TOKEN
    const statuses = await Promise.all(
      guesses.map(
        async (token) => (await ctx.request('GET', '/metrics', { token, peer: '198.51.100.203' })).status,
      ),
    )
    expect(statuses[30]).toBe(429)
  })

  it('does not count a scrape with no Authorization header as a guess: a scraper not yet given its token', async () => {
    const scraper = '198.51.100.202'
    for (let scrape = 0; scrape < 30; scrape++) {
      await expectStatus(ctx.request('GET', '/metrics', { token: null, peer: scraper }), 401)
    }
    await expectStatus(ctx.request('GET', '/metrics', { token: METRICS_TOKEN, peer: scraper }), 200)
    // Nor blocks the address elsewhere: an admin call from it is answered.
    await expectStatus(ctx.request('GET', '/v1/sites', { peer: scraper }), 200)
  })

  it('answers a scrape with no Authorization header 401, not 429, from an address blocked for guessing', async () => {
    const address = '198.51.100.204'
    for (let guess = 0; guess < 21; guess++) {
      await ctx.request('GET', '/metrics', { token: `guess-${guess}-0123456789abcdefgh`, peer: address })
    }
    await expectStatus(
      ctx.request('GET', '/metrics', { token: 'guess-last-0123456789abcdefgh', peer: address }),
      429,
    )
    // It tried no token: told what it lacks, as a public call to /v1 from there would be answered.
    const response = await expectStatus(ctx.request('GET', '/metrics', { token: null, peer: address }), 401)
    expect(response.headers.get('retry-after')).toBeNull()
  })

  it('METRICS_TOKEN opens nothing but the metrics', async () => {
    await expectStatus(ctx.request('GET', '/v1/sites', { token: METRICS_TOKEN }), 401)
  })

  it('counts comments by door and verdict, and times their scoring', async () => {
    const site = await ctx.newSite()
    const before = await scrape()
    await ctx.submit(site)
    const spam = await ctx.submit(site, { honeypot: 'http://bot.example' })
    expect(spam.status).toBe('spam')
    const form = new URLSearchParams({
      api_key: site.serverKey,
      blog: 'https://blog.example',
      user_ip: '203.0.113.9',
      comment_author: 'Camille',
      comment_content: 'Un reportage précis sur les négociations de Genève, merci.',
    })
    const check = await ctx.request('POST', '/1.1/comment-check', {
      rawBody: new TextEncoder().encode(form.toString()),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      token: null,
    })
    expect(await check.text()).toBe('false')

    const after = await scrape()
    const grew = (name: string, labels: Labels = {}) => after.value(name, labels) - before.value(name, labels)
    expect(grew('vigil_comments_total', { source: 'api', verdict: 'approved' })).toBe(1)
    expect(grew('vigil_comments_total', { source: 'api', verdict: 'spam' })).toBe(1)
    expect(grew('vigil_comments_total', { source: 'akismet', verdict: 'approved' })).toBe(1)
    expect(grew('vigil_scoring_duration_seconds_count')).toBe(3)
    expect(grew('vigil_http_requests_total', submissions())).toBe(2)
    expect(grew('vigil_http_requests_total', submissions('/1.1/comment-check', '200'))).toBe(1)
  })

  it('counts decisions that change a comment, by action', async () => {
    const site = await ctx.newSite()
    await expectStatus(
      ctx.request('PATCH', `/v1/sites/${site.id}/settings`, { body: { moderation: 'all' } }),
      200,
    )
    const held = await ctx.submit(site)
    expect(held.status).toBe('pending')
    const before = await scrape()
    const approve = () =>
      expectStatus(
        ctx.request('POST', `/v1/sites/${site.id}/comments/${held.id}/approve`, { token: site.moderatorKey }),
        200,
      )
    await approve()
    await approve() // the same decision again changes nothing
    const after = await scrape()
    expect(
      after.value('vigil_decisions_total', { action: 'approve' }) -
        before.value('vigil_decisions_total', { action: 'approve' }),
    ).toBe(1)
  })

  it('labels requests by route pattern, never by a site, a comment or anything a reader sent', async () => {
    const site = await ctx.newSite()
    const email = 'lea.martin@example.org'
    const comment = await ctx.submit(site, { author: { name: 'Léa Martin', email }, ip: '198.51.100.77' })
    await ctx.request('GET', `/v1/sites/${site.id}/comments/${comment.id}`, { token: site.moderatorKey })
    await ctx.request('GET', `/v1/sites/${site.id}/no-such-thing/${comment.id}`, { token: site.moderatorKey })
    const { text, value } = await scrape()
    for (const secret of [site.id, comment.id, email, '198.51.100.77', 'Léa', site.serverKey]) {
      expect(text).not.toContain(secret)
    }
    expect(
      value('vigil_http_requests_total', {
        method: 'GET',
        route: '/v1/sites/:site/comments/:id',
        status: '200',
      }),
    ).toBeGreaterThanOrEqual(1)
    expect(
      value('vigil_http_requests_total', { method: 'GET', route: '(none)', status: '404' }),
    ).toBeGreaterThanOrEqual(1)
  })

  it('reports the webhook deliveries waiting, and how long the oldest has waited', async () => {
    const site = await ctx.newSite()
    // A public address: the delivery is queued, and no dispatcher runs in this test to take it.
    await expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/webhooks`, { body: { url: 'https://93.184.215.14/hook' } }),
      201,
    )
    const before = await scrape()
    await ctx.submit(site)
    ctx.clock.advance(90_000)
    const after = await scrape()
    expect(after.value('vigil_webhook_deliveries_due') - before.value('vigil_webhook_deliveries_due')).toBe(1)
    expect(after.value('vigil_webhook_oldest_due_seconds')).toBeGreaterThanOrEqual(90)
    // No attempt is made by this process, and the series are there from the start.
    expect(after.value('vigil_webhook_attempts_total', { result: 'delivered' })).toBe(0)
    expect(after.samples.some((sample) => sample.name === 'vigil_webhook_attempts_total')).toBe(true)
  })
})
