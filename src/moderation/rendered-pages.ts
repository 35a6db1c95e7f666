import type { Database } from '../db/client.js'
import { runStatementAsBytes } from '../db/statement.js'
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

/** A column as `runStatementAsBytes` gives it: the bytes of its text (postgres.js) or its parsed value (PGlite). */
const textOf = (value: unknown): string | null =>
  value === null || value === undefined
    ? null
    : value instanceof Uint8Array
      ? Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8')
      : value instanceof Date
        ? value.toISOString()
        : String(value)

/** A boolean column: `t` as text, or true. */
const isTrue = (value: unknown) => value === true || textOf(value) === 't'

/**
 * A page's body: the bytes PostgreSQL sent, framed, when the driver gave bytes (never decoded into a string,
 * whose garbage at thousands of pages a second set the process's peak memory), or text.
 */
export type PageBody = Uint8Array<ArrayBuffer> | string

const ITEMS_START = Buffer.from('{"items":')

function pageBody(items: unknown, nextCursor: string | null): PageBody {
  const end = `,"nextCursor":${JSON.stringify(nextCursor)}}`
  if (items instanceof Uint8Array) return Buffer.concat([ITEMS_START, items, Buffer.from(end)])
  return `{"items":${textOf(items) ?? '[]'}${end}`
}

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
async function renderPage(db: Database, query: ListQuery, view: View): Promise<PageBody> {
  const { statement, parameters } = listQuery(query, view === 'public' ? 'public' : 'viewed')
  const [row] = await runStatementAsBytes(
    db,
    renderingStatement(statement, parameters.length, query.order, view),
    parameters,
  )
  const [items, lastCreatedAt, lastId, more] = row ?? []
  const last = { createdAt: textOf(lastCreatedAt), id: textOf(lastId) }
  const nextCursor =
    isTrue(more) && last.createdAt && last.id
      ? encodeCursor({ createdAt: new Date(last.createdAt), id: last.id })
      : null
  return pageBody(items, nextCursor)
}

/** A page of the moderation queue, with every comment's reasons. */
export const renderModeratorPage = (db: Database, query: ListQuery) => renderPage(db, query, 'moderator')

/** A page of an article's approved comments, oldest first, as readers see them. */
export const renderApprovedPage = (
  db: Database,
  query: { siteId: string; articleId: string; limit: number; cursor?: string | undefined },
) => renderPage(db, { ...query, status: 'approved', order: 'oldest' }, 'public')
