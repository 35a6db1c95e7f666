import { describe, expect, it } from 'vitest'
import { createFormTokens } from '../../src/moderation/form-tokens.js'
import { json, TestClock, useTestApp } from '../helpers/app.js'

const ctx = useTestApp()

describe('form tokens', () => {
  it('say how long ago the form was shown', async () => {
    const clock = new TestClock()
    const tokens = createFormTokens(ctx.database.db, clock)
    const { token } = await tokens.issue('a-site')
    clock.advance(4_200)
    expect(await tokens.check('a-site', token)).toEqual({ state: 'valid', ageMs: 4_200 })
  })

  it('are invalid when forged, altered or issued for another site', async () => {
    const clock = new TestClock()
    const tokens = createFormTokens(ctx.database.db, clock)
    const { token } = await tokens.issue('a-site')
    const [issuedAt] = token.split('.')
    expect(await tokens.check('another-site', token)).toEqual({ state: 'invalid' })
    expect(await tokens.check('a-site', `${issuedAt}.forged`)).toEqual({ state: 'invalid' })
    expect(await tokens.check('a-site', `zzz.${token.split('.')[1]}`)).toEqual({ state: 'invalid' })
    expect(await tokens.check('a-site', 'garbage')).toEqual({ state: 'invalid' })
    // Anything after the signature is no part of the token: sent, it is another token, forged.
    expect(await tokens.check('a-site', `${token}.extra`)).toEqual({ state: 'invalid' })
  })

  it('count as absent, not invalid, when missing or older than a day (a page left open overnight)', async () => {
    const clock = new TestClock()
    const tokens = createFormTokens(ctx.database.db, clock)
    const { token } = await tokens.issue('a-site')
    clock.advance(25 * 60 * 60 * 1000)
    expect(await tokens.check('a-site', token)).toEqual({ state: 'absent' })
    expect(await tokens.check('a-site', undefined)).toEqual({ state: 'absent' })
  })

  it('are served to article pages without a key, and never cached', async () => {
    const site = await ctx.newSite()
    const response = await ctx.request('GET', `/v1/sites/${site.id}/form-token`, { token: null })
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await json(response)).toEqual({
      token: expect.stringMatching(/^[0-9a-z]+\.[\w-]+$/),
      expiresAt: expect.any(String),
    })
    expect((await ctx.request('GET', '/v1/sites/no-such-site/form-token', { token: null })).status).toBe(404)
  })

  it('are valid, their negative age not scored, when the process that issued them runs ahead of the one checking', async () => {
    // Several processes serve a site: the form fetched from one, the comment posted to another whose clock is a
    // little behind (or stepped back). The signature proves the token is the site's; only the clocks disagree,
    // which says nothing against the reader (too-fast ignores a negative age for that reason).
    const ahead = new TestClock(new Date(ctx.clock.now().getTime() + 5_000))
    const { token } = await createFormTokens(ctx.database.db, ahead).issue('a-site')
    expect(await createFormTokens(ctx.database.db, ctx.clock).check('a-site', token)).toEqual({
      state: 'valid',
      ageMs: -5_000,
    })
    const site = await ctx.newSite()
    const { token: siteToken } = await createFormTokens(ctx.database.db, ahead).issue(site.id)
    const comment = await ctx.submit(site, { formToken: siteToken })
    expect(comment).toMatchObject({ status: 'approved', reasons: [] })
  })
})
