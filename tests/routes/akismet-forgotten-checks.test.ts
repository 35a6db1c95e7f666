import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { rowsOf } from '../../src/db/client.js'
import { purgeExpiredData } from '../../src/privacy/retention.js'
import type { TestSite } from '../helpers/app.js'
import { expectStatus } from '../helpers/app.js'
import { expectPlain, THANKS } from './akismet-answers.js'
import { useAkismetApp } from './akismet-client.js'

// A site's Akismet client keeps its own copy of every comment, and reports or checks it again long after (WordPress
// sends no guid for a comment older than 15 days). Once its author had their data erased in Vigil, nothing such a
// call carries is stored or learned again: no name, e-mail, IP, reputation or learned words. Nor once the check was
// purged at the end of its retention: the model keeps what it taught, and would learn it twice.

const { ctx, akismet, aCheck, storedComments } = useAkismetApp()

const READER = { comment_author: 'Camille Erasme', comment_author_email: 'camille@erase.example' }

async function erase(site: TestSite, email: string) {
  await expectStatus(
    ctx.request('POST', `/v1/sites/${site.id}/privacy/erase`, { token: site.serverKey, body: { email } }),
    200,
  )
}

/** What the site holds that could name the reader again: reputation rows and learned name tokens. */
async function tracesOf(site: TestSite) {
  const { db } = ctx.database
  const reputation = rowsOf<{ subject: string }>(
    await db.execute(sql`select subject from reputation where site_id = ${site.id} order by subject`),
  )
  const learned = rowsOf<{ token: string }>(
    await db.execute(sql`
      select token from bayes_tokens where site_id = ${site.id} and (spam > 0 or ham > 0) order by token`),
  )
  return { reputation: reputation.length, learned: learned.length }
}

describe('an Akismet call about a comment whose author had their data erased', () => {
  for (const report of ['/1.1/submit-spam', '/1.1/submit-ham'] as const) {
    it(`is thanked for a ${report.slice(5)} without a guid, and nothing of it is stored or learned`, async () => {
      const site = await ctx.newSite()
      const fields = aCheck(site, { user_ip: '198.51.100.72', ...READER })
      await expectPlain(await akismet('/1.1/comment-check', fields), 'false')
      await erase(site, READER.comment_author_email)
      expect(await storedComments(site)).toEqual([])
      const before = await tracesOf(site)

      await expectPlain(await akismet(report, fields), THANKS)
      expect(await storedComments(site)).toEqual([])
      expect(await tracesOf(site)).toEqual(before)
    })
  }

  it('is judged, not stored, when checked again', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site, { user_ip: '198.51.100.73', ...READER })
    await expectPlain(await akismet('/1.1/comment-check', fields), 'false')
    await erase(site, READER.comment_author_email)

    const recheck = await akismet('/1.1/comment-check', { ...fields, recheck_reason: 'recheck_queue' })
    await expectPlain(recheck, 'false')
    expect(recheck.headers.get('x-akismet-guid')).toBeTruthy()
    expect(await storedComments(site)).toEqual([])
  })

  it('is thanked without storing anything when the address was erased before any of its comments was checked', async () => {
    const site = await ctx.newSite()
    await erase(site, 'Camille@Erase.Example')
    await expectPlain(await akismet('/1.1/submit-ham', aCheck(site, READER)), THANKS)
    expect(await storedComments(site)).toEqual([])
  })
})

describe('a comment its author sent after the erasure of their data', () => {
  it('is stored, and reported without a guid, decided and learned from as any', async () => {
    const site = await ctx.newSite()
    await erase(site, READER.comment_author_email)
    const fields = aCheck(site, { user_ip: '198.51.100.74', ...READER })
    const check = await akismet('/1.1/comment-check', fields)
    await expectPlain(check, 'false')
    const [stored] = await storedComments(site)
    expect(stored?.id).toBe(check.headers.get('x-akismet-guid'))

    await expectPlain(await akismet('/1.1/submit-spam', fields), THANKS)
    const [reported] = await storedComments(site)
    expect(reported).toMatchObject({ id: stored?.id, status: 'spam' })
    expect((await tracesOf(site)).learned).toBeGreaterThan(0)
  })

  it('does not make a report of another reader stored as erased', async () => {
    const site = await ctx.newSite()
    await erase(site, READER.comment_author_email)
    await expectPlain(await akismet('/1.1/submit-spam', aCheck(site, { user_ip: '198.51.100.75' })), THANKS)
    expect(await storedComments(site)).toHaveLength(1)
  })
})

describe('an Akismet report naming a check purged at the end of its retention', () => {
  it('is thanked, and neither stores the check again nor learns it a second time', async () => {
    const site = await ctx.newSite()
    const fields = aCheck(site, { user_ip: '198.51.100.76' })
    const guid = (await akismet('/1.1/comment-check', fields)).headers.get('x-akismet-guid') ?? ''
    await expectPlain(await akismet('/1.1/submit-spam', { ...fields, guid }), THANKS)
    ctx.clock.advance(31 * 24 * 60 * 60_000)
    await purgeExpiredData(ctx.database, ctx.clock, { ipRetentionDays: 30, spamRetentionDays: 30 })
    const corpus = async () =>
      rowsOf<{ spam_messages: number; ham_messages: number }>(
        await ctx.database.db.execute(sql`
          select spam_messages, ham_messages from bayes_corpora where site_id = ${site.id}`),
      )
    const learned = await corpus()
    expect(learned).toEqual([{ spam_messages: 1, ham_messages: 0 }])

    for (const report of ['/1.1/submit-ham', '/1.1/submit-spam'])
      await expectPlain(await akismet(report, { ...fields, guid }), THANKS)
    expect(await storedComments(site)).toEqual([])
    expect(await corpus()).toEqual(learned)
  })
})
