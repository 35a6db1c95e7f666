import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { moderatorCommentView, publicCommentView } from '../../src/moderation/comment-view.js'
import { type ListQuery, listApprovedComments, listComments } from '../../src/moderation/lists.js'
import { renderApprovedPage, renderModeratorPage } from '../../src/moderation/rendered-pages.js'
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
          author_email, author_url, content, content_hash, match_text, status, score, reasons, version, ip,
          user_agent, referrer, source, extra, created_at, updated_at, decided_at)
        values (gen_random_uuid(), ${siteId}, ${n % 2 ? 'sommet' : 'elections'}, ${n % 3 ? 'https://ex.fr/a?x=1&y="2"' : null},
          ${`Auteur ${content.slice(0, 6)}`}, ${n % 2 ? 'a@example.fr' : null}, null, ${content}, ${`h${n}`}, ${content},
          ${status}, ${[0, 2.5, 7.3, -1.2, 5][n % 5]},
          ${JSON.stringify([{ rule: 'links', score: 1.5, detail: `3 liens "${content.slice(0, 8)}"` }])}::jsonb,
          ${1 + (n % 3)}, ${n % 2 ? '203.0.113.9' : null}, 'Mozilla/5.0', null, ${n % 4 ? 'api' : 'akismet'},
          ${n % 4 ? null : JSON.stringify({ blog: 'https://ex.fr', comment_context: ['a', 'b'], n: 1.25 })}::jsonb,
          ${new Date(base + n * 61_001).toISOString()}::timestamptz, ${new Date(base + n * 99_999).toISOString()}::timestamptz,
          ${status === 'pending' ? null : new Date(base + n * 120_000).toISOString()}::timestamptz)`)
    }
  }
}

/** The page as the server used to build it: rows mapped to views and serialised by JavaScript. */
async function builtInJavaScript(query: ListQuery) {
  const page = await listComments(ctx.database.db, query)
  return JSON.stringify({ items: page.items.map(moderatorCommentView), nextCursor: page.nextCursor })
}

describe('pages of comments rendered by PostgreSQL', () => {
  it('renders the moderation queue as JavaScript would have, page after page, in every order and filter', async () => {
    const site = await ctx.newSite()
    await seed(site.id)
    const queries: Omit<ListQuery, 'siteId'>[] = [
      { status: 'pending', order: 'newest', limit: 2 },
      { status: 'spam', order: 'oldest', limit: 2 },
      { status: 'approved', order: 'newest', limit: 50 },
      { status: 'pending', order: 'oldest', limit: 1, articleId: 'sommet' },
    ]
    let pages = 0
    for (const shape of queries) {
      let cursor: string | undefined
      do {
        const query: ListQuery = { siteId: site.id, ...shape, cursor }
        const rendered = await renderModeratorPage(ctx.database.db, query)
        // The same fields in the same order with the same values; PostgreSQL spaces its JSON a little differently.
        expect(JSON.stringify(JSON.parse(rendered))).toBe(await builtInJavaScript(query))
        cursor = (JSON.parse(rendered) as { nextCursor: string | null }).nextCursor ?? undefined
        pages++
      } while (cursor)
    }
    expect(pages).toBeGreaterThan(8)
  })

  it("renders an article's page as readers see it, as JavaScript would have, page after page", async () => {
    const site = await ctx.newSite()
    await seed(site.id)
    let cursor: string | undefined
    let pages = 0
    do {
      const query = { siteId: site.id, articleId: 'sommet', limit: 2, cursor }
      const rendered = await renderApprovedPage(ctx.database.db, query)
      const page = await listApprovedComments(ctx.database.db, query)
      expect(JSON.stringify(JSON.parse(rendered))).toBe(
        JSON.stringify({ items: page.items.map(publicCommentView), nextCursor: page.nextCursor }),
      )
      cursor = (JSON.parse(rendered) as { nextCursor: string | null }).nextCursor ?? undefined
      pages++
    } while (cursor)
    expect(pages).toBeGreaterThan(1)
  })

  it('is an empty page for a site with nothing in that status', async () => {
    const site = await ctx.newSite()
    expect(
      await renderModeratorPage(ctx.database.db, {
        siteId: site.id,
        status: 'spam',
        order: 'newest',
        limit: 50,
      }),
    ).toBe('{"items":[],"nextCursor":null}')
  })
})
