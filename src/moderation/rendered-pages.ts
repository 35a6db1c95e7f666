import type { Database } from '../db/client.js'
import { runStatement } from '../db/statement.js'
import { encodeCursor } from './cursor.js'
import { type ListQuery, listQuery } from './lists.js'

/** A timestamp as JavaScript's `toISOString()` writes it (UTC, milliseconds, `Z`). */
const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`

/** `moderatorCommentView` (comment-view.ts) written in SQL: the same fields, in the same order, the same values. */
const MODERATOR_VIEW = `json_build_object(
  'id', id, 'siteId', site_id, 'articleId', article_id, 'articleUrl', article_url, 'articleTitle', article_title,
  'parentId', parent_id, 'author', json_build_object('name', author_name, 'email', author_email, 'url', author_url),
  'content', content, 'status', status, 'score', score, 'reasons', reasons, 'version', version, 'ip', ip,
  'userAgent', user_agent, 'referrer', referrer, 'source', source, 'extra', extra,
  'createdAt', ${iso('created_at')}, 'updatedAt', ${iso('updated_at')}, 'decidedAt', ${iso('decided_at')})`

/** `publicCommentView` (comment-view.ts) written in SQL, likewise. */
const PUBLIC_VIEW = `json_build_object('id', id, 'parentId', parent_id,
  'author', json_build_object('name', author_name, 'url', author_url), 'content', content,
  'createdAt', ${iso('created_at')})`

const views = { public: PUBLIC_VIEW, moderator: MODERATOR_VIEW }
type View = keyof typeof views

/** A timestamp as the drivers return it: text (postgres.js under drizzle) or a date (PGlite). */
const dateOf = (value: string | Date): Date => (value instanceof Date ? value : new Date(value))

/** Each list statement wrapped to render its page as JSON, made once per shape and view. */
const rendered = new Map<string, string>()

function renderingStatement(
  list: string,
  rowsParameter: number,
  order: ListQuery['order'],
  view: View,
): string {
  const key = `${view}:${list}`
  const known = rendered.get(key)
  if (known) return known
  // The list reads one row more than the page holds: row `$k` (k = page size + 1) only says another page follows.
  const k = `$${rowsParameter}::bigint`
  const direction = order === 'newest' ? 'desc' : 'asc'
  const text = `with listed as (
      select *, row_number() over (order by created_at ${direction}, id ${direction}) as n from (${list}) as page)
    select coalesce((select json_agg(${views[view]} order by n) from listed where n < ${k}), '[]')::text as items,
      (select created_at from listed where n = ${k} - 1) as last_created_at,
      (select id from listed where n = ${k} - 1) as last_id,
      (select count(*) from listed) = ${k} as more`
  rendered.set(key, text)
  return text
}

/**
 * A page of comments as the body of its response, rendered by PostgreSQL: a page of 50 comments parsed into rows,
 * mapped into views and serialised again cost the server most of what the page cost it, and at thousands of
 * pages a second its garbage set the process's peak memory. The page is read off its index by `listQuery`.
 */
async function renderPage(db: Database, query: ListQuery, view: View): Promise<string> {
  const { statement, parameters } = listQuery(query, view === 'public' ? 'public' : 'viewed')
  const [row] = await runStatement<{
    items: string
    last_created_at: string | Date | null
    last_id: string | null
    more: boolean
  }>(db, renderingStatement(statement, parameters.length, query.order, view), parameters)
  const nextCursor =
    row?.more && row.last_created_at && row.last_id
      ? encodeCursor({ createdAt: dateOf(row.last_created_at), id: row.last_id })
      : null
  return `{"items":${row?.items ?? '[]'},"nextCursor":${JSON.stringify(nextCursor)}}`
}

/** A page of the moderation queue, with every comment's reasons. */
export const renderModeratorPage = (db: Database, query: ListQuery) => renderPage(db, query, 'moderator')

/** A page of an article's approved comments, oldest first, as readers see them. */
export const renderApprovedPage = (
  db: Database,
  query: { siteId: string; articleId: string; limit: number; cursor?: string | undefined },
) => renderPage(db, { ...query, status: 'approved', order: 'oldest' }, 'public')
