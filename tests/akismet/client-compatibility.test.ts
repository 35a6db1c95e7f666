import http from 'node:http'
import type { AkismetClient } from 'akismet-api'
import { describe, expect, it } from 'vitest'
import type { Body } from '../helpers/app.js'
import { loopbackLookup } from '../helpers/loopback-dns.js'
import { BLOG, hamTexts, port, spamTexts, THANKS, useAkismetServer } from './client-server.js'

/** The unchanged npm client `akismet-api` v6 against Vigil: every call it makes, answered as Akismet would. */

const { ctx, clientFor, aReader, queue, storedCount, detail, storedWith } = useAkismetServer()

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

  it('answers false for an administrator among several roles, which the client sends as user_role[0], [1]', async () => {
    const site = await ctx.newSite()
    const client = clientFor(site.serverKey)
    // Its types say a string; an array is encoded all the same, as the form's indexed fields.
    const roles = ['editor', 'administrator'] as unknown as string
    expect(await client.checkSpam(aReader({ content: spamTexts.casino, role: roles }))).toBe(false)
    const stored = await storedWith(site, spamTexts.casino)
    expect(stored.reasons[0]).toMatchObject({ rule: 'site-administrator' })
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
