import { and, asc, desc, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { type CommentRow, comments } from '../../src/db/schema.js'
import { moderatorCommentView, publicCommentView } from '../../src/moderation/comment-view.js'
import type { ListQuery } from '../../src/moderation/lists.js'
import {
  type PageBody,
  renderApprovedPage,
  renderModeratorPage,
} from '../../src/moderation/rendered-pages.js'
import { useTestApp } from '../helpers/app.js'

const ctx = useTestApp()

/** Texts that test a JSON writer: quotes, backslashes, control characters, every script, emoji, HTML. */
const contents = [
  'Plain "quoted" text with a \\ backslash',
  'Lignes\nmultiples\tavec tabulation et retour\r chariot',
  'Контроль \u0001\u001f символов и «кавычки»',
  '한국어 댓글입니다 😀 <b>gras</b> & </script>',
  'Ligne U+2028:\u2028fin, DEL:\u007f',
]

async function seed(siteId: string) {
  const base = Date.parse('2026-03-01T08:00:00.000Z')
  let n = 0
  for (const content of contents) {
    for (const status of ['pending', 'spam', 'approved'] as const) {
      n++
      await ctx.database.db.execute(sql`insert into comments (id, site_id, article_id, article_url, author_name,
          author_email, author_url, content, content_hash, status, score, reasons, version, ip,
          user_agent, referrer, source, extra, created_at, updated_at, decided_at)
        values (gen_random_uuid(), ${siteId}, ${n % 2 ? 'sommet' : 'elections'}, ${n % 3 ? 'https://ex.fr/a?x=1&y="2"' : null},
          ${`Auteur ${content.slice(0, 6)}`}, ${n % 2 ? 'a@example.fr' : null}, null, ${content}, ${`h${n}`},
          ${status}, ${[0, 2.5, 7.3, -1.2, 5][n % 5]},
          ${JSON.stringify([{ rule: 'links', score: 1.5, detail: `3 liens "${content.slice(0, 8)}"` }])}::jsonb,
          ${1 + (n % 3)}, ${n % 2 ? '203.0.113.9' : null}, 'Mozilla/5.0', null, ${n % 4 ? 'api' : 'akismet'},
          ${n % 4 ? null : JSON.stringify({ blog: 'https://ex.fr', comment_context: ['a', 'b'], n: 1.25 })}::jsonb,
          ${new Date(base + n * 61_001).toISOString()}::timestamptz, ${new Date(base + n * 99_999).toISOString()}::timestamptz,
          ${status === 'pending' ? null : new Date(base + n * 120_000).toISOString()}::timestamptz)`)
    }
  }
}

/** Every comment a walk through the pages must return, in order, as read back by drizzle and viewed in JavaScript. */
async function expected(query: Omit<ListQuery, 'limit' | 'cursor'>, view: (row: CommentRow) => unknown) {
  const direction = query.order === 'newest' ? desc : asc
  const rows = await ctx.database.db
    .select()
    .from(comments)
    .where(
      and(
        eq(comments.siteId, query.siteId),
        eq(comments.status, query.status),
        query.articleId === undefined ? undefined : eq(comments.articleId, query.articleId),
      ),
    )
    .orderBy(direction(comments.createdAt), direction(comments.id))
  return rows.map((row) => JSON.stringify(view(row)))
}

/** Follows `nextCursor` from the first page to the last: every item (normalised) and the pages' sizes. */
/** A page as text, whether the driver gave its bytes (postgres.js) or a string (PGlite). */
const textOf = (body: PageBody) => (typeof body === 'string' ? body : Buffer.from(body).toString('utf8'))

async function walk(render: (cursor: string | undefined) => Promise<PageBody>) {
  const items: string[] = []
  const sizes: number[] = []
  let cursor: string | undefined
  do {
    const page = JSON.parse(textOf(await render(cursor))) as { items: unknown[]; nextCursor: string | null }
    // Re-serialised: PostgreSQL spaces its JSON a little differently, the fields, order and values are the point.
    items.push(...page.items.map((item) => JSON.stringify(item)))
    sizes.push(page.items.length)
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return { items, sizes }
}

describe('pages of comments rendered by PostgreSQL', () => {
  it('walk the moderation queue as moderatorCommentView shows it, in every order and filter', async () => {
    const site = await ctx.newSite()
    await seed(site.id)
    const shapes: Omit<ListQuery, 'siteId'>[] = [
      { status: 'pending', order: 'newest', limit: 2 },
      { status: 'spam', order: 'oldest', limit: 2 },
      { status: 'approved', order: 'newest', limit: 50 },
      { status: 'pending', order: 'oldest', limit: 1, articleId: 'sommet' },
    ]
    for (const shape of shapes) {
      const query = { siteId: site.id, ...shape }
      const { items, sizes } = await walk((cursor) =>
        renderModeratorPage(ctx.database.db, { ...query, cursor }),
      )
      expect(items).toEqual(await expected(query, moderatorCommentView))
      expect(items.length).toBeGreaterThan(0)
      expect(sizes.every((size) => size <= shape.limit)).toBe(true)
    }
  })

  it("walk an article's approved comments as publicCommentView shows them, oldest first", async () => {
    const site = await ctx.newSite()
    await seed(site.id)
    const { items, sizes } = await walk((cursor) =>
      renderApprovedPage(ctx.database.db, { siteId: site.id, articleId: 'sommet', limit: 2, cursor }),
    )
    const query = { siteId: site.id, status: 'approved', order: 'oldest', articleId: 'sommet' } as const
    expect(items).toEqual(await expected(query, publicCommentView))
    expect(sizes.length).toBeGreaterThan(1)
  })

  it('is an empty page for a site with nothing in that status', async () => {
    const site = await ctx.newSite()
    const page = await renderModeratorPage(ctx.database.db, {
      siteId: site.id,
      status: 'spam',
      order: 'newest',
      limit: 50,
    })
    expect(textOf(page)).toBe('{"items":[],"nextCursor":null}')
  })
})
