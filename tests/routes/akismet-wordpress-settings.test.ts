import { describe, expect, it } from 'vitest'
import { expectNoFailureHeaders, expectPlain } from './akismet-answers.js'
import { useAkismetApp } from './akismet-client.js'
import { accountBody, wordpress } from './akismet-wordpress-plugin.js'

const { ctx, akismet } = useAkismetApp()

describe('the WordPress plugin, on its settings screen', () => {
  it('verifies its key with key, blog and the appended api_key', async () => {
    const site = await ctx.newSite()
    const body = `key=${site.serverKey}&blog=https%3A%2F%2Fblog.example&api_key=${site.serverKey}`
    await expectPlain(await akismet('/1.1/verify-key', body, wordpress), 'valid')
  })

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
    // The key typed is the one asked about, even when the stored one is a live key: a typo is invalid.
    await expectPlain(
      await akismet('/1.1/verify-key', body('0123456789ab', site.serverKey), wordpress),
      'invalid',
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
