import type { Database } from '../db/client.js'
import type { CommentRow, CommentStatus, ReasonRow } from '../db/schema.js'
import { runStatement } from '../db/statement.js'
import { type PublicListedComment, publicColumns, type ViewedComment, viewedColumns } from './comment-view.js'
import { decodeCursor, encodeCursor } from './cursor.js'

export type Page<T> = { items: T[]; nextCursor: string | null }

export type ListQuery = {
  siteId: string
  status: CommentStatus
  articleId?: string | undefined
  order: 'newest' | 'oldest'
  limit: number
  cursor?: string | undefined
}

/** A listed row as the drivers return it: timestamps as text (postgres.js under drizzle) or as dates (PGlite). */
type ListedRow = {
  id: string
  site_id: string
  article_id: string
  article_url: string | null
  article_title: string | null
  parent_id: string | null
  author_name: string
  author_email: string | null
  author_url: string | null
  content: string
  status: CommentStatus
  score: number
  reasons: ReasonRow[]
  version: number
  ip: string | null
  user_agent: string | null
  referrer: string | null
  source: string
  extra: Record<string, unknown> | null
  created_at: string | Date
  updated_at: string | Date
  decided_at: string | Date | null
}

/**
 * Only what the views show (`viewedColumns`): with every comment's learned tokens, sketch and facts, a page of
 * 50 cost twice as much.
 */
const columnList = (names: readonly string[]) =>
  names.map((name) => name.replace(/[A-Z]/g, (upper) => `_${upper.toLowerCase()}`)).join(', ')
const VIEWED_COLUMNS = columnList(viewedColumns)
/** An article page shows six columns of each comment: reading (and parsing) the other sixteen doubled its cost. */
const PUBLIC_COLUMNS = columnList(publicColumns)

export type Shape = {
  columns: 'viewed' | 'public'
  byArticle: boolean
  order: 'newest' | 'oldest'
  after: boolean
}
/** One constant text per shape of list (sixteen at most), each prepared once per connection. */
const statements = new Map<string, string>()

/**
 * The statement for one shape of list, on its index: `comments_article_idx` (site, article, status, created_at,
 * id) for an article's comments, `comments_queue_idx` (site, status, created_at, id) for the queue. A cursor is
 * a row comparison, which PostgreSQL answers with one range scan of the index.
 *   $1 site, $2 status, then the article, then the cursor's time and id, then how many rows.
 */
export function listStatement(shape: Shape): string {
  const key = `${shape.columns}:${shape.byArticle}:${shape.order}:${shape.after}`
  const known = statements.get(key)
  if (known) return known
  const parameters = ['site_id = $1', 'status = $2::comment_status']
  let next = 3
  if (shape.byArticle) parameters.push(`article_id = $${next++}`)
  if (shape.after) {
    const comparison = shape.order === 'newest' ? '<' : '>'
    parameters.push(`(created_at, id) ${comparison} ($${next}::timestamptz, $${next + 1}::uuid)`)
    next += 2
  }
  const direction = shape.order === 'newest' ? 'desc' : 'asc'
  const columns = shape.columns === 'public' ? PUBLIC_COLUMNS : VIEWED_COLUMNS
  const text = `select ${columns} from comments where ${parameters.join(' and ')}
    order by created_at ${direction}, id ${direction} limit $${next}`
  statements.set(key, text)
  return text
}

/** The statement listing `query`'s page, one row more than the page holds (to know whether another follows). */
export function listQuery(query: ListQuery, columns: Shape['columns']) {
  const after = query.cursor ? decodeCursor(query.cursor) : null
  const parameters: unknown[] = [query.siteId, query.status]
  if (query.articleId !== undefined) parameters.push(query.articleId)
  if (after) parameters.push(after.createdAt.toISOString(), after.id)
  parameters.push(query.limit + 1)
  const statement = listStatement({
    columns,
    byArticle: query.articleId !== undefined,
    order: query.order,
    after: after !== null,
  })
  return { statement, parameters }
}

/**
 * Keyset pagination over (createdAt, id): each page starts strictly after the last row of the previous one,
 * so a deep page costs the same as the first and rows arriving meanwhile neither repeat nor go missing.
 */
export async function listComments(db: Database, query: ListQuery): Promise<Page<ViewedComment>> {
  return listRows(db, query, 'viewed', viewedCommentOf)
}

async function listRows<Row extends { createdAt: Date; id: string }>(
  db: Database,
  query: ListQuery,
  columns: Shape['columns'],
  rowOf: (row: ListedRow) => Row,
): Promise<Page<Row>> {
  const { statement, parameters } = listQuery(query, columns)
  const rows = await runStatement<ListedRow>(db, statement, parameters)
  const items = rows.slice(0, query.limit).map(rowOf)
  const last = items.at(-1)
  const nextCursor =
    rows.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null
  return { items, nextCursor }
}

export const dateOf = (value: string | Date): Date => (value instanceof Date ? value : new Date(value))

function viewedCommentOf(row: ListedRow): ViewedComment {
  return {
    id: row.id,
    siteId: row.site_id,
    articleId: row.article_id,
    articleUrl: row.article_url,
    articleTitle: row.article_title,
    parentId: row.parent_id,
    authorName: row.author_name,
    authorEmail: row.author_email,
    authorUrl: row.author_url,
    content: row.content,
    status: row.status,
    score: Number(row.score),
    reasons: row.reasons,
    version: Number(row.version),
    ip: row.ip,
    userAgent: row.user_agent,
    referrer: row.referrer,
    source: row.source,
    extra: row.extra,
    createdAt: dateOf(row.created_at),
    updatedAt: dateOf(row.updated_at),
    decidedAt: row.decided_at === null ? null : dateOf(row.decided_at),
  } satisfies { [Column in keyof ViewedComment]: CommentRow[Column] }
}

function publicListedCommentOf(row: ListedRow): PublicListedComment {
  return {
    id: row.id,
    parentId: row.parent_id,
    authorName: row.author_name,
    authorUrl: row.author_url,
    content: row.content,
    createdAt: dateOf(row.created_at),
  }
}

/** Approved comments of one article, oldest first, with what a reader may see: what an article page shows. */
export function listApprovedComments(
  db: Database,
  query: { siteId: string; articleId: string; limit: number; cursor?: string | undefined },
): Promise<Page<PublicListedComment>> {
  return listRows(db, { ...query, status: 'approved', order: 'oldest' }, 'public', publicListedCommentOf)
}
