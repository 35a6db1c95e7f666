import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { bayesCorpora } from '../../src/db/schema.js'
import { aComment, type Body, expectStatus, json, ordinaryComments } from '../helpers/app.js'
import { expectNoFailureHeaders, expectPlain, THANKS, UUID } from './akismet-answers.js'
import { encodeForm, honeypotFilled, useAkismetApp } from './akismet-client.js'

// What comment-check answers (true, false, discard, Vigil's own headers) and what it stores.

const { ctx, akismet, aCheck, moderatorView, storedComments } = useAkismetApp()

describe('POST /1.1/comment-check', () => {
  it('answers exactly false for an ordinary comment, with a guid and no failure header', async () => {
    const site = await ctx.newSite()
    const response = await akismet('/1.1/comment-check', aCheck(site))
    await expectPlain(response, 'false')
    expect(response.headers.get('x-akismet-guid')).toMatch(UUID)
    expect(response.headers.get('x-akismet-pro-tip')).toBeNull()
    expectNoFailureHeaders(response)
  })

  it('stores the check in the moderation queue under its guid, with source akismet and the extra fields', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site, {
      comment_author: 'Jeanne Martin',
      comment_author_email: 'jeanne.martin@example.org',
      comment_author_url: 'https://jeanne.example',
      comment_content: 'Le conseil municipal votera le budget des écoles jeudi prochain, selon la mairie.',
      user_ip: '203.0.113.77',
      referrer: 'https://blog.example/',
      blog_lang: 'fr_FR',
      comment_context: ['politique', 'europe'],
      POST_ak_js: '1764331200123',
      HTTP_ACCEPT_LANGUAGE: 'fr-FR,fr;q=0.9',
    })
    const response = await akismet('/1.1/comment-check', fields)
    await expectPlain(response, 'false')
    const guid = response.headers.get('x-akismet-guid') ?? ''
    const stored = await moderatorView(site, guid)
    expect(stored).toMatchObject({
      id: guid,
      source: 'akismet',
      status: 'approved',
      articleId: 'https://blog.example/2026/11/post/',
      articleUrl: 'https://blog.example/2026/11/post/',
      author: { name: 'Jeanne Martin', email: 'jeanne.martin@example.org', url: 'https://jeanne.example' },
      content: 'Le conseil municipal votera le budget des écoles jeudi prochain, selon la mairie.',
      ip: '203.0.113.77',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
      referrer: 'https://blog.example/',
    })
    expect(stored.extra).toEqual({
      blog: 'https://blog.example',
      comment_type: 'comment',
      comment_context: ['politique', 'europe'],
      POST_ak_js: '1764331200123',
      HTTP_ACCEPT_LANGUAGE: 'fr-FR,fr;q=0.9',
    })
  })

  it("never publishes a check on the article's public page: a contact-form message stays with the moderators", async () => {
    const site = await ctx.newSite()
    const contact = 'https://blog.example/contact/'
    const message = 'Bonjour, je souhaite résilier mon abonnement, mon numéro client est le 4471.'
    for (const [permalink, content] of [
      [contact, message],
      ['https://blog.example/2026/11/post/', 'Merci pour cet article, très clair sur le budget.'],
    ] as const) {
      const response = await akismet(
        '/1.1/comment-check',
        aCheck(site, { permalink, comment_type: 'contact-form', comment_content: content }),
      )
      await expectPlain(response, 'false')
      expect((await moderatorView(site, response.headers.get('x-akismet-guid') ?? '')).status).toBe(
        'approved',
      )
    }
    // The page any reader can fetch, without a key, for every article the checks named.
    for (const article of [contact, 'https://blog.example/2026/11/post/']) {
      const path = `/v1/sites/${site.id}/articles/${encodeURIComponent(article)}/comments`
      const page = await json(expectStatus(ctx.request('GET', path, { token: null }), 200))
      expect(page.items).toEqual([])
    }
  })

  it('takes no reply from an article page to a check, which no reader was shown', async () => {
    const site = await ctx.newSite()
    const post = 'https://blog.example/2026/11/post/'
    const response = await akismet('/1.1/comment-check', aCheck(site, { permalink: post }))
    await expectPlain(response, 'false')
    const guid = response.headers.get('x-akismet-guid') ?? ''
    expect((await moderatorView(site, guid)).status).toBe('approved')
    const reply = { ...aComment({ articleId: post }), parentId: guid }
    const refused = await ctx.request('POST', `/v1/sites/${site.id}/comments`, { token: null, body: reply })
    // The answer for an id that names nothing: the reader learns nothing of the check.
    expect(refused.status).toBe(400)
    expect(await refused.json()).toMatchObject({ errors: [{ path: 'parentId' }] })
  })

  it("gives Vigil's status, score and reasons in headers of its own", async () => {
    const site = await ctx.newSite()
    const ham = await akismet('/1.1/comment-check', aCheck(site))
    expect(ham.headers.get('x-vigil-status')).toBe('approved')
    expect(Number(ham.headers.get('x-vigil-score'))).toEqual(expect.any(Number))
    const spam = await akismet('/1.1/comment-check', aCheck(site, honeypotFilled))
    expect(spam.headers.get('x-vigil-status')).toBe('spam')
    expect(Number(spam.headers.get('x-vigil-score'))).toBeGreaterThanOrEqual(10)
    expect(spam.headers.get('x-vigil-reasons')).toMatch(/(^|, )honeypot=10(,|$)/)
  })

  it('answers true with X-akismet-pro-tip: discard for blatant spam (a filled honeypot)', async () => {
    const site = await ctx.newSite()
    const response = await akismet('/1.1/comment-check', aCheck(site, honeypotFilled))
    await expectPlain(response, 'true')
    expect(response.headers.get('x-akismet-pro-tip')).toBe('discard')
    expect(response.headers.get('x-akismet-guid')).toMatch(UUID)
    expectNoFailureHeaders(response)
    const stored = await moderatorView(site, response.headers.get('x-akismet-guid') ?? '')
    expect(stored).toMatchObject({ status: 'spam', source: 'akismet' })
  })

  it('answers true without discard for spam that is not blatant', async () => {
    const site = await ctx.newSite()
    // "Best online casino bonus" weighs exactly the spam-phrases weight: 6 is spam, far from 3 × 5.
    const patched = await ctx.request('PATCH', `/v1/sites/${site.id}/settings`, {
      body: { weights: { 'spam-phrases': 6 } },
    })
    expect(patched.status).toBe(200)
    const response = await akismet(
      '/1.1/comment-check',
      aCheck(site, { comment_content: 'Best online casino bonus here' }),
    )
    await expectPlain(response, 'true')
    expect(response.headers.get('x-akismet-pro-tip')).toBeNull()
    expect(response.headers.get('x-vigil-status')).toBe('spam')
    expectNoFailureHeaders(response)
  })

  it('answers false for a comment held for a moderator, and says so in X-Vigil-Status', async () => {
    const site = await ctx.newSite()
    const response = await akismet(
      '/1.1/comment-check',
      aCheck(site, { comment_content: 'Voir https://a.example/rapport et https://b.example/synthese' }),
    )
    await expectPlain(response, 'false')
    expect(response.headers.get('x-vigil-status')).toBe('pending')
    expect(response.headers.get('x-akismet-pro-tip')).toBeNull()
  })

  it.each([
    ['comment_author=akismet-guaranteed-spam', { comment_author: 'akismet-guaranteed-spam' }],
    ['comment_author=viagra-test-123', { comment_author: 'viagra-test-123' }],
    [
      'comment_author_email=akismet-guaranteed-spam@example.com',
      { comment_author_email: 'akismet-guaranteed-spam@example.com' },
    ],
  ])('always answers true for %s', async (_, overrides) => {
    const site = await ctx.newSite()
    const response = await akismet('/1.1/comment-check', aCheck(site, overrides))
    await expectPlain(response, 'true')
    expect(response.headers.get('x-akismet-guid')).toMatch(UUID)
    expectNoFailureHeaders(response)
  })

  it('always answers false for a role list naming administrator, even with a filled honeypot', async () => {
    const site = await ctx.newSite()
    for (const role of ['administrator', 'editor,administrator', 'administrator,editor']) {
      const response = await akismet(
        '/1.1/comment-check',
        aCheck(site, { ...honeypotFilled, user_role: role }),
      )
      await expectPlain(response, 'false')
      expect(response.headers.get('x-akismet-guid')).toMatch(UUID)
      expect(response.headers.get('x-akismet-pro-tip')).toBeNull()
    }
  })

  it('reads a role list sent as an array in every form (akismet-api sends role: [...] as user_role[0], [1]...)', async () => {
    const site = await ctx.newSite()
    const check = () => aCheck(site, honeypotFilled)
    const bodies = [
      encodeForm({ ...check(), user_role: ['editor', 'administrator'] }),
      `${encodeForm(check())}&user_role%5B%5D=editor&user_role%5B%5D=administrator`,
      `${encodeForm(check())}&user_role=editor&user_role=administrator`,
      `${encodeForm(check())}&user_role[0]=subscriber&user_role[1]=editor,administrator`,
    ]
    for (const body of bodies) {
      const response = await akismet('/1.1/comment-check', body)
      await expectPlain(response, 'false')
      const stored = await moderatorView(site, response.headers.get('x-akismet-guid') ?? '')
      expect(stored.reasons[0]).toMatchObject({ rule: 'site-administrator' })
    }
  })

  it("stores an administrator's comment approved, saying why, and learns from it only once a moderator decides", async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site, { ...honeypotFilled, user_role: 'administrator' })
    const response = await akismet('/1.1/comment-check', fields)
    await expectPlain(response, 'false')
    expectNoFailureHeaders(response)
    const guid = response.headers.get('x-akismet-guid') ?? ''
    const stored = await moderatorView(site, guid)
    expect(stored).toMatchObject({ status: 'approved', source: 'akismet', content: fields.comment_content })
    expect(stored.reasons[0]).toMatchObject({ rule: 'site-administrator', score: 0 })
    expect(stored.reasons[0].detail).toMatch(/administrator/)
    expect(stored.reasons.map((reason: Body) => reason.rule)).toContain('honeypot')
    expect(stored.history.map((event: Body) => event.action)).toEqual(['submit'])
    const learned = () =>
      ctx.database.db
        .select({ spam: bayesCorpora.spamMessages, ham: bayesCorpora.hamMessages })
        .from(bayesCorpora)
        .where(eq(bayesCorpora.siteId, site.id))
    expect(await learned()).toEqual([])

    // The site's own reports about its administrator teach nothing either; a moderator's decision does.
    await expectPlain(await akismet('/1.1/submit-spam', fields), THANKS)
    expect((await moderatorView(site, guid)).status).toBe('approved')
    expect(await learned()).toEqual([])
    // Also a report naming the check by its guid alone, without the role: the stored comment says whose it is.
    const { user_role: _role, ...byGuid } = fields
    await expectPlain(await akismet('/1.1/submit-spam', { ...byGuid, guid }), THANKS)
    expect((await moderatorView(site, guid)).status).toBe('approved')
    expect(await learned()).toEqual([])
    await ctx.request('POST', `/v1/sites/${site.id}/comments/${guid}/spam`, { token: site.moderatorKey })
    expect(await learned()).toEqual([{ spam: 1, ham: 0 }])

    // Checked again, the administrator's comment is still `false`, and still one comment.
    const again = await akismet('/1.1/comment-check', fields)
    await expectPlain(again, 'false')
    expect(again.headers.get('x-akismet-guid')).toBe(guid)
    expect(await storedComments(site)).toHaveLength(1)
  })

  it('answers every check of a flood from one IP, never with 429', async () => {
    const site = await ctx.newSite()
    for (let i = 0; i < 12; i++) {
      const response = await akismet(
        '/1.1/comment-check',
        aCheck(site, {
          user_ip: '198.51.100.200',
          comment_content: `Message numéro ${i} : ${ordinaryComments[i]}`,
        }),
      )
      expect(response.status).toBe(200)
      expect(['true', 'false']).toContain(await response.text())
      expect(response.headers.get('x-akismet-guid')).toMatch(UUID)
    }
    expect(await storedComments(site)).toHaveLength(12)
  })

  it('answers an is_test check normally but stores nothing', async () => {
    const site = await ctx.newSite()
    for (const is_test of ['1', 'true', 'yes']) {
      const ham = await akismet('/1.1/comment-check', aCheck(site, { is_test }))
      await expectPlain(ham, 'false')
      expect(ham.headers.get('x-akismet-guid')).toMatch(UUID)
      expectNoFailureHeaders(ham)
      const spam = await akismet('/1.1/comment-check', aCheck(site, { ...honeypotFilled, is_test }))
      await expectPlain(spam, 'true')
    }
    expect(await storedComments(site)).toEqual([])
  })
})
