import { describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, type Body, json, type TestSite } from '../helpers/app.js'
import { expectNoFailureHeaders, expectPlain, THANKS } from './akismet-answers.js'
import { type Fields, honeypotFilled, useAkismetApp } from './akismet-client.js'

// What a key's holder asks of the Akismet API about the key itself: is it valid, how much is it used, and where.

const { ctx, akismet, aCheck } = useAkismetApp()

describe('POST /1.1/verify-key', () => {
  it('answers valid for a server key sent as key or as api_key', async () => {
    const site = await ctx.newSite()
    for (const name of ['key', 'api_key']) {
      const response = await akismet('/1.1/verify-key', {
        [name]: site.serverKey,
        blog: 'https://blog.example',
      })
      await expectPlain(response, 'valid')
      expectNoFailureHeaders(response)
    }
  })

  it('answers valid for a key written in capitals, as a client may send it', async () => {
    const site = await ctx.newSite()
    await expectPlain(await akismet('/1.1/verify-key', { key: site.serverKey.toUpperCase() }), 'valid')
  })

  it('answers invalid, with a debug-help header, for an unknown key, a moderator key and no key', async () => {
    const site = await ctx.newSite()
    const bodies: Fields[] = [
      { key: 'zzzzzz999999' },
      { api_key: site.moderatorKey },
      { key: site.moderatorKey },
      {},
    ]
    for (const body of bodies) {
      const response = await akismet('/1.1/verify-key', { blog: 'https://blog.example', ...body })
      await expectPlain(response, 'invalid')
      expect(response.headers.get('x-akismet-debug-help')).toEqual(expect.any(String))
    }
  })

  // WordPress verifies the key typed in `key` and appends the key it has stored as `api_key`: a typo made while
  // replacing a live key must be called invalid, or the plugin saves it and every later check fails.
  it('verifies the key in `key` alone when the call also sends api_key, and so does get-subscription', async () => {
    const [site, other] = [await ctx.newSite(), await ctx.newSite()]
    const typo = `${site.serverKey.slice(0, -1)}${site.serverKey.endsWith('0') ? '1' : '0'}`
    for (const path of ['/1.1/verify-key', '/1.1/get-subscription']) {
      const response = await akismet(path, { key: typo, api_key: site.serverKey })
      await expectPlain(response, 'invalid')
    }
    await expectPlain(
      await akismet('/1.1/verify-key', { key: other.serverKey, api_key: site.serverKey }),
      'valid',
    )
    // A site switching from Akismet: its stored key is Akismet's, unknown here.
    await expectPlain(
      await akismet('/1.1/verify-key', { key: site.serverKey, api_key: 'a1b2c3d4e5f6' }),
      'valid',
    )
  })

  it('answers invalid for a server key once it is revoked', async () => {
    const site = await ctx.newSite()
    await expectPlain(await akismet('/1.1/verify-key', { key: site.serverKey }), 'valid')
    const keys = await json(ctx.request('GET', `/v1/sites/${site.id}/keys`))
    const server = keys.items.find((key: Body) => key.role === 'server')
    const revoked = await ctx.request('DELETE', `/v1/sites/${site.id}/keys/${server.id}`)
    expect(revoked.status).toBe(200)
    const response = await akismet('/1.1/verify-key', { key: site.serverKey })
    await expectPlain(response, 'invalid')
    expect(response.headers.get('x-akismet-debug-help')).toEqual(expect.any(String))
    await expectPlain(await akismet('/1.1/comment-check', aCheck(site)), 'invalid')
  })

  it('answers invalid to the admin token used as a key', async () => {
    await expectPlain(await akismet('/1.1/verify-key', { key: ADMIN_TOKEN }), 'invalid')
  })

  it('takes api_key from the query string when the body has none', async () => {
    const site = await ctx.newSite()
    const path = `/1.1/verify-key?api_key=${site.serverKey}`
    await expectPlain(await akismet(path, { blog: 'https://blog.example' }), 'valid')
    const { api_key: _, ...fields } = aCheck(site)
    await expectPlain(await akismet(`/1.1/comment-check?api_key=${site.serverKey}`, fields), 'false')
    // As the README's WordPress plugin passes on a key an older plugin named only in the host.
    await expectPlain(await akismet(`/1.1/comment-check?key=${site.serverKey}`, fields), 'false')
  })

  it("prefers the body's api_key to the query string's", async () => {
    const site = await ctx.newSite()
    const path = `/1.1/verify-key?api_key=${site.serverKey}`
    await expectPlain(await akismet(path, { api_key: 'zzzzzz999999' }), 'invalid')
  })
})

