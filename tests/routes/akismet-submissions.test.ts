import { describe, expect, it } from 'vitest'
import { ordinaryComments } from '../helpers/app.js'
import { expectNoFailureHeaders, expectPlain, submissionsOf, THANKS } from './akismet-answers.js'
import { type Fields, honeypotFilled, useAkismetApp } from './akismet-client.js'

// A report that a comment was spam or ham finds the check it is about (by its guid, or by IP, e-mail and text),
// and never a comment of another kind.

const { ctx, akismet, aCheck, moderatorView, storedComments } = useAkismetApp()

describe('POST /1.1/submit-spam and /1.1/submit-ham', () => {
  it('matches a check by its guid, marks it spam and records the submission in its history', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site)
    const check = await akismet('/1.1/comment-check', fields)
    const guid = check.headers.get('x-akismet-guid') ?? ''
    const response = await akismet('/1.1/submit-spam', { ...fields, guid })
    await expectPlain(response, THANKS)
    expectNoFailureHeaders(response)
    const stored = await moderatorView(site, guid)
    expect(stored.status).toBe('spam')
    expect(stored.history.at(-1)).toMatchObject({
      action: 'akismet-submit-spam',
      fromStatus: 'approved',
      toStatus: 'spam',
    })
    expect(submissionsOf(stored)).toEqual(['akismet-submit-spam'])
    await expectPlain(await akismet('/1.1/comment-check', fields), 'true')
  })

  it('matches a check by its guid alone, whatever else the submission says', async () => {
    const site = await ctx.newSite()
    const check = await akismet('/1.1/comment-check', aCheck(site))
    const guid = check.headers.get('x-akismet-guid') ?? ''
    await expectPlain(await akismet('/1.1/submit-spam', aCheck(site, { guid })), THANKS)
    expect((await moderatorView(site, guid)).status).toBe('spam')
    expect(await storedComments(site)).toHaveLength(1)
  })

  it('never decides, by its guid, a comment that came in by the v1 API', async () => {
    const site = await ctx.newSite()
    const posted = await ctx.submit(site, { content: ordinaryComments[3] })
    const response = await akismet('/1.1/submit-spam', aCheck(site, { guid: posted.id }))
    await expectPlain(response, THANKS)
    expect((await moderatorView(site, posted.id)).status).toBe(posted.status)
  })

  it('matches a check without its guid by user_ip, content and e-mail', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site)
    const other = await akismet('/1.1/comment-check', aCheck(site))
    const check = await akismet('/1.1/comment-check', fields)
    const guid = check.headers.get('x-akismet-guid') ?? ''
    // Only what Akismet asks a client to repeat: the IP, the content and the e-mail.
    const submission: Fields = { api_key: site.serverKey }
    for (const name of ['user_ip', 'comment_content', 'comment_author_email']) {
      submission[name] = fields[name] ?? ''
    }
    await expectPlain(await akismet('/1.1/submit-spam', submission), THANKS)
    expect((await moderatorView(site, guid)).status).toBe('spam')
    expect((await moderatorView(site, other.headers.get('x-akismet-guid') ?? '')).status).toBe('approved')
    expect(await storedComments(site)).toHaveLength(2)
  })

  it('refuses a submission with neither guid nor usable user_ip, as a check without user_ip is refused', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site)
    const check = await akismet('/1.1/comment-check', fields)
    const guid = check.headers.get('x-akismet-guid') ?? ''
    const { user_ip: _, ...withoutIp } = fields
    for (const [path, body] of [
      ['/1.1/submit-spam', withoutIp],
      ['/1.1/submit-ham', withoutIp],
      ['/1.1/submit-spam', { ...withoutIp, guid: '0190b8a4-0000-7000-8000-000000000000' }],
    ] as const) {
      const response = await akismet(path, body)
      await expectPlain(response, 'Missing required field: user_ip.')
      expect(response.headers.get('x-akismet-debug-help')).toMatch(/user_ip/)
    }
    const invalid = await akismet('/1.1/submit-spam', { ...fields, user_ip: 'not-an-ip' })
    await expectPlain(invalid, 'Invalid field: user_ip.')
    expect((await moderatorView(site, guid)).status).toBe('approved')
    expect(await storedComments(site)).toHaveLength(1)
  })

  it('matches a check by its guid even without user_ip', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site)
    const check = await akismet('/1.1/comment-check', fields)
    const guid = check.headers.get('x-akismet-guid') ?? ''
    const { user_ip: _, ...withoutIp } = fields
    await expectPlain(await akismet('/1.1/submit-spam', { ...withoutIp, guid }), THANKS)
    expect((await moderatorView(site, guid)).status).toBe('spam')
  })

  it('without an e-mail, matches only a check that had none', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site)
    const check = await akismet('/1.1/comment-check', fields)
    const guid = check.headers.get('x-akismet-guid') ?? ''
    const { comment_author_email: _, ...withoutEmail } = fields
    await expectPlain(await akismet('/1.1/submit-spam', withoutEmail), THANKS)
    expect((await moderatorView(site, guid)).status).toBe('approved')
    const stored = await storedComments(site)
    expect(stored).toHaveLength(2)
    expect(stored.find((comment) => comment.id !== guid)).toMatchObject({
      status: 'spam',
      author: { email: null },
    })
  })

  it('matches the article when the submission names one', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site)
    const elsewhere = { ...fields, permalink: 'https://blog.example/2026/11/other-post/' }
    const here = await akismet('/1.1/comment-check', fields)
    ctx.clock.advance(60_000)
    const there = await akismet('/1.1/comment-check', elsewhere)
    expect(there.headers.get('x-akismet-guid')).not.toBe(here.headers.get('x-akismet-guid'))
    await expectPlain(await akismet('/1.1/submit-spam', fields), THANKS)
    expect((await moderatorView(site, here.headers.get('x-akismet-guid') ?? '')).status).toBe('spam')
    expect((await moderatorView(site, there.headers.get('x-akismet-guid') ?? '')).status).toBe('approved')
  })

  it('matches a check on another article when none is on the one named: the permalink changed since the check', async () => {
    // WordPress reports with the post's permalink as it is now, Discourse with a topic URL whose slug follows
    // the title: an edited slug must not turn the report into a second comment, stored and counted apart.
    const site = await ctx.newSite()
    const fields = aCheck(site, { permalink: 'https://forum.example/t/old-title/123/4' })
    const check = await akismet('/1.1/comment-check', fields)
    const guid = check.headers.get('x-akismet-guid') ?? ''
    const renamed = { ...fields, permalink: 'https://forum.example/t/new-title/123/4' }
    await expectPlain(await akismet('/1.1/submit-spam', renamed), THANKS)
    const stored = await storedComments(site)
    expect(stored.map((comment) => comment.id)).toEqual([guid])
    expect(stored[0]).toMatchObject({ status: 'spam' })
    expect(submissionsOf(await moderatorView(site, guid))).toEqual(['akismet-submit-spam'])
  })

  it('approves a spam check on submit-ham and records it', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site, honeypotFilled)
    const check = await akismet('/1.1/comment-check', fields)
    await expectPlain(check, 'true')
    const guid = check.headers.get('x-akismet-guid') ?? ''
    await expectPlain(await akismet('/1.1/submit-ham', fields), THANKS)
    const stored = await moderatorView(site, guid)
    expect(stored.status).toBe('approved')
    expect(submissionsOf(stored)).toEqual(['akismet-submit-ham'])
  })

  it('is idempotent: the same submission twice changes the comment once', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site)
    const check = await akismet('/1.1/comment-check', fields)
    const guid = check.headers.get('x-akismet-guid') ?? ''
    await expectPlain(await akismet('/1.1/submit-spam', fields), THANKS)
    await expectPlain(await akismet('/1.1/submit-spam', fields), THANKS)
    const stored = await moderatorView(site, guid)
    expect(stored.status).toBe('spam')
    expect(submissionsOf(stored)).toEqual(['akismet-submit-spam'])
  })

  it('stores a submission about a comment never checked, then decides it', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site)
    await expectPlain(await akismet('/1.1/submit-spam', fields), THANKS)
    const stored = await storedComments(site)
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({ status: 'spam', source: 'akismet', content: fields.comment_content })
    const detail = await moderatorView(site, stored[0]?.id)
    expect(submissionsOf(detail)).toEqual(['akismet-submit-spam'])
  })

  it('stores and decides once a report about a comment never checked, sent twice at once (a retry)', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site)
    const answers = await Promise.all([1, 2].map(() => akismet('/1.1/submit-spam', fields)))
    for (const answer of answers) await expectPlain(answer, THANKS)
    const stored = await storedComments(site)
    expect(stored).toHaveLength(1)
    expect(submissionsOf(await moderatorView(site, stored[0]?.id))).toEqual(['akismet-submit-spam'])
  })

  it('thanks an is_test submission but changes and stores nothing', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site)
    const check = await akismet('/1.1/comment-check', fields)
    const guid = check.headers.get('x-akismet-guid') ?? ''
    await expectPlain(await akismet('/1.1/submit-spam', { ...fields, is_test: '1' }), THANKS)
    await expectPlain(await akismet('/1.1/submit-ham', aCheck(site, { is_test: 'true' })), THANKS)
    // A test call is thanked whatever it lacks, without the debug header some clients throw on.
    const { user_ip: _, ...withoutIp } = aCheck(site, { is_test: '1' })
    const bare = await akismet('/1.1/submit-spam', withoutIp)
    await expectPlain(bare, THANKS)
    expect(bare.headers.get('x-akismet-debug-help')).toBeNull()
    const stored = await moderatorView(site, guid)
    expect(stored.status).toBe('approved')
    expect(submissionsOf(stored)).toEqual([])
    expect(await storedComments(site)).toHaveLength(1)
  })

  it('answers invalid, with a debug-help header, to a bad key', async () => {
    const site = await ctx.newSite()
    for (const path of ['/1.1/submit-spam', '/1.1/submit-ham']) {
      const response = await akismet(path, aCheck(site, { api_key: 'zzzzzz999999' }))
      await expectPlain(response, 'invalid')
      expect(response.headers.get('x-akismet-debug-help')).toEqual(expect.any(String))
    }
    expect(await storedComments(site)).toEqual([])
  })
})
