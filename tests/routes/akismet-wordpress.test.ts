import { describe, expect, it } from 'vitest'
import type { TestSite } from '../helpers/app.js'
import { expectNoFailureHeaders, expectPlain, THANKS, UUID } from './akismet-answers.js'
import { FORM, useAkismetApp } from './akismet-client.js'

const { ctx, akismet, moderatorView, storedComments } = useAkismetApp()

describe('the WordPress plugin', () => {
  /** A comment-check body as the plugin's http_build_query writes it, with api_key appended at the end. */
  const wordpressBody = (site: TestSite, userRole: string, ip: string) =>
    [
      'comment_post_ID=42',
      'comment_author=Jean+Dupont',
      'comment_author_email=jean.dupont%40example.org',
      'comment_author_url=',
      'comment_content=Tr%C3%A8s+bon+article%2C+merci+%21+On+attend+la+suite+avec+impatience.',
      'comment_type=comment',
      'comment_parent=0',
      'user_ID=0',
      `user_ip=${encodeURIComponent(ip)}`,
      'user_agent=Mozilla%2F5.0+%28Windows+NT+10.0%3B+Win64%3B+x64%29',
      'referrer=https%3A%2F%2Fblog.example%2F2026%2F11%2Fpost%2F',
      'blog=https%3A%2F%2Fblog.example',
      'blog_lang=fr_FR',
      'blog_charset=UTF-8',
      'permalink=https%3A%2F%2Fblog.example%2F2026%2F11%2Fpost%2F',
      'comment_context%5B0%5D=politique',
      'comment_context%5B1%5D=europe',
      `user_role=${encodeURIComponent(userRole)}`,
      'akismet_comment_nonce=passed',
      'POST_ak_hp_textarea=',
      'POST_ak_js=1764331200123',
      'HTTP_USER_AGENT=Mozilla%2F5.0+%28Windows+NT+10.0%3B+Win64%3B+x64%29',
      'HTTP_ACCEPT_LANGUAGE=fr-FR%2Cfr%3Bq%3D0.9',
      `api_key=${site.serverKey}`,
    ].join('&')

  const wordpress = {
    contentType: `${FORM}; charset=UTF-8`,
    headers: { 'user-agent': 'WordPress/6.8 | Akismet/5.4' },
  }

  it('verifies its key with key, blog and the appended api_key', async () => {
    const site = await ctx.newSite()
    const body = `key=${site.serverKey}&blog=https%3A%2F%2Fblog.example&api_key=${site.serverKey}`
    await expectPlain(await akismet('/1.1/verify-key', body, wordpress), 'valid')
  })

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

  it("reads a comment from its form as written, though WordPress slashed it (C\\'est), and knows it when reported", async () => {
    const site = await ctx.newSite()
    const ip = '2001:db8::a7'
    const author = "Jean d'Ormesson"
    const text = "C'est l'article qu'il fallait, \"bravo\" ! Chemin : C:\\Users\\jean"
    // wp_magic_quotes() slashes $_POST and $_SERVER, and wp_handle_comment_submission() slashes the comment for
    // wp_new_comment(), whose preprocess_comment filter is where the plugin checks it.
    const slashed = (value: string) =>
      encodeURIComponent(value.replace(/[\\'"]/g, '\\$&')).replaceAll('%20', '+')
    const body = wordpressBody(site, '', ip)
      .replace(/comment_content=[^&]*/, `comment_content=${slashed(text)}`)
      .replace('comment_author=Jean+Dupont', `comment_author=${slashed(author)}`)
      .replace('POST_ak_js=', `POST_author=${slashed(author)}&POST_comment=${slashed(text)}&POST_ak_js=`)
    const first = await akismet('/1.1/comment-check', body, wordpress)
    await expectPlain(first, 'false')
    const guid = first.headers.get('x-akismet-guid') ?? ''
    const stored = await moderatorView(site, guid)
    expect(stored).toMatchObject({ author: { name: author }, content: text })
    expect(stored.extra).toMatchObject({ POST_author: author, POST_comment: text })
    // submit_spam_comment: the stored row merged with akismet_as_submitted, which WordPress keeps unslashed.
    const report = [
      'comment_ID=9',
      'comment_post_ID=42',
      `comment_author=${encodeURIComponent(author)}`,
      'comment_author_email=jean.dupont%40example.org',
      `comment_author_IP=${encodeURIComponent(ip)}`,
      `comment_content=${encodeURIComponent(text)}`,
      'comment_approved=spam',
      'comment_type=comment',
      `user_ip=${encodeURIComponent(ip)}`,
      'blog=https%3A%2F%2Fblog.example',
      'blog_charset=UTF-8',
      'permalink=https%3A%2F%2Fblog.example%2F2026%2F11%2Fpost%2F',
      'POST_ak_js=1764331200123',
      'reporter=admin',
      'user_role=',
      `api_key=${site.serverKey}`,
    ].join('&')
    await expectPlain(await akismet('/1.1/submit-spam', report, wordpress), THANKS)
    expect((await moderatorView(site, guid)).status).toBe('spam')
    expect(await storedComments(site)).toHaveLength(1)
  })

  it('reads a comment posted by XML-RPC (wp.newComment) as written, though WordPress slashed it, and knows it when reported', async () => {
    const site = await ctx.newSite()
    const ip = '2001:db8::a9'
    const text = 'Qu\'en dit l\'auteur ? "Rien", C:\\Users\\jean'
    // xmlrpc.php: no $_POST, so no POST_* fields; wp_xmlrpc_server slashes the call's arguments for wp_new_comment().
    const slashed = (value: string) =>
      encodeURIComponent(value.replace(/[\\'"]/g, '\\$&')).replaceAll('%20', '+')
    const body = wordpressBody(site, '', ip)
      .replace(/comment_content=[^&]*/, `comment_content=${slashed(text)}`)
      .replace('akismet_comment_nonce=passed', 'akismet_comment_nonce=failed')
      .replace(/POST_ak_hp_textarea=&POST_ak_js=\d+&/, 'REQUEST_URI=%2Fxmlrpc.php&')
    const first = await akismet('/1.1/comment-check', body, wordpress)
    await expectPlain(first, 'false')
    const guid = first.headers.get('x-akismet-guid') ?? ''
    expect(await moderatorView(site, guid)).toMatchObject({ content: text })
    // submit_spam_comment sends the stored row, unslashed.
    const report = [
      'comment_post_ID=42',
      'comment_author=Jean+Dupont',
      'comment_author_email=jean.dupont%40example.org',
      `comment_author_IP=${encodeURIComponent(ip)}`,
      `comment_content=${encodeURIComponent(text)}`,
      'comment_type=comment',
      `user_ip=${encodeURIComponent(ip)}`,
      'blog=https%3A%2F%2Fblog.example',
      'permalink=https%3A%2F%2Fblog.example%2F2026%2F11%2Fpost%2F',
      `api_key=${site.serverKey}`,
    ].join('&')
    await expectPlain(await akismet('/1.1/submit-spam', report, wordpress), THANKS)
    expect((await moderatorView(site, guid)).status).toBe('spam')
    expect(await storedComments(site)).toHaveLength(1)
  })

  it('keeps the backslashes of a check that did not come from its comment form (the REST API, other clients)', async () => {
    const site = await ctx.newSite()
    const text = 'Escape it as \\n, or write C:\\Users\\jean; "quotes" stay.'
    const body = wordpressBody(site, '', '2001:db8::a8').replace(
      /comment_content=[^&]*/,
      `comment_content=${encodeURIComponent(text)}`,
    )
    const response = await akismet('/1.1/comment-check', body, wordpress)
    await expectPlain(response, 'false')
    expect((await moderatorView(site, response.headers.get('x-akismet-guid') ?? '')).content).toBe(text)
  })

  it('answers its recheck of a comment, sent as WordPress stored it (entities encoded), from the earlier check', async () => {
    const site = await ctx.newSite()
    const ip = '2001:db8::a3'
    const original = wordpressBody(site, '', ip)
      .replace(
        /comment_content=[^&]*/,
        `comment_content=${encodeURIComponent('Tom & Jerry, "les classiques" : la mairie a raison.')}`,
      )
      .replace('comment_author=Jean+Dupont', `comment_author=${encodeURIComponent('Jean Dupont & fils')}`)
    const first = await akismet('/1.1/comment-check', original, wordpress)
    await expectPlain(first, 'false')
    const guid = first.headers.get('x-akismet-guid') ?? ''
    const asStored = wordpressBody(site, '', ip)
      .replace(
        /comment_content=[^&]*/,
        `comment_content=${encodeURIComponent('Tom &amp; Jerry, &quot;les classiques&quot; : la mairie a raison.')}`,
      )
      .replace('comment_author=Jean+Dupont', `comment_author=${encodeURIComponent('Jean Dupont &amp; fils')}`)
    const recheck = await akismet('/1.1/comment-check', `${asStored}&recheck_reason=recheck_queue`, wordpress)
    await expectPlain(recheck, 'false')
    expect(recheck.headers.get('x-akismet-guid')).toBe(guid)
    expect(await storedComments(site)).toHaveLength(1)
  })

  it('answers its recheck of a comment with a link, which WordPress stored with rel="nofollow ugc" added', async () => {
    const site = await ctx.newSite()
    const ip = '2001:db8::a4'
    const withText = (text: string) =>
      wordpressBody(site, '', ip).replace(
        /comment_content=[^&]*/,
        `comment_content=${encodeURIComponent(text)}`,
      )
    const link = (rel: string) => `<a href="https://jardin.example/compost"${rel}>ce guide</a>`
    const first = await akismet(
      '/1.1/comment-check',
      withText(`Merci ! Pour le compost, ${link('')} m'a aidé & ça marche.`),
      wordpress,
    )
    await expectPlain(first, 'false')
    // The pre_comment_content filters: kses encodes `&`, wp_rel_ugc adds rel to every link.
    const asStored = withText(
      `Merci ! Pour le compost, ${link(' rel="nofollow ugc"')} m'a aidé &amp; ça marche.`,
    )
    const recheck = await akismet('/1.1/comment-check', `${asStored}&recheck_reason=recheck_queue`, wordpress)
    await expectPlain(recheck, 'false')
    expect(recheck.headers.get('x-akismet-guid')).toBe(first.headers.get('x-akismet-guid'))
    expect(await storedComments(site)).toHaveLength(1)
  })

  it('reports a comment whose submitted copy it no longer keeps with its stored row: comment_author_IP is the IP', async () => {
    const site = await ctx.newSite()
    const ip = '203.0.113.78'
    const first = await akismet('/1.1/comment-check', wordpressBody(site, '', ip), wordpress)
    await expectPlain(first, 'false')
    // submit_spam_comment after 15 days (akismet_as_submitted deleted): the wp_comments row, no user_ip.
    const row = [
      'comment_ID=7',
      'comment_post_ID=42',
      'comment_author=Jean+Dupont',
      'comment_author_email=jean.dupont%40example.org',
      'comment_author_url=',
      `comment_author_IP=${ip}`,
      'comment_date_gmt=2026-11-28+12%3A00%3A00',
      'comment_content=Tr%C3%A8s+bon+article%2C+merci+%21+On+attend+la+suite+avec+impatience.',
      'comment_approved=spam',
      'comment_agent=Mozilla%2F5.0+%28Windows+NT+10.0%3B+Win64%3B+x64%29',
      'comment_type=comment',
      'user_id=0',
      'blog=https%3A%2F%2Fblog.example',
      'blog_charset=UTF-8',
      'permalink=https%3A%2F%2Fblog.example%2F2026%2F11%2Fpost%2F',
      'reporter=admin',
      'user_role=',
      `api_key=${site.serverKey}`,
    ].join('&')
    await expectPlain(
      await akismet('/1.1/submit-spam', row, wordpress),
      'Thanks for making the web a better place.',
    )
    expect((await moderatorView(site, first.headers.get('x-akismet-guid') ?? '')).status).toBe('spam')
    expect(await storedComments(site)).toHaveLength(1)
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

  /** What the plugin posts to its account paths: the legacy key, the blog, and the appended api_key. */
  const accountBody = (key: string) => `key=${key}&blog=https%3A%2F%2Fblog.example&api_key=${key}`

  it('reads an active account from get-subscription, which its settings screen requires of a valid key', async () => {
    const site = await ctx.newSite()
    const response = await akismet('/1.1/get-subscription', accountBody(site.serverKey), wordpress)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expectNoFailureHeaders(response)
    // Akismet_Admin::get_akismet_user takes a non-empty body other than `invalid` as the account, in JSON.
    expect(await response.json()).toEqual({
      account_id: false,
      status: 'active',
      account_name: 'Vigil (self-hosted)',
      account_type: 'vigil',
      next_billing_date: false,
      limit_reached: false,
    })
  })

  it('hears invalid, with a debug-help header, from get-subscription for a bad key', async () => {
    const site = await ctx.newSite()
    for (const key of ['zzzzzz999999', site.moderatorKey]) {
      const response = await akismet('/1.1/get-subscription', accountBody(key), wordpress)
      await expectPlain(response, 'invalid')
      expect(response.headers.get('x-akismet-debug-help')).toEqual(expect.any(String))
    }
  })

  it('keeps the server key whole through its settings screen, which strips all but hex digits from a key', async () => {
    const site = await ctx.newSite()
    // Akismet_Admin::enter_api_key: preg_replace('/[^a-f0-9]/i', '', $_POST['key']); then Akismet::verify_key
    // answers invalid, without a call, for any key that is not 12 characters long.
    const saved = site.serverKey.replace(/[^a-f0-9]/gi, '')
    expect(saved).toBe(site.serverKey)
    expect(saved).toHaveLength(12)
    await expectPlain(
      await akismet('/1.1/verify-key', `key=${saved}&blog=https%3A%2F%2Fblog.example`),
      'valid',
    )
  })

  // Akismet::http_post appends the key the plugin has stored to every body as api_key; Akismet_Admin::save_key
  // verifies the key being typed in, sent as `key`.
  it('verifies the Vigil key typed into a site that still stores its Akismet key', async () => {
    const site = await ctx.newSite()
    const body = (typed: string, stored: string) =>
      `key=${typed}&blog=https%3A%2F%2Fblog.example&api_key=${stored}`
    await expectPlain(
      await akismet('/1.1/verify-key', body(site.serverKey, '0123456789ab'), wordpress),
      'valid',
    )
    const subscription = await akismet(
      '/1.1/get-subscription',
      body(site.serverKey, '0123456789ab'),
      wordpress,
    )
    expect(await subscription.text()).not.toBe('invalid')
    // api_key still comes first when it is a live key.
    await expectPlain(
      await akismet('/1.1/verify-key', body('0123456789ab', site.serverKey), wordpress),
      'valid',
    )
    await expectPlain(
      await akismet('/1.1/verify-key', body('0123456789ab', 'ba9876543210'), wordpress),
      'invalid',
    )
  })

  it('passes its connectivity check: /1.1/test answers connected, by GET or POST, with no key', async () => {
    for (const method of ['GET', 'POST']) {
      const response = await akismet('/1.1/test', '', { ...wordpress, method })
      await expectPlain(response, 'connected')
      expectNoFailureHeaders(response)
    }
  })

  it('hears deactivated from deactivate, and an empty 200 from the paths it only displays', async () => {
    const site = await ctx.newSite()
    const body = accountBody(site.serverKey)
    await expectPlain(await akismet('/1.1/deactivate', body, wordpress), 'deactivated')
    for (const path of ['token', 'get-stats', 'verify-wpcom-key']) {
      const response = await akismet(`/1.1/${path}`, body, wordpress)
      await expectPlain(response, '')
      expectNoFailureHeaders(response)
    }
  })
})
