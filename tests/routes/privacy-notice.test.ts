import { describe, expect, it } from 'vitest'
import { expectStatus } from '../helpers/app.js'
import { usePrivacyApp } from './privacy-requests.js'

const { ctx } = usePrivacyApp()

describe('GET /privacy', () => {
  it('states the retention periods this instance applies, in English by default', async () => {
    const response = await expectStatus(ctx.request('GET', '/privacy', { token: null }), 200)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    const page = await response.text()
    expect(page).toContain('<html lang="en">')
    expect(page).toContain('14 days')
    expect(page).toContain('45 days after the decision')
    expect(page).toContain('30 days, then deleted')
  })

  it('says how long the keyed fingerprints of the e-mail and the IP address are kept', async () => {
    for (const [lang, email, ip, until] of [
      ['en', 'Your e-mail address', 'Your IP address', 'until you ask for erasure'],
      ['fr', 'Votre adresse e-mail', 'Votre adresse IP', 'jusqu’à votre demande d’effacement'],
    ] as const) {
      const page = await (await ctx.request('GET', `/privacy?lang=${lang}`, { token: null })).text()
      const row = (what: string) => page.split('<tr>').find((cells) => cells.startsWith(`<td>${what}`)) ?? ''
      expect(row(email)).toMatch(/HMAC/)
      expect(row(email)).toContain(until)
      expect(row(ip)).toMatch(/HMAC/)
      expect(row(ip)).toContain(until)
    }
  })

  it('speaks French with ?lang=fr and names the site with ?site=', async () => {
    const site = await ctx.newSite({ name: 'Le Quotidien' })
    const page = await (await ctx.request('GET', `/privacy?lang=fr&site=${site.id}`, { token: null })).text()
    expect(page).toContain('<html lang="fr">')
    expect(page).toContain('Les commentaires de Le Quotidien')
    expect(page).toContain('14 jours')
  })

  it('is served under a CSP that lets nothing load or run but its own style', async () => {
    const response = await ctx.request('GET', '/privacy', { token: null })
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/)
    expect(csp).not.toContain('unsafe')
    expect(await response.text()).not.toContain('<script')
  })

  it('escapes a site name rather than trusting it', async () => {
    const site = await ctx.newSite({ name: '<img src=x onerror=alert(1)>' })
    const page = await (await ctx.request('GET', `/privacy?site=${site.id}`, { token: null })).text()
    expect(page).not.toContain('<img')
  })
})
