import { describe, expect, it } from 'vitest'
import { expectPlain, THANKS } from './akismet-answers.js'
import { useAkismetApp } from './akismet-client.js'
import { wordpress, wordpressBody } from './akismet-wordpress-plugin.js'

const { ctx, akismet, moderatorView, storedComments } = useAkismetApp()

describe('the WordPress plugin, with comments WordPress slashed or stored its own way', () => {
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
})
