import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { rowsOf } from '../../src/db/client.js'
import { migrateDatabase } from '../../src/db/migrate.js'
import { purgeExpiredData } from '../../src/privacy/retention.js'
import { TestClock } from '../helpers/app.js'
import { createTestDatabase } from '../helpers/db.js'
import { migrateWith, migrationsBefore } from '../helpers/migrations.js'

/**
 * Releases before 2158a46 cleared a comment's raw IP, user agent and referrer past IP_RETENTION_DAYS, and of what
 * an Akismet client forwarded only the Apache-style keys: the rest (x-forwarded-for, user-agent, submit_referer...)
 * stayed, and the comment, holding no raw IP any more, left the index the clearing reads. Migration 0024 clears
 * what those runs left.
 */
const TAG = '0024_clear_forwarded_details_left_by_earlier_clearings'

const forwarded = {
  'x-forwarded-for': '203.0.113.81, 10.0.0.1',
  'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64)',
  submit_referer: 'https://blog.example/2026/11/post/?from=newsletter-203.0.113.81',
  submit_uri: '/2026/11/post/',
  X_Real_IP: '203.0.113.81',
  'cf-connecting-ip': '203.0.113.81',
}
const kept = { blog: 'https://blog.example', comment_type: 'comment', 'POST_your-subject': 'Budget' }

describe('upgrading through migration 0024', () => {
  it('clears the forwarded details earlier clearings left, and leaves comments still in their retention alone', async () => {
    const database = await createTestDatabase({ migrated: false })
    try {
      await migrateWith(database, migrationsBefore(TAG))
      await database.db.execute(sql`
        insert into sites (id, name, created_at, updated_at) values ('le-quotidien', 'Le Quotidien', now(), now())`)
      const insert = (id: string, ip: string | null, extra: object | null) =>
        database.db.execute(sql`
          insert into comments (id, site_id, article_id, author_name, content, content_hash, status, score,
            reasons, ip, extra, created_at, updated_at)
          values (${id}::uuid, 'le-quotidien', 'a', 'Amélie', 'Merci', ${id}, 'approved', 0, '[]', ${ip},
            ${extra === null ? null : JSON.stringify(extra)}::jsonb, now() - interval '90 days', now())`)
      // Cleared by an earlier release: no raw IP left, the other names still there.
      await insert('01900000-0000-7000-8000-000000000001', null, { ...kept, ...forwarded })
      // Within its retention: the hourly clearing takes all of it once its time comes, not the migration now.
      await insert('01900000-0000-7000-8000-000000000002', '203.0.113.82', { ...kept, ...forwarded })
      await insert('01900000-0000-7000-8000-000000000003', null, kept)
      await insert('01900000-0000-7000-8000-000000000004', null, null)
      // No app writes anything but an object there; hand-made data must not stop every start.
      await insert('01900000-0000-7000-8000-000000000005', null, ['203.0.113.83'])

      await migrateDatabase(database)
      const extras = rowsOf<{ id: string; extra: unknown }>(
        await database.db.execute(sql`select id, extra from comments order by id`),
      )
      expect(extras).toEqual([
        { id: '01900000-0000-7000-8000-000000000001', extra: kept },
        { id: '01900000-0000-7000-8000-000000000002', extra: { ...kept, ...forwarded } },
        { id: '01900000-0000-7000-8000-000000000003', extra: kept },
        { id: '01900000-0000-7000-8000-000000000004', extra: null },
        { id: '01900000-0000-7000-8000-000000000005', extra: ['203.0.113.83'] },
      ])

      // And the hourly clearing, which finds the one still holding its IP, now leaves nothing of the kind.
      await purgeExpiredData(database, new TestClock(new Date()), {
        ipRetentionDays: 30,
        spamRetentionDays: 3650,
      })
      const left = rowsOf<{ extra: unknown }>(
        await database.db.execute(sql`select extra from comments order by id`),
      )
      expect(left.map(({ extra }) => extra)).toEqual([kept, kept, kept, null, ['203.0.113.83']])
    } finally {
      await database.dispose()
    }
  })
})
