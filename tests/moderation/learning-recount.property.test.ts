import { sql } from 'drizzle-orm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { rowsOf } from '../../src/db/client.js'
import { createMetrics } from '../../src/metrics/metrics.js'
import { ADMIN_TOKEN, expectStatus, useTestApp } from '../helpers/app.js'
import { assertProperty } from '../properties/check.js'

/**
 * Whatever chain of decisions moderators take (spam, then approve, then reject, then spam again…), the learned
 * counts and the reputation counts are what a recount from the comments as they now stand gives: each reversal
 * takes back exactly what the decision before it added, even when SHARED_LEARNING changed between two of them.
 */

const ctx = useTestApp()

/** Texts that share words, so that reversals move the same tokens in and out of both classes. */
const texts = [
  'Cheap replica watches at the discount outlet, best prices on replica watches',
  'La réforme des retraites au Sénat: le débat sur les retraites continue',
  'Discount watches and the Sénat débat, replica prices compared',
]

type Count = { key: string; spam: number; ham: number }
const sorted = (rows: Count[]) =>
  rows.filter((row) => row.spam !== 0 || row.ham !== 0).sort((a, b) => (a.key < b.key ? -1 : 1))

async function stored() {
  const { db } = ctx.database
  const tokens = rowsOf<Count>(
    await db.execute(sql`select site_id || ' ' || token as key, spam, ham from bayes_tokens`),
  )
  const corpora = rowsOf<Count>(
    await db.execute(
      sql`select site_id as key, spam_messages as spam, ham_messages as ham from bayes_corpora`,
    ),
  )
  const standing = rowsOf<Count>(
    await db.execute(sql`select site_id || ' ' || subject as key, spam, approved as ham from reputation`),
  )
  return { tokens: sorted(tokens), corpora: sorted(corpora), standing: sorted(standing) }
}

/** The same counts, recounted from every comment's status and learning columns. */
async function recounted() {
  const { db } = ctx.database
  const learned = sql`(
    select site_id as corpus, learned_as, learned_tokens from comments where learned_as is not null
    union all
    select '*', learned_as, learned_tokens from comments
    where learned_as is not null and learned_in_server_corpus)`
  const tokens = rowsOf<Count>(
    await db.execute(sql`
      select corpus || ' ' || token as key,
        count(*) filter (where learned_as = 'spam')::int as spam,
        count(*) filter (where learned_as = 'ham')::int as ham
      from ${learned} as learned
        cross join lateral (select distinct unnest(learned_tokens) as token) as t
      group by corpus, token`),
  )
  const corpora = rowsOf<Count>(
    await db.execute(sql`
      select corpus as key, count(*) filter (where learned_as = 'spam')::int as spam,
        count(*) filter (where learned_as = 'ham')::int as ham
      from ${learned} as learned group by corpus`),
  )
  const standing = rowsOf<Count>(
    await db.execute(sql`
      select site_id || ' ' || subject as key, count(*) filter (where status = 'spam')::int as spam,
        count(*) filter (where status = 'approved')::int as ham
      from comments cross join lateral (values
        ('e:' || author_email_hash), ('h:' || author_url_host), ('i:' || ip_hash)) as s(subject)
      where subject is not null
      group by site_id, subject`),
  )
  return { tokens: sorted(tokens), corpora: sorted(corpora), standing: sorted(standing) }
}

/** The same database served by a process started with SHARED_LEARNING=false. */
let unsharedApp: ReturnType<typeof createApp> | undefined
const unshared = () => {
  unsharedApp ??= createApp({
    db: ctx.database.db,
    config: loadConfig({ ADMIN_TOKEN, NODE_ENV: 'test', SHARED_LEARNING: 'false' }),
    clock: ctx.clock,
    // Its own metrics: no backlog watcher left running.
    metrics: createMetrics(),
  })
  return unsharedApp
}

describe('learned and reputation counts under any chain of decisions', () => {
  it('equal a recount from the comments', async () => {
    const decisions = fc.array(
      fc.record({
        comment: fc.nat({ max: texts.length - 1 }),
        action: fc.constantFrom('approve', 'reject', 'spam'),
        shared: fc.boolean(),
      }),
      { minLength: 1, maxLength: 8 },
    )
    await assertProperty(
      fc.asyncProperty(decisions, async (chain) => {
        const site = await ctx.newSite({ settings: { moderation: 'all' } })
        const author = { name: 'Ines', email: 'ines@example.org', url: 'https://ines.example' }
        const ids: string[] = []
        for (const content of texts) {
          const comment = await ctx.submit(site, { content, author, ip: '198.51.100.7' }, 60_000)
          ids.push(comment.id)
        }
        for (const { comment, action, shared } of chain) {
          const path = `/v1/sites/${site.id}/comments/${ids[comment]}/${action}`
          const headers = { authorization: `Bearer ${site.moderatorKey}` }
          await expectStatus((shared ? ctx.app : unshared()).request(path, { method: 'POST', headers }), 200)
        }
        expect(await stored()).toEqual(await recounted())
      }),
      { numRuns: 25 },
    )
  }, 120_000)
})