describe('/1.2/usage-limit', () => {
  it("counts this month's checks, with no limit, by GET or POST", async () => {
    const site = await ctx.newSite()
    await akismet('/1.1/comment-check', aCheck(site))
    await akismet('/1.1/comment-check', aCheck(site, honeypotFilled))
    await akismet('/1.1/comment-check', aCheck(site, { is_test: '1' }))
    const expected = { limit: 'none', usage: 2, percentage: '0.00', throttled: false }
    const byGet = await akismet(`/1.2/usage-limit?api_key=${site.serverKey}`, '', { method: 'GET' })
    expect(byGet.status).toBe(200)
    expect(byGet.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await byGet.json()).toEqual(expected)
    expect(await json(akismet('/1.2/usage-limit', { api_key: site.serverKey }))).toEqual(expected)
    expect(await json(akismet(`/1.2/usage-limit?api_key=${site.serverKey}`))).toEqual(expected)
  })

  it('answers text invalid to a bad key', async () => {
    const get = await akismet('/1.2/usage-limit?api_key=zzzzzz999999', '', { method: 'GET' })
    await expectPlain(get, 'invalid')
    await expectPlain(await akismet('/1.2/usage-limit', { api_key: 'zzzzzz999999' }), 'invalid')
    await expectPlain(await akismet('/1.2/usage-limit', '', { method: 'GET' }), 'invalid')
  })
})

