import { describe, expect, it } from 'vitest'
import { type Body, expectStatus, json, type TestSite, useTestApp } from '../helpers/app.js'

const ctx = useTestApp()

const patchSite = (site: string, body: unknown, token?: string) =>
  ctx.request('PATCH', `/v1/sites/${site}`, { body, ...(token === undefined ? {} : { token }) })

/** The origin a page at `origin` is allowed to read the site's answers from, or null. */
async function allowedOriginFor(site: TestSite, origin: string) {
  const preflight = await ctx.request('OPTIONS', `/v1/sites/${site.id}/comments`, {
    token: null,
    headers: { origin, 'access-control-request-method': 'POST' },
  })
  return preflight.headers.get('access-control-allow-origin')
}

describe("changing a site's details", () => {
  it('changes only what is sent, and removes the URL sent as null', async () => {
    const site = await ctx.newSite({ url: 'https://journal.example' })
    const before = await json(ctx.request('GET', `/v1/sites/${site.id}`))
    ctx.clock.advance(60_000)
    const renamed = await json(expectStatus(patchSite(site.id, { name: 'Le Journal du soir' }), 200))
    expect(renamed).toEqual({
      ...before,
      name: 'Le Journal du soir',
      updatedAt: ctx.clock.now().toISOString(),
    })
    const withoutUrl = await json(expectStatus(patchSite(site.id, { url: null }), 200))
    expect(withoutUrl).toMatchObject({ name: 'Le Journal du soir', url: null })
    expect(await json(ctx.request('GET', `/v1/sites/${site.id}`))).toEqual(withoutUrl)
  })

  it('lets pages on the new origins call at once, and no longer those on the old ones', async () => {
    const site = await ctx.newSite({ allowedOrigins: ['https://www.journal.example'] })
    expect(await allowedOriginFor(site, 'https://www.journal.example')).toBe('https://www.journal.example')
    const moved = await json(
      expectStatus(
        patchSite(site.id, {
          allowedOrigins: [
            'https://www.lejournal.example/',
            'https://café.example',
            'https://m.lejournal.example',
          ],
        }),
        200,
      ),
    )
    // As browsers send them: without the path, the domain in punycode.
    expect(moved.allowedOrigins).toEqual([
      'https://www.lejournal.example',
      'https://xn--caf-dma.example',
      'https://m.lejournal.example',
    ])
    expect(await allowedOriginFor(site, 'https://www.journal.example')).toBeNull()
    expect(await allowedOriginFor(site, 'https://m.lejournal.example')).toBe('https://m.lejournal.example')
  })

  it('refuses a wildcard origin, which no browser sends, here and when the site is created', async () => {
    const site = await ctx.newSite()
    for (const origin of ['https://*.journal.example', 'https://%2A.journal.example']) {
      const refused = await json(expectStatus(patchSite(site.id, { allowedOrigins: [origin] }), 400))
      expect(refused.errors).toEqual([
        { path: 'allowedOrigins.0', message: expect.stringContaining('wildcard') },
      ])
      const created = ctx.request('POST', '/v1/sites', {
        body: { id: 'wild', name: 'Wild', allowedOrigins: [origin] },
      })
      expect(((await json(expectStatus(created, 400))) as Body).errors[0].path).toBe('allowedOrigins.0')
    }
    const ip = await json(expectStatus(patchSite(site.id, { allowedOrigins: ['http://[::1]:8080'] }), 200))
    expect(ip.allowedOrigins).toEqual(['http://[::1]:8080'])
  })

  it('refuses an origin that is no http(s) URL, naming it once', async () => {
    const site = await ctx.newSite()
    for (const origin of ['not a url', '', 'https://', 'ftp://journal.example']) {
      const refused = await json(expectStatus(patchSite(site.id, { allowedOrigins: [origin] }), 400))
      expect(refused.errors, origin).toEqual([{ path: 'allowedOrigins.0', message: expect.any(String) }])
    }
  })

  it('refuses to change the id, or a field it does not take, naming it', async () => {
    const site = await ctx.newSite()
    const refused = await json(expectStatus(patchSite(site.id, { id: 'renamed', settings: {} }), 400))
    expect(refused.errors.map((issue: Body) => issue.path).sort()).toEqual(['id', 'settings'])
  })

  it('is the admin’s alone, and answers 404 for a site that does not exist', async () => {
    const site = await ctx.newSite()
    await expectStatus(patchSite(site.id, { name: 'Pris' }, site.moderatorKey), 403)
    await expectStatus(patchSite(site.id, { name: 'Pris' }, site.serverKey), 403)
    await expectStatus(patchSite('no-such-site', { name: 'Pris' }), 404)
  })
})
