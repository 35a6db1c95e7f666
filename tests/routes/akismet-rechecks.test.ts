import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { ADMIN_TOKEN, expectStatus } from '../helpers/app.js'
import { expectNoFailureHeaders, expectPlain, submissionsOf, THANKS } from './akismet-answers.js'
import { encodeForm, FORM, honeypotFilled, useAkismetApp } from './akismet-client.js'

// A recheck of the same comment finds the check it is about (by its guid, or by IP, e-mail and text), and never a
// comment of another kind.

const { ctx, akismet, aCheck, moderatorView, storedComments } = useAkismetApp()

describe('POST /1.1/comment-check, about an earlier check', () => {
  it('answers a second check of the same comment with its current status, a moderator decision included', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site)
    const first = await akismet('/1.1/comment-check', fields)
    await expectPlain(first, 'false')
    const guid = first.headers.get('x-akismet-guid') ?? ''
    const again = await akismet('/1.1/comment-check', { ...fields, recheck_reason: 'recheck_queue' })
    await expectPlain(again, 'false')
    expect(again.headers.get('x-akismet-guid')).toBe(guid)

    const decided = await ctx.request('POST', `/v1/sites/${site.id}/comments/${guid}/spam`, {
      token: site.moderatorKey,
    })
    expect(decided.status).toBe(200)
    const recheck = await akismet('/1.1/comment-check', { ...fields, recheck_reason: 'recheck_queue' })
    await expectPlain(recheck, 'true')
    expect(recheck.headers.get('x-akismet-guid')).toBe(guid)
    expectNoFailureHeaders(recheck)
    expect(await storedComments(site)).toHaveLength(1)
  })

  it('stores once, and answers with one guid, the same check sent three times at once (a double click)', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site)
    const answers = await Promise.all([1, 2, 3].map(() => akismet('/1.1/comment-check', fields)))
    for (const answer of answers) await expectPlain(answer, 'false')
    expect(new Set(answers.map((answer) => answer.headers.get('x-akismet-guid'))).size).toBe(1)
    expect(await storedComments(site)).toHaveLength(1)
  })

  it('stores once, and answers with one guid, the same check sent at once to two processes on one database', async () => {
    const site = await ctx.newSite()
    // A second process: its own app, its own checks in flight, the same database.
    const other = createApp({
      db: ctx.database.db,
      config: loadConfig({ ADMIN_TOKEN, NODE_ENV: 'test' }),
      clock: ctx.clock,
    })
    // Each from an address of its own (the IPv6 test addresses share one /64, which counts as one sender).
    const checks = Array.from({ length: 6 }, (_, i) => aCheck(site, { user_ip: `198.51.100.${70 + i}` }))
    const pairs = await Promise.all(
      checks.map((fields) =>
        Promise.all([
          akismet('/1.1/comment-check', fields),
          other.request('/1.1/comment-check', {
            method: 'POST',
            headers: { 'content-type': FORM },
            body: encodeForm(fields),
          }),
        ]),
      ),
    )
    for (const pair of pairs) {
      for (const answer of pair) await expectPlain(answer, 'false')
      expect(pair[0].headers.get('x-akismet-guid')).toBe(pair[1].headers.get('x-akismet-guid'))
    }
    expect(await storedComments(site)).toHaveLength(checks.length)
  })

  it('answers a moderator approval of a spam check with false on the next check', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site, honeypotFilled)
    const first = await akismet('/1.1/comment-check', fields)
    await expectPlain(first, 'true')
    const guid = first.headers.get('x-akismet-guid') ?? ''
    await ctx.request('POST', `/v1/sites/${site.id}/comments/${guid}/approve`, { token: site.moderatorKey })
    const recheck = await akismet('/1.1/comment-check', fields)
    await expectPlain(recheck, 'false')
    expect(recheck.headers.get('x-akismet-guid')).toBe(guid)
  })

  it('stores the same short text from three readers with no name or e-mail, on one page, as three comments', async () => {
    const site = await ctx.newSite()
    const guids = new Set<string>()
    for (const user_ip of ['198.51.100.61', '198.51.100.62', '198.51.100.63']) {
      const fields = aCheck(site, { user_ip, comment_content: 'Merci !' })
      delete fields.comment_author
      delete fields.comment_author_email
      const response = await akismet('/1.1/comment-check', fields)
      expect(response.status).toBe(200)
      guids.add(response.headers.get('x-akismet-guid') ?? '')
    }
    expect(guids.size).toBe(3)
    expect(await storedComments(site)).toHaveLength(3)
  })

  it('hears a check again only with the same name when a name is sent', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site)
    const first = await akismet('/1.1/comment-check', fields)
    const renamed = await akismet('/1.1/comment-check', { ...fields, comment_author: 'Someone Else' })
    expect(renamed.headers.get('x-akismet-guid')).not.toBe(first.headers.get('x-akismet-guid'))
    expect(await storedComments(site)).toHaveLength(2)
  })

  it('never answers with a comment that came in by the v1 API, so a server key cannot decide it', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site, { user_ip: '198.51.100.70' })
    const posted = await ctx.submit(site, {
      articleId: fields.permalink,
      author: { name: fields.comment_author, email: fields.comment_author_email },
      content: fields.comment_content,
      ip: fields.user_ip,
    })
    const check = await akismet('/1.1/comment-check', fields)
    await expectPlain(check, 'false')
    const guid = check.headers.get('x-akismet-guid') ?? ''
    expect(guid).not.toBe(posted.id)
    expect(await moderatorView(site, guid)).toMatchObject({ source: 'akismet' })

    await expectPlain(await akismet('/1.1/submit-spam', { ...fields, guid }), THANKS)
    await expectPlain(await akismet('/1.1/submit-spam', fields), THANKS)
    expect((await moderatorView(site, guid)).status).toBe('spam')
    const v1 = await moderatorView(site, posted.id)
    expect(v1.status).toBe(posted.status)
    expect(submissionsOf(v1)).toEqual([])
  })

  it('learns nothing from a report about a comment whose author had their data erased', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site, { user_ip: '198.51.100.71' })
    const guid = (await akismet('/1.1/comment-check', fields)).headers.get('x-akismet-guid') ?? ''
    // A reply keeps the comment, anonymised, instead of deleting it.
    await ctx.submit(site, { articleId: fields.permalink, parentId: guid })
    await expectStatus(
      ctx.request('POST', `/v1/sites/${site.id}/privacy/erase`, {
        token: site.serverKey,
        body: { email: fields.comment_author_email },
      }),
      200,
    )
    const before = await moderatorView(site, guid)

    await expectPlain(await akismet('/1.1/submit-spam', { ...fields, guid }), THANKS)
    const after = await moderatorView(site, guid)
    expect(after.status).toBe(before.status)
    expect(submissionsOf(after)).toEqual([])
  })
})
