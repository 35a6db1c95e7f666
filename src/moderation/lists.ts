import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm'
import type { Database } from '../db/client.js'
import { type CommentStatus, comments } from '../db/schema.js'
import { type ViewedComment, viewedColumns } from './comment-view.js'
import { type Cursor, decodeCursor, encodeCursor } from './cursor.js'

export type Page<T> = { items: T[]; nextCursor: string | null }

type ListQuery = {
  siteId: string
  status: CommentStatus
  articleId?: string | undefined
  order: 'newest' | 'oldest'
  limit: number
  cursor?: string | undefined
}

/** Only what the views show: with every comment's learned tokens, sketch and facts, a page of 50 cost twice as much. */
const listed = Object.fromEntries(viewedColumns.map((name) => [name, comments[name]])) as {
  [Name in (typeof viewedColumns)[number]]: (typeof comments)[Name]
}

/**
 * Keyset pagination over (createdAt, id): each page starts strictly after the last row of the previous one,
 * so a deep page costs the same as the first and rows arriving meanwhile neither repeat nor go missing.
 */
export async function listComments(db: Database, query: ListQuery): Promise<Page<ViewedComment>> {
  const after = query.cursor ? decodeCursor(query.cursor) : null
  const conditions: (SQL | undefined)[] = [
    eq(comments.siteId, query.siteId),
    eq(comments.status, query.status),
  ]
  if (query.articleId !== undefined) conditions.push(eq(comments.articleId, query.articleId))
  if (after) conditions.push(beyond(after, query.order))
  const direction = query.order === 'newest' ? desc : asc
  const rows = await db
    .select(listed)
    .from(comments)
    .where(and(...conditions))
    .orderBy(direction(comments.createdAt), direction(comments.id))
    .limit(query.limit + 1)
  const items = rows.slice(0, query.limit)
  const last = items.at(-1)
  const nextCursor =
    rows.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null
  return { items, nextCursor }
}

/** A row comparison, which PostgreSQL answers with one range scan of the (…, created_at, id) index. */
function beyond(cursor: Cursor, order: 'newest' | 'oldest'): SQL {
  const position = sql`(${cursor.createdAt.toISOString()}::timestamptz, ${cursor.id}::uuid)`
  return order === 'newest'
    ? sql`(${comments.createdAt}, ${comments.id}) < ${position}`
    : sql`(${comments.createdAt}, ${comments.id}) > ${position}`
}

/** Approved comments of one article, oldest first: what an article page shows its readers. */
export function listApprovedComments(
  db: Database,
  query: { siteId: string; articleId: string; limit: number; cursor?: string | undefined },
): Promise<Page<ViewedComment>> {
  return listComments(db, { ...query, status: 'approved', order: 'oldest' })
}
