import { describe, expect, it } from 'vitest'
import { aComment, type Body, json, type TestSite, useTestApp } from '../helpers/app.js'

/**
 * The article's address decides which links in a comment are the site's own, and so count for nothing: a reader
 * linking to another of the site's articles is no advertiser. A reader's browser has no key, so anyone can send
 * anything as `articleUrl`: an address off the site's own origins would let a spammer name the host of the
 * links they sell (`https://com/` makes every `.com` link the site's own) and would put a link of their choosing
 * before the moderators and into every webhook. Only a caller with a key vouches for an article's address.
 */
const ctx = useTestApp()

const ORIGIN = 'https://www.lequotidien.example'
const SHOP_LINKS =
  'Meilleurs prix : https://cheap-pills.com/buy https://cheap-watches.com/deal https://casino-bonus.com/free'

async function publicPost(site: TestSite, articleUrl: string, peer: string) {
  ctx.clock.advance(60_000)
  const posted = await json(
    ctx.request('POST', `/v1/sites/${site.id}/comments`, {
      body: aComment({ content: SHOP_LINKS, articleUrl }),
      token: null,
      peer,
    }),
  )
  return json(ctx.request('GET', `/v1/sites/${site.id}/comments/${posted.id}`))
}

const linkRules = (comment: Body) =>
  comment.reasons.map((reason: Body) => reason.rule).filter((rule: string) => rule.includes('link'))

describe("a public comment's article address", () => {
  it('off the site’s origins is not kept, and does not make the links it names the site’s own', async () => {
    // Two sites, so that the second comment is not judged as a copy of the first.
    const spoofed = await publicPost(
      await ctx.newSite({ allowedOrigins: [ORIGIN] }),
      'https://com/',
      '198.51.100.20',
    )
    const unnamed = await publicPost(await ctx.newSite({ allowedOrigins: [ORIGIN] }), '', '198.51.100.21')
    expect(spoofed.articleUrl).toBeNull()
    expect(spoofed.status).toBe(unnamed.status)
    expect(spoofed.score).toBe(unnamed.score)
    expect(linkRules(spoofed)).not.toEqual([])
  })

  it('on one of the site’s origins, with or without www., on a subdomain or with the root’s dot, is kept', async () => {
    const site = await ctx.newSite({ allowedOrigins: [`${ORIGIN}/`] })
    for (const url of [
      `${ORIGIN}/monde/article-42`,
      'https://lequotidien.example/monde/article-42',
      'https://m.lequotidien.example/monde/article-42',
      'https://www.lequotidien.example./monde/article-42',
    ]) {
      const comment = await publicPost(site, url, '198.51.100.22')
      expect(comment.articleUrl).toBe(url)
    }
  })

  it('is not kept for a site that names no origin', async () => {
    const site = await ctx.newSite()
    const comment = await publicPost(site, `${ORIGIN}/monde/article-42`, '198.51.100.23')
    expect(comment.articleUrl).toBeNull()
  })

  it("is the site backend's word, kept as sent", async () => {
    const site = await ctx.newSite({ allowedOrigins: [ORIGIN] })
    const posted = await json(
      ctx.request('POST', `/v1/sites/${site.id}/comments`, {
        body: aComment({ articleUrl: 'https://archives.lequotidien.example.org/a/1' }),
        token: site.serverKey,
      }),
    )
    const comment = await json(ctx.request('GET', `/v1/sites/${site.id}/comments/${posted.id}`))
    expect(comment.articleUrl).toBe('https://archives.lequotidien.example.org/a/1')
  })
})
