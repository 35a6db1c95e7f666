import { describe, expect, it } from 'vitest'
import { expectStatus, type TestSite } from '../helpers/app.js'
import { expectNoFailureHeaders, expectPlain, UUID } from './akismet-answers.js'
import { encodeForm, FORM, honeypotFilled, useAkismetApp } from './akismet-client.js'

const { ctx, akismet, aCheck, storedComments } = useAkismetApp()

const wordpress = {
  contentType: `${FORM}; charset=UTF-8`,
  headers: { 'user-agent': 'WordPress/6.8 | Akismet/5.4' },
}
const SOURCE = 'https://other-blog.example/2026/11/a-reply/'
const TARGET = 'https://blog.example/2026/11/post/'

/**
 * What the WordPress plugin sends when a pingback arrives (pre_check_pingback, on xmlrpc_call), before WordPress
 * fetches the source page: the source and target, no author and no text, with `akismet_pre_check=1`. A `true`
 * makes WordPress refuse the pingback; after a `false`, WordPress fetches the page and checks the pingback again,
 * with its title and excerpt, as a comment.
 */
const preCheck = (site: TestSite, ip: string) =>
  encodeForm({
    comment_author_url: SOURCE,
    comment_post_ID: '42',
    comment_author: '',
    comment_author_email: '',
    comment_content: '',
    comment_type: 'pingback',
    akismet_pre_check: '1',
    comment_pingback_target: TARGET,
    pingbacks_closed: '0',
    is_multicall: '0',
    multicall_count: '0',
    user_ip: ip,
    user_agent: 'WordPress/6.8; https://other-blog.example',
    referrer: '',
    blog: 'https://blog.example',
    blog_lang: 'fr_FR',
    blog_charset: 'UTF-8',
    permalink: TARGET,
    akismet_comment_nonce: 'failed',
    HTTP_USER_AGENT: 'WordPress/6.8; https://other-blog.example',
    REQUEST_URI: '/xmlrpc.php',
    api_key: site.serverKey,
  })

describe("a pingback's pre-check (akismet_pre_check=1)", () => {
  it('is answered as a comment-check is, and leaves no empty comment in the queue', async () => {
    const site = await ctx.newSite()
    const response = await akismet('/1.1/comment-check', preCheck(site, '198.51.100.20'), wordpress)
    await expectPlain(response, 'false')
    expectNoFailureHeaders(response)
    expect(response.headers.get('x-akismet-guid')).toMatch(UUID)
    expect(response.headers.get('x-vigil-status')).toBe('test')
    expect(await storedComments(site)).toEqual([])
  })

  it('is answered true for a source whose earlier comments were spam, still storing nothing', async () => {
    const site = await ctx.newSite()
    // A site that refuses any source once marked spam.
    await expectStatus(
      ctx.request('PATCH', `/v1/sites/${site.id}/settings`, { body: { weights: { 'spam-history': 6 } } }),
      200,
    )
    const earlier = await akismet(
      '/1.1/comment-check',
      aCheck(site, { ...honeypotFilled, comment_author_url: 'https://other-blog.example/' }),
    )
    await expectPlain(earlier, 'true')
    const response = await akismet('/1.1/comment-check', preCheck(site, '198.51.100.21'), wordpress)
    await expectPlain(response, 'true')
    expect(await storedComments(site)).toHaveLength(1)
  })

  it('leaves the pingback itself, checked next with its text, to be stored once', async () => {
    const site = await ctx.newSite()
    const ip = '198.51.100.22'
    await expectPlain(await akismet('/1.1/comment-check', preCheck(site, ip), wordpress), 'false')
    const pingback = encodeForm({
      comment_post_ID: '42',
      comment_author: 'Another blog » A reply',
      comment_author_email: '',
      comment_author_url: SOURCE,
      comment_content: '[…] as this article explains, the budget was voted in June […]',
      comment_type: 'pingback',
      user_ip: ip,
      blog: 'https://blog.example',
      permalink: TARGET,
      akismet_comment_nonce: 'failed',
      api_key: site.serverKey,
    })
    const response = await akismet('/1.1/comment-check', pingback, wordpress)
    await expectPlain(response, 'false')
    const stored = await storedComments(site)
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({ id: response.headers.get('x-akismet-guid'), source: 'akismet' })
  })
})
