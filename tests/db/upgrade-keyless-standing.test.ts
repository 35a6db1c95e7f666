import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { rowsOf } from '../../src/db/client.js'
import { migrateDatabase } from '../../src/db/migrate.js'
import { reputationMoves } from '../../src/moderation/learning.js'
import { createTestDatabase } from '../helpers/db.js'
import { migrateWith, migrationsBefore } from '../helpers/migrations.js'

/**
 * Releases before migration 0029 counted a comment sent without a key towards its e-mail's and website's
 * reputation from a moderator's approval on, for good, and every comment stored before 0022 from the start. The
 * migration records which comments came without a key, from the audit trail, and takes back the spam that those
 * no longer approved gave their addresses.
 */
const TAG = '0029_comments_sent_with_key'
const SITE = 'le-quotidien'

type Seeded = { id: string; status: string; identityCounted: boolean; actor: string | null }

const seeded: Seeded[] = [
  // Sent by the site's backend with its key: the engine's spam verdict counts, and still does.
  { id: '01900000-0000-7000-8000-000000000001', status: 'spam', identityCounted: true, actor: 'key-1' },
  // Sent from a browser, approved then marked spam: the spam it gave the address is taken back.
  { id: '01900000-0000-7000-8000-000000000002', status: 'spam', identityCounted: true, actor: null },
  // Sent from a browser and approved by a moderator: it counts, as before.
  { id: '01900000-0000-7000-8000-000000000003', status: 'approved', identityCounted: true, actor: null },
  // Sent from a browser, judged by the engine alone since 0022: it never counted.
  { id: '01900000-0000-7000-8000-000000000004', status: 'spam', identityCounted: false, actor: null },
  // Sent from a browser, approved then rejected: it counted nothing, and now stops being vouched for.
  { id: '01900000-0000-7000-8000-000000000005', status: 'rejected', identityCounted: true, actor: null },
]

describe('upgrading through migration 0029', () => {
  it('finds the comments sent without a key and takes back the spam they gave addresses once no longer approved', async () => {
    const database = await createTestDatabase({ migrated: false })
    try {
      await migrateWith(database, migrationsBefore(TAG))
      const { db } = database
      await db.execute(sql`
        insert into sites (id, name, created_at, updated_at) values (${SITE}, 'Le Quotidien', now(), now())`)
      for (const comment of seeded) {
        await db.execute(sql`
          insert into comments (id, site_id, article_id, author_name, author_email_hash, author_url_host, content,
            content_hash, status, score, reasons, identity_counted, created_at, updated_at)
          values (${comment.id}::uuid, ${SITE}, 'a', 'Camille', 'camille-hash', 'camille.example', 'Merci',
            ${comment.id}, ${comment.status}::comment_status, 0, '[]', ${comment.identityCounted}, now(), now())`)
        await db.execute(sql`
          insert into moderation_events (site_id, comment_id, actor, action, from_status, to_status, created_at)
          values (${SITE}, ${comment.id}::uuid, ${comment.actor}, 'submit', null, 'pending', now())`)
      }
      // What those releases counted: comments 1 and 2 as spam, comment 3 as approved; the IP is left alone.
      await db.execute(sql`
        insert into reputation (site_id, subject, approved, spam) values
          (${SITE}, 'e:camille-hash', 1, 2), (${SITE}, 'h:camille.example', 1, 2), (${SITE}, 'i:network', 0, 5)`)

      await migrateDatabase(database)

      const comments = rowsOf<{ id: string; sent_with_key: boolean | null; identity_counted: boolean }>(
        await db.execute(sql`select id, sent_with_key, identity_counted from comments order by id`),
      )
      // Recorded only where identity_counted would say otherwise: null reads as identity_counted.
      expect(comments.map((row) => [row.sent_with_key, row.identity_counted])).toEqual([
        [null, true],
        [false, false],
        [false, true],
        [null, false],
        [false, false],
      ])
      const standing = rowsOf<{ subject: string; approved: number; spam: number }>(
        await db.execute(sql`select subject, approved, spam from reputation order by subject`),
      )
      expect(standing).toEqual([
        { subject: 'e:camille-hash', approved: 1, spam: 1 },
        { subject: 'h:camille.example', approved: 1, spam: 1 },
        { subject: 'i:network', approved: 0, spam: 5 },
      ])
    } finally {
      await database.dispose()
    }
  })
})

describe('a comment an older release stores during a deploy, the column added but not written', () => {
  const olderRelease = {
    status: 'pending' as const,
    identityCounted: false,
    sentWithKey: null,
    authorEmailHash: 'camille-hash',
    authorUrlHost: 'camille.example',
    ipHash: 'network',
  }

  it('gives the address nothing when a moderator marks it spam, as a keyless comment', () => {
    expect(reputationMoves(olderRelease, 'spam')).toEqual([{ subject: 'i:network', approved: 0, spam: 1 }])
  })

  it('counts for the address once a moderator approves it, as a keyless comment', () => {
    expect(reputationMoves(olderRelease, 'approved').map((move) => move.subject)).toEqual([
      'e:camille-hash',
      'h:camille.example',
      'i:network',
    ])
  })
})
