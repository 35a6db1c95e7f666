import { describe, expect, it } from 'vitest'
import { expectNoFailureHeaders, expectPlain, UUID } from './akismet-answers.js'
import { useAkismetApp } from './akismet-client.js'
import { wordpress, wordpressBody } from './akismet-wordpress-plugin.js'

const { ctx, akismet, moderatorView } = useAkismetApp()

describe('the WordPress plugin, checking comments', () => {
  it("checks a visitor's comment and keeps what the plugin sent", async () => {
    const site = await ctx.newSite()
    const response = await akismet('/1.1/comment-check', wordpressBody(site, '', '2001:db8::a1'), wordpress)
    await expectPlain(response, 'false')
    expectNoFailureHeaders(response)
    const stored = await moderatorView(site, response.headers.get('x-akismet-guid') ?? '')
    expect(stored).toMatchObject({
      source: 'akismet',
      articleId: 'https://blog.example/2026/11/post/',
      author: { name: 'Jean Dupont', email: 'jean.dupont@example.org', url: null },
      content: 'Très bon article, merci ! On attend la suite avec impatience.',
      ip: '2001:db8::a1',
    })
    expect(stored.extra).toMatchObject({
      comment_post_ID: '42',
      comment_type: 'comment',
      comment_context: ['politique', 'europe'],
      POST_ak_hp_textarea: '',
      POST_ak_js: '1764331200123',
      HTTP_USER_AGENT: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
      blog: 'https://blog.example',
      blog_charset: 'UTF-8',
    })
    expect(stored.extra).not.toHaveProperty('api_key')
  })

  it("keeps none of the credentials it forwards with a reader's headers (a REST comment's application password)", async () => {
    const site = await ctx.newSite()
    // WordPress's .htaccess hands the Authorization header to PHP; the plugin forwards every HTTP_* but cookies.
    const credentials = [
      `HTTP_AUTHORIZATION=${encodeURIComponent('Basic amVhbjphYmNkIGVmZ2ggaWprbA==')}`,
      `REDIRECT_HTTP_AUTHORIZATION=${encodeURIComponent('Basic amVhbjphYmNkIGVmZ2ggaWprbA==')}`,
      'HTTP_COOKIE=wordpress_logged_in_0123%3Djean%7C1764331200',
      'PHP_AUTH_PW=abcd+efgh+ijkl',
    ].join('&')
    const body = `${wordpressBody(site, 'subscriber', '2001:db8::a5')}&${credentials}`
    const response = await akismet('/1.1/comment-check', body, wordpress)
    await expectPlain(response, 'false')
    const stored = await moderatorView(site, response.headers.get('x-akismet-guid') ?? '')
    expect(stored.extra).toMatchObject({ HTTP_ACCEPT_LANGUAGE: 'fr-FR,fr;q=0.9' })
    for (const name of ['HTTP_AUTHORIZATION', 'REDIRECT_HTTP_AUTHORIZATION', 'HTTP_COOKIE', 'PHP_AUTH_PW'])
      expect(stored.extra).not.toHaveProperty(name)
  })

  it('keeps none of the credentials a Node backend forwards as it received them (lower case, dashes)', async () => {
    const site = await ctx.newSite()
    const credentials = [
      `authorization=${encodeURIComponent('Bearer abcdefabcdef')}`,
      `proxy-authorization=${encodeURIComponent('Basic amVhbjphYmNk')}`,
      'cookie=session%3Dabc123',
    ].join('&')
    const body = `${wordpressBody(site, 'subscriber', '2001:db8::a6')}&${credentials}`
    const response = await akismet('/1.1/comment-check', body, wordpress)
    await expectPlain(response, 'false')
    const stored = await moderatorView(site, response.headers.get('x-akismet-guid') ?? '')
    for (const name of ['authorization', 'proxy-authorization', 'cookie'])
      expect(stored.extra).not.toHaveProperty(name)
  })

  it('hears spam when a bot filled the hidden textarea the plugin adds to comment forms', async () => {
    const site = await ctx.newSite()
    const body = wordpressBody(site, '', '203.0.113.77').replace(
      'POST_ak_hp_textarea=',
      'POST_ak_hp_textarea=Great+post+http%3A%2F%2Fbot.example',
    )
    const response = await akismet('/1.1/comment-check', body, wordpress)
    await expectPlain(response, 'true')
    const stored = await moderatorView(site, response.headers.get('x-akismet-guid') ?? '')
    expect(stored.reasons.map((reason: { rule: string }) => reason.rule)).toContain('honeypot')
  })

  it('checks the longest comment WordPress takes in Cyrillic, which the plugin sends twice (content and POST_comment)', async () => {
    const site = await ctx.newSite()
    // WordPress takes up to 65,525 bytes of comment; the plugin sends it as comment_content and again as
    // POST_comment, every byte of a Cyrillic letter percent-encoded: over 350 KB of form for one comment.
    const sentence = 'Спасибо за статью, очень подробный разбор городского бюджета и новых налогов. '
    const text = sentence.repeat(Math.floor(65_525 / Buffer.byteLength(sentence))).trim()
    const encoded = encodeURIComponent(text).replaceAll('%20', '+')
    const body = wordpressBody(site, '', '2001:db8::a6')
      .replace(/comment_content=[^&]*/, `comment_content=${encoded}`)
      .replace('POST_ak_js=', `POST_comment=${encoded}&POST_ak_js=`)
    expect(body.length).toBeGreaterThan(350_000)
    const response = await akismet('/1.1/comment-check', body, wordpress)
    expect(['true', 'false']).toContain(await response.text())
    expectNoFailureHeaders(response)
    const stored = await moderatorView(site, response.headers.get('x-akismet-guid') ?? '')
    expect(stored.content.startsWith(sentence.trim())).toBe(true)
  })

  it('answers false for an administrator (user_role=administrator,editor), and keeps the comment approved', async () => {
    const site = await ctx.newSite()
    const body = `${wordpressBody(site, 'administrator,editor', '2001:db8::a2')}&honeypot_field_name=hp&hp=filled`
    const response = await akismet('/1.1/comment-check', body, wordpress)
    await expectPlain(response, 'false')
    expect(response.headers.get('x-akismet-guid')).toMatch(UUID)
    expectNoFailureHeaders(response)
    const stored = await moderatorView(site, response.headers.get('x-akismet-guid') ?? '')
    expect(stored).toMatchObject({ status: 'approved', source: 'akismet', author: { name: 'Jean Dupont' } })
  })
})
