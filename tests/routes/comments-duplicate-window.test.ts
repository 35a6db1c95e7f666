import { describe, expect, it } from 'vitest'
import { purgeExpiredData } from '../../src/privacy/retention.js'
import { aComment, json, type TestSite, useTestApp } from '../helpers/app.js'

/**
 * Spam and rejected comments are purged after SPAM_RETENTION_DAYS, approved and held ones are not. A site's
 * duplicate window reaching further back would count, past the retention, only the copies of what was not spam:
 * a public caller re-posting or copying an earlier comment would hear from the answer how it had been judged. So
 * intake looks for copies no further back than spam is kept.
 */
const ctx = useTestApp({ SPAM_RETENTION_DAYS: '1' })

const HOUR_MS = 60 * 60_000
const kept = aComment({ content: 'Un avis posé sur la réforme des retraites, argumenté.' })
const caught = aComment({ content: 'Un autre avis, tout aussi posé.', honeypot: 'filled' })

async function postedBoth(site: TestSite) {
  const post = (body: unknown) =>
    ctx.request('POST', `/v1/sites/${site.id}/comments`, { body, token: null, peer: '198.51.100.31' })
  expect((await json(post(kept))).status).toBe('approved')
  ctx.clock.advance(60_000)
  expect((await json(post(caught))).status).toBe('pending')
  ctx.clock.advance(60_000)
  return post
}

const purge = () => purgeExpiredData(ctx.database, ctx.clock, { ipRetentionDays: 30, spamRetentionDays: 1 })

describe('a duplicate window longer than spam is kept', () => {
  it('refuses re-posts alike while both comments are kept', async () => {
    const site = await ctx.newSite({ settings: { duplicateWindowHours: 48 } })
    const post = await postedBoth(site)
    ctx.clock.advance(12 * HOUR_MS)
    await purge()
    expect((await post(kept)).status).toBe(409)
    expect((await post(caught)).status).toBe(409)
  })

  it('answers re-posts alike once the spam is purged', async () => {
    const site = await ctx.newSite({ settings: { duplicateWindowHours: 48 } })
    const post = await postedBoth(site)
    ctx.clock.advance(25 * HOUR_MS)
    await purge()
    expect((await post(kept)).status).toBe(201)
    ctx.clock.advance(60_000)
    expect((await post(caught)).status).toBe(201)
  })

  it('judges copies from others alike once the spam is purged', async () => {
    const site = await ctx.newSite({ settings: { duplicateWindowHours: 48 } })
    await postedBoth(site)
    ctx.clock.advance(25 * HOUR_MS)
    await purge()
    const copy = async (content: string, peer: string) => {
      const body = aComment({ content, author: { name: 'Quelqu’un' } })
      return (await json(ctx.request('POST', `/v1/sites/${site.id}/comments`, { body, token: null, peer })))
        .status
    }
    expect(await copy(kept.content, '203.0.113.41')).toBe('approved')
    expect(await copy(caught.content, '203.0.113.42')).toBe('approved')
  })
})