describe('/1.2/key-sites', () => {
  /**
   * blog a: three checks, one reported as missed spam, one blatant spam reported as a false positive;
   * blog b: two blatant spam checks.
   */
  async function siteWithActivity() {
    const site = await ctx.newSite()
    const a = 'https://a.example'
    const b = 'https://b.example'
    const missed = aCheck(site, { blog: a })
    await akismet('/1.1/comment-check', missed)
    await akismet('/1.1/comment-check', aCheck(site, { blog: a }))
    const falsePositive = aCheck(site, { blog: a, ...honeypotFilled })
    await akismet('/1.1/comment-check', falsePositive)
    await akismet('/1.1/comment-check', aCheck(site, { blog: b, ...honeypotFilled }))
    await akismet('/1.1/comment-check', aCheck(site, { blog: b, ...honeypotFilled }))
    await expectPlain(await akismet('/1.1/submit-spam', missed), THANKS)
    await expectPlain(await akismet('/1.1/submit-ham', falsePositive), THANKS)
    return site
  }
  const siteA = {
    site: 'https://a.example',
    api_calls: '3',
    spam: '1',
    ham: '2',
    missed_spam: '1',
    false_positives: '1',
    is_revoked: false,
  }
  const siteB = {
    site: 'https://b.example',
    api_calls: '2',
    spam: '2',
    ham: '0',
    missed_spam: '0',
    false_positives: '0',
    is_revoked: false,
  }
  const keySites = (site: TestSite, query = '') =>
    akismet(`/1.2/key-sites?api_key=${site.serverKey}${query}`, '', { method: 'GET' })

  it("counts each blog's checks this month, most calls first", async () => {
    const site = await siteWithActivity()
    const response = await keySites(site)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await response.json()).toEqual({ '2026-11': [siteA, siteB], limit: 500, offset: 0, total: 2 })
  })

  it('counts a check a moderator rejected as spam, as comment-check then answers true', async () => {
    const site = await ctx.newSite()
    const check = await akismet('/1.1/comment-check', aCheck(site, { blog: 'https://r.example' }))
    const guid = check.headers.get('x-akismet-guid') ?? ''
    await ctx.request('POST', `/v1/sites/${site.id}/comments/${guid}/reject`, { token: site.moderatorKey })
    const answer = await json(keySites(site))
    expect(answer['2026-11']).toEqual([
      { ...siteB, site: 'https://r.example', api_calls: '1', spam: '1', ham: '0' },
    ])
  })

  it('counts reports on a rejected check as it answers for one (spam): ham reported is a false positive, spam is no miss', async () => {
    const site = await ctx.newSite()
    const rejectedThenHam = aCheck(site, { blog: 'https://r.example' })
    const rejectedThenSpam = aCheck(site, { blog: 'https://r.example' })
    for (const fields of [rejectedThenHam, rejectedThenSpam]) {
      const check = await akismet('/1.1/comment-check', fields)
      const guid = check.headers.get('x-akismet-guid') ?? ''
      await ctx.request('POST', `/v1/sites/${site.id}/comments/${guid}/reject`, { token: site.moderatorKey })
    }
    await expectPlain(await akismet('/1.1/submit-ham', rejectedThenHam), THANKS)
    await expectPlain(await akismet('/1.1/submit-spam', rejectedThenSpam), THANKS)
    const answer = await json(keySites(site))
    expect(answer['2026-11']).toEqual([
      { ...siteB, site: 'https://r.example', api_calls: '2', spam: '1', ham: '1', false_positives: '1' },
    ])
  })

  it('accepts its parameters in a POST body', async () => {
    const site = await siteWithActivity()
    const body = await json(akismet('/1.2/key-sites', { api_key: site.serverKey, order: 'spam' }))
    expect(body).toEqual({ '2026-11': [siteB, siteA], limit: 500, offset: 0, total: 2 })
  })

  it('orders, filters and pages', async () => {
    const site = await siteWithActivity()
    const sitesOf = async (query: string) =>
      (await json(keySites(site, query)))['2026-11'].map((row: Body) => row.site)
    expect(await sitesOf('&order=spam')).toEqual([siteB.site, siteA.site])
    expect(await sitesOf('&order=ham')).toEqual([siteA.site, siteB.site])
    expect(await sitesOf('&order=missed_spam')).toEqual([siteA.site, siteB.site])
    expect(await sitesOf('&order=false_positives')).toEqual([siteA.site, siteB.site])
    expect(await json(keySites(site, '&filter=B.EXAMPLE'))).toEqual({
      '2026-11': [siteB],
      limit: 500,
      offset: 0,
      total: 1,
    })
    expect(await json(keySites(site, '&limit=1'))).toEqual({
      '2026-11': [siteA],
      limit: 1,
      offset: 0,
      total: 2,
    })
    expect(await json(keySites(site, '&limit=1&offset=1'))).toEqual({
      '2026-11': [siteB],
      limit: 1,
      offset: 1,
      total: 2,
    })
  })

  it('answers for another month, empty when nothing was checked then', async () => {
    const site = await siteWithActivity()
    expect(await json(keySites(site, '&month=2026-10'))).toEqual({
      '2026-10': [],
      limit: 500,
      offset: 0,
      total: 0,
    })
    expect(await json(keySites(site, '&month=2026-11'))).toMatchObject({ total: 2 })
  })

  it('writes CSV on request: a title line, a header, one row per blog', async () => {
    const site = await siteWithActivity()
    const response = await keySites(site, '&format=csv')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/)
    const lines = (await response.text()).trimEnd().split('\n')
    expect(lines).toEqual([
      `Active sites for ${site.serverKey} during 2026-11 (limit: 500, offset: 0, total: 2).`,
      'Site,Total API Calls,Spam,Ham,Missed Spam,False Positives,Is Revoked',
      'https://a.example,3,1,2,1,1,false',
      'https://b.example,2,2,0,0,0,false',
    ])
  })

  it('writes a blog a check named as text a spreadsheet will not run, but as sent in JSON', async () => {
    const site = await ctx.newSite()
    const blog = '=HYPERLINK("https://evil.example","Click")'
    await expectPlain(await akismet('/1.1/comment-check', aCheck(site, { blog })), 'false')
    const lines = (await (await keySites(site, '&format=csv')).text()).trimEnd().split('\n')
    expect(lines[2]).toBe(`"'=HYPERLINK(""https://evil.example"",""Click"")",1,0,1,0,0,false`)
    expect((await json(keySites(site)))['2026-11'][0].site).toBe(blog)
  })

  // Not `invalid`, which clients read as a bad key (the Python client raises APIKeyError on it anywhere).
  it.each([
    ['a month that is not YYYY-MM', '&month=november', 'month'],
    ['a month 13', '&month=2026-13', 'month'],
    ['a month of the year 0', '&month=0000-01', 'month'],
    ['a month ending in the year 10000', '&month=9999-12', 'month'],
    ['an unknown order', '&order=newest', 'order'],
    ['a limit of 0', '&limit=0', 'limit or offset'],
    ['a negative offset', '&offset=-1', 'limit or offset'],
  ])('names the bad field, with a debug-help header, for %s', async (_, query, field) => {
    const site = await ctx.newSite()
    const response = await keySites(site, query)
    await expectPlain(response, `Invalid field: ${field}.`)
    expect(response.headers.get('x-akismet-debug-help')).toEqual(expect.any(String))
  })

  it('answers text invalid to a bad key', async () => {
    await expectPlain(await akismet('/1.2/key-sites?api_key=zzzzzz999999', '', { method: 'GET' }), 'invalid')
  })
})
