import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type Body, json, type TestSite, useTestApp } from '../helpers/app.js'
import { assertProperty } from '../properties/check.js'

/**
 * Walking a list page by page through its cursors lists every comment it holds exactly once, in order, whatever
 * the page size, the order asked for, the article filter, and however many comments share a timestamp.
 */

const ctx = useTestApp()

type Posted = { id: string; articleId: string; createdAt: string }

/** Oldest first: by arrival, then by id among comments that arrived in the same millisecond. */
const oldestFirst = (a: Posted, b: Posted) =>
  a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1

/** Every id a walk from the first page to the last lists, in the order listed. */
async function walk(path: (cursor: string) => string, token?: null): Promise<string[]> {
  const seen: string[] = []
  let cursor: string | null = ''
  for (let pages = 0; cursor !== null; pages++) {
    if (pages > 20) throw new Error('the walk does not end')
    const page: Body = await json(ctx.request('GET', path(cursor), token === null ? { token } : {}))
    seen.push(...page.items.map((item: Body) => item.id))
    cursor = page.nextCursor
  }
  return seen
}

async function post(site: TestSite, comments: { articleId: string; afterMs: number }[]) {
  const posted: Posted[] = []
  for (const { articleId, afterMs } of comments) {
    const { id } = await ctx.submit(site, { articleId }, afterMs)
    posted.push({ id, articleId, createdAt: ctx.clock.now().toISOString() })
  }
  return posted
}

describe('walking a list through its cursors', () => {
  it('lists each comment once, in order, with filters and at equal timestamps', async () => {
    const comments = fc.array(
      fc.record({ articleId: fc.constantFrom('a', 'b'), afterMs: fc.constantFrom(0, 0, 1, 1000) }),
      { minLength: 1, maxLength: 9 },
    )
    const listing = fc.record({
      order: fc.constantFrom('newest', 'oldest'),
      limit: fc.integer({ min: 1, max: 3 }),
      articleId: fc.constantFrom('a', 'b', ''),
    })
    await assertProperty(
      fc.asyncProperty(comments, listing, async (toPost, { order, limit, articleId }) => {
        const site = await ctx.newSite()
        const posted = await post(site, toPost)
        const oldest = posted
          .filter((comment) => !articleId || comment.articleId === articleId)
          .sort(oldestFirst)
          .map((comment) => comment.id)

        const query = `status=approved&order=${order}&limit=${limit}&articleId=${articleId}`
        const queue = await walk((cursor) => `/v1/sites/${site.id}/queue?${query}&cursor=${cursor}`)
        expect(queue).toEqual(order === 'oldest' ? oldest : [...oldest].reverse())

        if (!articleId) return
        const articlePage = (cursor: string) =>
          `/v1/sites/${site.id}/articles/${articleId}/comments?limit=${limit}&cursor=${cursor}`
        expect(await walk(articlePage, null)).toEqual(oldest)
      }),
      { numRuns: 30 },
    )
  }, 120_000)
})
