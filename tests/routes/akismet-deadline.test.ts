import { describe, expect, it } from 'vitest'
import { useTestApp } from '../helpers/app.js'
import { onRealServer } from '../helpers/db.js'
import { withLocksHeld } from '../helpers/locks.js'
import { encodeForm, FORM } from './akismet-client.js'

const ctx = useTestApp({ REQUEST_TIMEOUT_MS: '500' })

describe.runIf(onRealServer)('an Akismet call the database does not answer in time', () => {
  it('is answered within REQUEST_TIMEOUT_MS with a word that is neither true nor false: hold the comment', async () => {
    const site = await ctx.newSite()
    const form = encodeForm({
      api_key: site.serverKey,
      blog: 'https://blog.example',
      user_ip: '203.0.113.9',
      comment_author: 'Camille',
      comment_content: 'Une remarque sur le budget municipal.',
    })
    const started = Date.now()
    const response = await withLocksHeld(
      ctx.database.url ?? '',
      // A database that stopped answering: every query on comments waits.
      (tx) => tx`lock table comments in access exclusive mode`,
      async (waitForBlocked) => {
        const pending = ctx.request('POST', '/1.1/comment-check', {
          rawBody: form,
          headers: { 'content-type': FORM },
          token: null,
        })
        await waitForBlocked(1)
        const answer = await pending
        return { pending: Promise.resolve(answer) }
      },
    )
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(response.status).toBe(200)
    expect(await response.text()).toMatch(/hold the comment/)
    expect(response.headers.get('x-akismet-debug-help')).toMatch(/REQUEST_TIMEOUT_MS/)
  })
})
