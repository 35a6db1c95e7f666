import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { AkismetClient } from 'akismet-api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Body, expectStatus, json, type TestSite, useTestApp } from '../helpers/app.js'
import { loopbackLookup, resolveLocalhostSubdomains } from '../helpers/loopback-dns.js'

/**
 * The unchanged npm client `akismet-api` v6 against Vigil listening on 127.0.0.1. The client puts the key in the
 * host name (`http://<key>.localhost:<port>/1.1/comment-check`), which this machine does not resolve: the test
 * process resolves `*.localhost` itself (tests/helpers/loopback-dns.ts).
 */

const ctx = useTestApp()
const BLOG = 'https://www.example.fr'
const THANKS = 'Thanks for making the web a better place.'

let server: ReturnType<typeof serve>
let port = 0
let restoreDns: () => void

beforeAll(async () => {
  restoreDns = resolveLocalhostSubdomains()
  server = serve({ fetch: ctx.app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  port = (server.address() as AddressInfo).port
})

afterAll(async () => {
  restoreDns?.()
  if (!server) return
  // `fetch` keeps its connections alive: close them, or `close` waits for their timeout.
  if ('closeAllConnections' in server) server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const clientFor = (key: string) =>
  new AkismetClient({ key, blog: BLOG, host: `localhost:${port}`, protocol: 'http' })

let readers = 0

/**
 * A comment as a site's backend would send it, from a reader of its own (name, e-mail and IP), so that no two
 * comments of a test share a sender: reputation and flood rules never link them. The clock moves a minute per
 * comment, so that they are stored in the order they were sent.
 */
function aReader(fields: Record<string, string | boolean> = {}) {
  readers += 1
  ctx.clock.advance(60_000)
  return {
    ip: `203.0.113.${readers % 250}`,
    useragent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
    referrer: 'https://www.example.fr/',
    permalink: 'https://www.example.fr/2026/11/28/reforme-des-retraites',
    type: 'comment',
    name: `Lecteur ${readers}`,
    email: `lecteur${readers}@example.net`,
    ...fields,
  }
}

/**
 * comment-check sent by hand, for what akismet-api does not expose: Vigil's own headers. The key goes in
 * `api_key`, the current form; field names are the protocol's (akismet-api's aliases mapped back).
 */
async function rawCheck(key: string, comment: Record<string, string | boolean>) {
  const names: Record<string, string> = {
    ip: 'user_ip',
    useragent: 'user_agent',
    type: 'comment_type',
    name: 'comment_author',
    email: 'comment_author_email',
    content: 'comment_content',
    isTest: 'is_test',
  }
  const form = new URLSearchParams({ api_key: key, blog: BLOG })
  for (const [field, value] of Object.entries(comment)) form.set(names[field] ?? field, String(value))
  const response = await fetch(`http://127.0.0.1:${port}/1.1/comment-check`, { method: 'POST', body: form })
  expect(response.status).toBe(200)
  return {
    body: await response.text(),
    guid: response.headers.get('x-akismet-guid') ?? '',
    status: response.headers.get('x-vigil-status'),
    score: Number(response.headers.get('x-vigil-score')),
    reasons: response.headers.get('x-vigil-reasons') ?? '',
  }
}

/** The points the learned model gave, from `X-Vigil-Reasons` (`rule=points, …`); 0 when it said nothing. */
const learnedPoints = (reasons: string) => Number(/(?:^|, )learned=(-?[\d.]+)/.exec(reasons)?.[1] ?? 0)

const queue = async (site: TestSite, status: string): Promise<Body[]> =>
  (
    await json(
      expectStatus(
        ctx.request('GET', `/v1/sites/${site.id}/queue?status=${status}&limit=100`, {
          token: site.moderatorKey,
        }),
        200,
      ),
    )
  ).items

const everyStatus = ['pending', 'approved', 'rejected', 'spam'] as const

async function storedCount(site: TestSite) {
  let total = 0
  for (const status of everyStatus) total += (await queue(site, status)).length
  return total
}

const detail = (site: TestSite, id: string) =>
  json(
    expectStatus(
      ctx.request('GET', `/v1/sites/${site.id}/comments/${id}`, { token: site.moderatorKey }),
      200,
    ),
  )

/** The stored comment with this content (comments of a test never share a content). */
async function storedWith(site: TestSite, content: string): Promise<Body> {
  for (const status of everyStatus) {
    const found = (await queue(site, status)).find((comment) => comment.content === content)
    if (found) return detail(site, found.id)
  }
  throw new Error(`no stored comment says “${content}”`)
}

const spamTexts = {
  casino:
    'Online casino bonus! Claim your no deposit bonus now at https://bit.ly/casino-bonus and ' +
    'https://casino-bonus.example/free and https://slots.example/promo',
  recovery:
    'Great article! I lost $40,000 to a fake broker and a crypto recovery expert helped me recover my lost ' +
    'bitcoin. Contact him on WhatsApp +1 (555) 013-4567 or https://bit.ly/recover-funds',
}

const hamTexts = {
  english: 'I really enjoyed this analysis of the housing market, the charts were very helpful.',
  french: 'Merci pour cet article très clair sur la réforme des retraites.',
  russian: 'Спасибо за статью, очень подробный разбор городского бюджета и новых налогов.',
  korean: '기사 잘 읽었습니다. 지방 선거 결과에 대한 분석이 특히 흥미로웠어요.',
}

describe('this process resolves *.localhost to 127.0.0.1 (tests/helpers/loopback-dns.ts)', () => {
  it('answers both forms of lookup, and http.request reaches Vigil at <key>.localhost', async () => {
    const one = await new Promise<unknown[]>((resolve, reject) =>
      loopbackLookup('abcdef123456.localhost', { family: 0 }, (error, address, family) =>
        error ? reject(error) : resolve([address, family]),
      ),
    )
    expect(one).toEqual(['127.0.0.1', 4])
    const all = await new Promise<unknown>((resolve, reject) =>
      loopbackLookup('abcdef123456.localhost', { all: true }, (error, addresses) =>
        error ? reject(error) : resolve(addresses),
      ),
    )
    expect(all).toEqual([{ address: '127.0.0.1', family: 4 }])

    // `agent: false` is what superagent passes: a fresh agent built like the global one, lookup included.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      http
        .get(`http://abcdef123456.localhost:${port}/healthz`, { agent: false }, (response) => {
          response.resume()
          resolve(response.statusCode)
        })
        .on('error', reject)
    })
    expect(status).toBe(200)
  })
})

describe('akismet-api v6, unchanged, against Vigil', () => {
  it("verifyKey: true for a site's server key, false for an unknown key and for a moderator key", async () => {
    const site = await ctx.newSite()
    expect(site.serverKey).toMatch(/^[a-z0-9]{12}$/)
    expect(await clientFor(site.serverKey).verifyKey()).toBe(true)
    expect(await clientFor('zz9plural0za').verifyKey()).toBe(false)
    // Only server keys are Akismet keys: a moderator's key must not work as one.
    expect(await clientFor(site.moderatorKey).verifyKey()).toBe(false)
  })

  it("checkSpam with an unknown key rejects with the client's 'Invalid API key'", async () => {
    await expect(clientFor('zz9plural0za').checkSpam(aReader({ content: hamTexts.english }))).rejects.toThrow(
      'Invalid API key',
    )
  })

  it("checkSpam without user_ip rejects with the server's X-akismet-debug-help, and stores nothing", async () => {
    const site = await ctx.newSite()
    const { ip: _ip, ...withoutIp } = aReader({ content: hamTexts.english })
    // The client's types require an IP; a caller in plain JavaScript can leave it out.
    const comment = withoutIp as unknown as Parameters<AkismetClient['checkSpam']>[0]
    await expect(clientFor(site.serverKey).checkSpam(comment)).rejects.toThrow(/user_ip/)
    expect(await storedCount(site)).toBe(0)
  })

  it('checkSpam: true for obvious spam, false for ham in English, French, Russian and Korean', async () => {
    const site = await ctx.newSite()
    const client = clientFor(site.serverKey)
    for (const [kind, content] of Object.entries(spamTexts)) {
      expect({ kind, spam: await client.checkSpam(aReader({ content })) }).toEqual({ kind, spam: true })
    }
    for (const [language, content] of Object.entries(hamTexts)) {
      expect({ language, spam: await client.checkSpam(aReader({ content })) }).toEqual({
        language,
        spam: false,
      })
    }
  })

  it('checkSpam stores the comment in the moderation queue, with source akismet, as the client sent it', async () => {
    const site = await ctx.newSite()
    const client = clientFor(site.serverKey)
    const ham = aReader({ content: hamTexts.french })
    const spam = aReader({ content: spamTexts.recovery })
    expect(await client.checkSpam(ham)).toBe(false)
    expect(await client.checkSpam(spam)).toBe(true)

    const [approved] = await queue(site, 'approved')
    expect(approved).toMatchObject({ content: hamTexts.french, source: 'akismet' })
    const stored = await detail(site, approved?.id)
    expect(stored).toMatchObject({
      status: 'approved',
      source: 'akismet',
      content: hamTexts.french,
      articleId: ham.permalink,
      author: { name: ham.name },
      ip: ham.ip,
      userAgent: ham.useragent,
      referrer: ham.referrer,
      extra: { blog: BLOG, comment_type: 'comment' },
    })
    expect(stored.history.map((event: Body) => event.action)).toEqual(['submit'])

    const [marked] = await queue(site, 'spam')
    expect(marked).toMatchObject({ content: spamTexts.recovery, source: 'akismet', status: 'spam' })
    expect(marked?.reasons.map((reason: Body) => reason.rule)).toContain('spam-phrases')
    expect(await storedCount(site)).toBe(2)
  })

  it('honours the guaranteed-spam test values, and stores none of them', async () => {
    const site = await ctx.newSite()
    const client = clientFor(site.serverKey)
    const ordinary = { content: 'A perfectly ordinary remark about the article, nothing more to it.' }
    expect(await client.checkSpam(aReader({ ...ordinary, name: 'akismet-guaranteed-spam' }))).toBe(true)
    expect(
      await client.checkSpam(aReader({ ...ordinary, email: 'akismet-guaranteed-spam@example.com' })),
    ).toBe(true)
    expect(await client.checkSpam(aReader({ ...ordinary, name: 'viagra-test-123' }))).toBe(true)
    expect(await storedCount(site)).toBe(0)
  })

  it('answers false for an administrator whatever the content, and keeps the comment approved', async () => {
    const site = await ctx.newSite()
    const client = clientFor(site.serverKey)
    expect(await client.checkSpam(aReader({ content: spamTexts.casino, role: 'administrator' }))).toBe(false)
    const stored = await storedWith(site, spamTexts.casino)
    expect(stored).toMatchObject({ status: 'approved', source: 'akismet' })
    expect(stored.reasons[0]).toMatchObject({ rule: 'site-administrator', score: 0 })
    expect(await storedCount(site)).toBe(1)
  })

  it('isTest: answers as it would otherwise, and stores nothing', async () => {
    const site = await ctx.newSite()
    const client = clientFor(site.serverKey)
    expect(await client.checkSpam(aReader({ content: spamTexts.casino, isTest: true }))).toBe(true)
    expect(await client.checkSpam(aReader({ content: hamTexts.french, isTest: true }))).toBe(false)
    await expect(
      client.submitSpam(aReader({ content: hamTexts.english, isTest: true })),
    ).resolves.toBeTruthy()
    expect(await storedCount(site)).toBe(0)
  })

  it('submitSpam and submitHam resolve; the server answers them with the Thanks sentence', async () => {
    const site = await ctx.newSite()
    const client = clientFor(site.serverKey)
    const comment = aReader({ content: hamTexts.russian })
    expect(await client.checkSpam(comment)).toBe(false)
    // akismet-api resolves with superagent's response without looking at it: the body is checked here.
    const spam = (await client.submitSpam(comment)) as unknown as { status: number; text: string }
    expect(spam).toMatchObject({ status: 200, text: THANKS })
    const ham = (await client.submitHam(comment)) as unknown as { status: number; text: string }
    expect(ham).toMatchObject({ status: 200, text: THANKS })
    const stored = await storedWith(site, hamTexts.russian)
    expect(
      stored.history.map((event: Body) => `${event.action}:${event.fromStatus}→${event.toStatus}`),
    ).toEqual([
      'submit:null→approved',
      'akismet-submit-spam:approved→spam',
      'akismet-submit-ham:spam→approved',
    ])
  })
})

describe('reports teach Vigil, as moderators do', () => {
  // Promotion that no rule catches: approved at first.
  const watchTexts = [
    'Best deals on luxury watches this week, visit our watch shop for prices',
    'Great prices on luxury watches at our shop, the best watch deals online',
    'Luxury watches at the best prices, our watch shop has deals every week',
    'Our shop sells luxury watches at unbeatable prices, best deals this month',
  ]
  const nextWatchText = 'Luxury watch deals at our shop this week, the best prices on watches'
  const readersHam = [
    'The council vote on the new tram line was closer than the article suggests.',
    'My grandmother remembers the same debate about the bridge back in the seventies.',
    'Thanks for covering the school closures, parents here had heard nothing official.',
    'The interview with the harbour workers was the most useful part of this report.',
  ]

  it('submitSpam: after a few reports, a new comment like them is no longer approved', async () => {
    const site = await ctx.newSite()
    // Learning is trusted once the site has this many of each class (4 of each makes it fully trusted).
    await expectStatus(
      ctx.request('PATCH', `/v1/sites/${site.id}/settings`, { body: { learningMinMessages: 1 } }),
      200,
    )
    const client = clientFor(site.serverKey)
    const probe = aReader({ content: nextWatchText })
    const untaught = await rawCheck(site.serverKey, { ...probe, isTest: true })
    expect(untaught).toMatchObject({ body: 'false', score: 0 })

    // Readers' comments the site confirms as ham, and the promotion it reports as missed spam.
    for (const content of readersHam) {
      const comment = aReader({ content })
      expect(await client.checkSpam(comment)).toBe(false)
      await client.submitHam(comment)
    }
    const first = aReader({ content: watchTexts[0] ?? '' })
    const firstCheck = await rawCheck(site.serverKey, first)
    expect(firstCheck).toMatchObject({ body: 'false', status: 'approved' })
    const reported = [first]
    for (const content of watchTexts.slice(1)) {
      const comment = aReader({ content })
      expect(await client.checkSpam(comment)).toBe(false)
      reported.push(comment)
    }
    for (const comment of reported) await client.submitSpam(comment)
    expect((await detail(site, firstCheck.guid)).status).toBe('spam')
    for (const content of watchTexts) expect((await storedWith(site, content)).status).toBe('spam')

    // The same probe, from the same new reader, now hears what the reports taught: enough to mark it spam.
    const taught = await rawCheck(site.serverKey, { ...probe, isTest: true })
    expect(learnedPoints(taught.reasons)).toBeGreaterThanOrEqual(2)
    expect(taught.score).toBeGreaterThanOrEqual(2)

    // Sent for real: akismet-api hears `true`, and the moderators find it marked spam, because of learning.
    expect(await client.checkSpam(probe)).toBe(true)
    const stored = await storedWith(site, nextWatchText)
    expect(stored.status).toBe('spam')
    const learned = stored.reasons.find((reason: Body) => reason.rule === 'learned')
    expect(learned?.score).toBeGreaterThan(0)
    expect(learned?.detail).toContain("this site's moderators")

    // A comment like it that Vigil only holds would still be no ham: Vigil's own header says which.
    const another = await rawCheck(
      site.serverKey,
      aReader({
        content: 'This week only: deals on luxury watches, visit our watch shop for the best prices',
      }),
    )
    expect(['pending', 'spam']).toContain(another.status)
    expect(learnedPoints(another.reasons)).toBeGreaterThan(0)
    expect((await detail(site, another.guid)).status).toBe(another.status)
  })

  it('submitHam on a comment Vigil marked spam approves it, once however often it is sent', async () => {
    const site = await ctx.newSite()
    const client = clientFor(site.serverKey)
    const comment = aReader({ content: spamTexts.casino })
    expect(await client.checkSpam(comment)).toBe(true)
    const before = await storedWith(site, spamTexts.casino)
    expect(before.status).toBe('spam')

    await client.submitHam(comment)
    await client.submitHam(comment)

    const after = await detail(site, before.id)
    expect(after.status).toBe('approved')
    expect(
      after.history.map((event: Body) => `${event.action}:${event.fromStatus}→${event.toStatus}`),
    ).toEqual(['submit:null→spam', 'akismet-submit-ham:spam→approved'])
    expect(await storedCount(site)).toBe(1)
    // The client, checking the same comment again, hears the site's decision.
    expect(await client.checkSpam(comment)).toBe(false)
  })
})
