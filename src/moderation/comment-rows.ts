import type { Executor } from '../db/client.js'
import { rowReader } from '../db/row-reader.js'
import { type CommentRow, comments } from '../db/schema.js'
import { runStatement } from '../db/statement.js'

const commentRows = rowReader(comments)

const BY_ID = `select ${commentRows.columns} from comments where comments.id = $1::uuid and comments.site_id = $2`
const FROM_AKISMET = ` and comments.source = 'akismet'`
// Locked as a decision's write locks it, for the decision that must not lose it to another (decisions.ts).
const LOCKED = ' for no key update'
/** The four texts, each a constant (one prepared statement each), by [onlyFromAkismet][lock]. */
const TEXTS = [
  [BY_ID, BY_ID + LOCKED],
  [BY_ID + FROM_AKISMET, BY_ID + FROM_AKISMET + LOCKED],
] as const

/**
 * A comment of a site by its id, whole, or null: a statement of constant text, prepared once per connection,
 * where drizzle's builder rebuilt a thirty-column select on every call (see row-reader.ts).
 */
export async function readComment(
  db: Executor,
  siteId: string,
  id: string,
  options: { lock?: boolean; onlyFromAkismet?: boolean } = {},
): Promise<CommentRow | null> {
  const text = TEXTS[options.onlyFromAkismet ? 1 : 0][options.lock ? 1 : 0]
  const [row] = await runStatement<Record<string, unknown>>(db, text, [id, siteId])
  return row ? commentRows.map(row) : null
}
