import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { AkismetClient } from 'akismet-api'
import { afterAll, beforeAll, expect } from 'vitest'
import { type Body, expectStatus, json, type TestSite, useTestApp } from '../helpers/app.js'
import { resolveLocalhostSubdomains } from '../helpers/loopback-dns.js'

/**
 * The unchanged npm client `akismet-api` v6 against Vigil listening on 127.0.0.1. The client puts the key in the
 * host name (`http://<key>.localhost:<port>/1.1/comment-check`), which this machine does not resolve: the test
 * process resolves `*.localhost` itself (tests/helpers/loopback-dns.ts).
 */

export const BLOG = 'https://www.example.fr'
export const THANKS = 'Thanks for making the web a better place.'

/** The port the app listens on, once the `beforeAll` of `useAkismetServer` has run. */
export let port = 0

/**
 * The test file's app (`useTestApp`) listening on 127.0.0.1, clients of it, and what a moderator of a site then
 * sees: its stored comments.
 */
export function useAkismetServer() {
  const ctx = useTestApp()

  let server: ReturnType<typeof serve>
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

  return { ctx, clientFor, aReader, rawCheck, queue, storedCount, detail, storedWith }
}

/** The points the learned model gave, from `X-Vigil-Reasons` (`rule=points, …`); 0 when it said nothing. */
export const learnedPoints = (reasons: string) => Number(/(?:^|, )learned=(-?[\d.]+)/.exec(reasons)?.[1] ?? 0)

export const spamTexts = {
  casino:
    'Online casino bonus! Claim your no deposit bonus now at https://bit.ly/casino-bonus and ' +
    'https://casino-bonus.example/free and https://slots.example/promo',
  recovery:
    'Great article! I lost $40,000 to a fake broker and a crypto recovery expert helped me recover my lost ' +
    'bitcoin. Contact him on WhatsApp +1 (555) 013-4567 or https://bit.ly/recover-funds',
}

export const hamTexts = {
  english: 'I really enjoyed this analysis of the housing market, the charts were very helpful.',
  french: 'Merci pour cet article très clair sur la réforme des retraites.',
  russian: 'Спасибо за статью, очень подробный разбор городского бюджета и новых налогов.',
  korean: '기사 잘 읽었습니다. 지방 선거 결과에 대한 분석이 특히 흥미로웠어요.',
}
