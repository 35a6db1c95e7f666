import { textArray } from '../db/array-literals.js'
import type { CommentStatus } from '../db/schema.js'
import { publicColumns, viewedColumns } from './comment-view.js'
import { decodeCursor } from './cursor.js'

export type ListQuery = {
  siteId: string
  status: CommentStatus
  articleId?: string | undefined
  /** Only the comments sent from this e-mail address or this IP address (by the hashes intake stored). */
  sender?: SenderFilter | undefined
  order: 'newest' | 'oldest'
  limit: number
  cursor?: string | undefined
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

/**
 * Keyed hashes (identity-hasher.ts): every spelling the e-mail may be stored under (`emailSpellings`), and the
 * one of the network the IP counts as.
 */
export type SenderFilter = { emailHashes?: readonly string[] | undefined; ipHash?: string | undefined }

export type Shape = {
  columns: 'viewed' | 'public'
  byArticle: boolean
  /** One hash (any address written in ASCII), or several spellings of one address. */
  byEmail: 'one' | 'spellings' | false
  byIp: boolean
  order: 'newest' | 'oldest'
  after: boolean
}
/** One constant text per shape of list (96 at most), each prepared once per connection. */
const statements = new Map<string, string>()

/**
 * The statement for one shape of list, on its index: `comments_article_idx` (site, article, status, created_at,
 * id) for an article's comments, `comments_queue_idx` (site, status, created_at, id) for the queue. A cursor is
 * a row comparison, which PostgreSQL answers with one range scan of the index.
 *   $1 site, $2 status, then the article, then the cursor's time and id, then how many rows.
 */
function listStatement(shape: Shape): string {
  const key = `${shape.columns}:${shape.byArticle}:${shape.byEmail}:${shape.byIp}:${shape.order}:${shape.after}`
  const known = statements.get(key)
  if (known) return known
  const parameters = ['site_id = $1', 'status = $2::comment_status']
  // An Akismet check is a site asking about a comment it keeps and publishes itself (or a contact-form message, a
  // signup, a private message): Vigil's approval is no publication, so no reader's page lists one.
  if (shape.columns === 'public') parameters.push(`source <> 'akismet'`)
  let next = 3
  if (shape.byArticle) parameters.push(`article_id = $${next++}`)
  // A sender's comments are few: read off comments_email_hash_idx or comments_ip_hash_idx (site, hash,
  // created_at), already in time order, and only ties of created_at sorted by id. An address's older spellings
  // are read from as many ranges of the index, then sorted.
  if (shape.byEmail === 'one') parameters.push(`author_email_hash = $${next++}`)
  if (shape.byEmail === 'spellings') parameters.push(`author_email_hash = any($${next++}::text[])`)
  if (shape.byIp) parameters.push(`ip_hash = $${next++}`)
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

/**
 * The statement listing `query`'s page, one row more than the page holds (to know whether another follows).
 * Keyset pagination over (createdAt, id): each page starts strictly after the last row of the previous one, so a
 * deep page costs the same as the first and no row is listed twice. A row that joins the list behind a reader's
 * position (approved later, or committed after a newer one: createdAt is its arrival) is met by a new walk.
 */
export function listQuery(query: ListQuery, columns: Shape['columns']) {
  const after = query.cursor ? decodeCursor(query.cursor) : null
  const parameters: unknown[] = [query.siteId, query.status]
  if (query.articleId !== undefined) parameters.push(query.articleId)
  const { emailHashes, ipHash } = query.sender ?? {}
  const byEmail = emailHashes === undefined ? false : emailHashes.length === 1 ? 'one' : 'spellings'
  if (byEmail === 'one') parameters.push(emailHashes?.[0])
  if (byEmail === 'spellings') parameters.push(textArray(emailHashes ?? []))
  if (ipHash !== undefined) parameters.push(ipHash)
  if (after) parameters.push(after.createdAt.toISOString(), after.id)
  parameters.push(query.limit + 1)
  const statement = listStatement({
    columns,
    byArticle: query.articleId !== undefined,
    byEmail,
    byIp: ipHash !== undefined,
    order: query.order,
    after: after !== null,
  })
  return { statement, parameters }
}
