import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { comments } from '../../src/db/schema.js'
import { purgeExpiredData } from '../../src/privacy/retention.js'
import { expectStatus, useTestApp } from '../helpers/app.js'

// Both retention walks (purge-spam.ts, clear-ips.ts) resume each batch after the last comment the previous one read,
// by (created_at, id), its date carried as text so that its microseconds survive. Comments sharing a date, or
// apart by microseconds only, straddle batch boundaries here: none is skipped, none read twice.

const ctx = useTestApp({})
const DAY_MS = 24 * 60 * 60 * 1000

describe('the retention walks, on comments sharing a date or microseconds apart', () => {
  for (const batchSize of [1, 2, 4])
    it(`clear every IP and purge every spam and rejected comment, ${batchSize} at a time`, async () => {
      const site = await ctx.newSite()
      const waiting = []
      for (let n = 0; n < 9; n++) waiting.push(await ctx.submit(site, { ip: `203.0.113.${n + 1}` }))
      for (const [at, comment] of waiting.entries())
        await expectStatus(
          ctx.request('POST', `/v1/sites/${site.id}/comments/${comment.id}/${at % 2 ? 'spam' : 'reject'}`, {
            token: site.moderatorKey,
          }),
          200,
        )
      // Three dates, a few microseconds apart, three comments (of either status) on each.
      for (const [at, comment] of waiting.entries())
        await ctx.database.db.execute(sql`
          update comments set created_at = (select min(created_at) from comments where site_id = ${site.id})
            + interval '7 microseconds' * ${at % 3}
          where id = ${comment.id}`)
      ctx.clock.advance(31 * DAY_MS)

      const ipsOnly = { ipRetentionDays: 30, spamRetentionDays: 60 }
      expect(await purgeExpiredData(ctx.database, ctx.clock, ipsOnly, { batchSize })).toMatchObject({
        ipsCleared: 9,
        spamDeleted: 0,
      })
      const both = { ipRetentionDays: 30, spamRetentionDays: 30 }
      expect(await purgeExpiredData(ctx.database, ctx.clock, both, { batchSize })).toMatchObject({
        ipsCleared: 0,
        spamDeleted: 9,
        spamAnonymised: 0,
      })
      for (const comment of waiting)
        expect(await ctx.database.db.select().from(comments).where(eq(comments.id, comment.id))).toEqual([])
    })
})
