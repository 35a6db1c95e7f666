import { integerArray, textArray } from '../db/array-literals.js'
import type { Database } from '../db/client.js'
import type { CommentRow } from '../db/schema.js'
import { runStatement } from '../db/statement.js'
import { webhookCommentView } from '../webhooks/events.js'
import { outboxClauses, outboxEventOf } from '../webhooks/outbox.js'
import { parentNotOnArticle } from './intake-guards.js'
import { countedSubjects, reputationDelta } from './learning.js'

/** Each stored column, the cast its parameter needs, and where its value comes from: one table, so they agree. */
const COLUMNS: readonly [column: string, cast: string, value: (row: CommentRow) => unknown][] = [
  ['id', '::uuid', (row) => row.id],
  ['site_id', '', (row) => row.siteId],
  ['article_id', '', (row) => row.articleId],
  ['article_url', '', (row) => row.articleUrl],
  ['article_title', '', (row) => row.articleTitle],
  ['article_language', '', (row) => row.articleLanguage],
  ['parent_id', '::uuid', (row) => row.parentId],
  ['author_name', '', (row) => row.authorName],
  ['author_email', '', (row) => row.authorEmail],
  ['author_email_hash', '', (row) => row.authorEmailHash],
  ['author_url', '', (row) => row.authorUrl],
  ['author_url_host', '', (row) => row.authorUrlHost],
  ['content', '', (row) => row.content],
  ['content_hash', '', (row) => row.contentHash],
  ['near_duplicate_sketch', '::integer[]', (row) => nullableIntegers(row.nearDuplicateSketch)],
  ['near_duplicate_bands', '::integer[]', (row) => nullableIntegers(row.nearDuplicateBands)],
  ['status', '::comment_status', (row) => row.status],
  ['score', '::real', (row) => row.score],
  ['reasons', '::jsonb', (row) => JSON.stringify(row.reasons)],
  ['facts', '::jsonb', (row) => (row.facts === null ? null : JSON.stringify(row.facts))],
  ['ip', '', (row) => row.ip],
  ['ip_hash', '', (row) => row.ipHash],
  ['user_agent', '', (row) => row.userAgent],
  ['referrer', '', (row) => row.referrer],
  ['source', '', (row) => row.source],
  ['identity_counted', '::boolean', (row) => row.identityCounted],
  ['sent_with_key', '::boolean', (row) => row.sentWithKey],
  ['extra', '::jsonb', (row) => (row.extra === null ? null : JSON.stringify(row.extra))],
  ['created_at', '::timestamptz', (row) => row.createdAt.toISOString()],
  ['updated_at', '::timestamptz', (row) => row.updatedAt.toISOString()],
]

const nullableIntegers = (values: number[] | null) => (values === null ? null : integerArray(values))

/** The parameters after the columns': who acted, the reputation move, and the event. */
const at = (offset: number) => `$${COLUMNS.length + offset}`
const ACTOR = at(1)
const SUBJECTS = at(2)
const APPROVED = at(3)
const SPAM = at(4)
const EVENT_ID = at(5)
const PAYLOAD = at(6)
const IDENTICAL_SINCE = at(7)
const SEEN_IDENTICAL = at(8)
const FROM_SENDER_SINCE = at(9)
const SEEN_FROM_SENDER = at(10)
const PARENT_SHOWN_ONLY = at(11)
/** A column's own parameter, cast, for the clauses that use it again. */
const columnParameter = (name: string) => {
  const index = COLUMNS.findIndex(([column]) => column === name)
  return `$${index + 1}${COLUMNS[index]?.[1] ?? ''}`
}
const SITE = columnParameter('site_id')
const CONTENT_HASH = columnParameter('content_hash')
const IP_HASH = columnParameter('ip_hash')
const EMAIL_HASH = columnParameter('author_email_hash')
const STATUS = columnParameter('status')
const CREATED_AT = columnParameter('created_at')
const PARENT = columnParameter('parent_id')

/**
 * A new comment, its audit row, its sender's reputation and its `comment.created` webhook outbox rows, in one
 * statement: atomic as a transaction, in one round trip instead of seven (BEGIN, four writes, the endpoints'
 * look-up, COMMIT), and with a constant text, prepared once per connection. It first claims the comment's text,
 * IP and e-mail (vigil_claim_intake, drizzle/0018 and 0026): when something alike was stored since intake read,
 * it stores nothing and says so (`claimed` false).
 */
const STORE = `
  with claim as (
    select vigil_claim_intake(${SITE}, ${CONTENT_HASH}, ${IP_HASH}, ${EMAIL_HASH}, ${IDENTICAL_SINCE}::timestamptz,
      ${FROM_SENDER_SINCE}::timestamptz, ${SEEN_IDENTICAL}::bigint, ${SEEN_FROM_SENDER}::bigint) as free),
  parent as (
    -- The parent first, as its foreign key will lock it: that check comes at the end of the statement, and
    -- reached with the sender's reputation rows already held it deadlocked with an erasure of the parent's
    -- author, which locks the parent and then reputation (a reply from the same IP, say). After the claim (the
    -- lateral reference orders them): a store waiting for a claim must not hold the parent meanwhile.
    -- A reader may only answer a comment readers are shown (intake-guards.ts checked it before judging): that is
    -- checked again here on the parent as it now stands, and FOR SHARE keeps a decision from changing it until
    -- this commits. A keyed caller may answer any, and FOR KEY SHARE only keeps it from being deleted.
    select (
      select count(*) from claim, lateral (
        select from comments
        where id = ${PARENT} and site_id = ${SITE} and claim.free and not ${PARENT_SHOWN_ONLY}::boolean
        for key share) locked
    ) + (
      select count(*) from claim, lateral (
        select from comments
        where id = ${PARENT} and site_id = ${SITE} and claim.free and ${PARENT_SHOWN_ONLY}::boolean
          and status = 'approved' and source <> 'akismet'
        for share) locked
    ) as found),
  stored as (
    insert into comments (${COLUMNS.map(([column]) => column).join(', ')})
    select ${COLUMNS.map(([, cast], index) => `$${index + 1}${cast}`).join(', ')} from parent, claim
    where claim.free and (${PARENT} is null or parent.found > 0)
    returning id),
  audit as (
    insert into moderation_events (site_id, comment_id, actor, action, from_status, to_status, created_at)
    select ${SITE}, stored.id, ${ACTOR}, 'submit', null, ${STATUS}, ${CREATED_AT} from stored),
  standing as (
    -- Rows in a fixed order (sorted subjects), so two statements touching the same subjects cannot deadlock;
    -- after the comment (from stored), so after its parent.
    insert into reputation (site_id, subject, approved, spam)
    select ${SITE}, subject, ${APPROVED}::integer, ${SPAM}::integer
    from stored, unnest(${SUBJECTS}::text[]) with ordinality as subject(subject, n) order by n
    on conflict (site_id, subject) do update
      set approved = reputation.approved + excluded.approved, spam = reputation.spam + excluded.spam),
  ${outboxClauses({
    siteId: SITE,
    type: `'comment.created'`,
    eventId: EVENT_ID,
    payload: PAYLOAD,
    now: CREATED_AT,
    endpointId: 'null',
    onlyIf: 'exists (select from stored)',
  })}
  select (select count(*) from outbox_deliveries) as deliveries, (select free from claim) as claimed,
    (select found from parent) as parent_found`

/**
 * What intake counted when it read (facts.ts), and from when: the comments with the same text within the
 * duplicate window, and the sender's (same IP or e-mail) within the last hour. The store counts them again under
 * its claim. Null: claim without counting (intake's last attempt, see intake.ts).
 */
export type CountedBeforeScoring = {
  identicalSince: string
  identical: number
  fromSenderSince: string
  fromSender: number
}

/**
 * Stores a new comment (every column given, as intake decided it) with everything that must commit with it. A
 * failure leaves nothing behind: the statement is its own transaction. Resolves to the number of webhook
 * deliveries it queued, or to null when it stored nothing because a comment alike was stored since `counted`
 * was read: the verdict must be reached again. A reply whose parent is gone, or with `parentShownOnly` (a
 * caller without a key) no longer shown to readers, is refused as one naming no comment.
 */
export async function storeNewComment(
  db: Database,
  row: CommentRow,
  actor: string | null,
  counted: CountedBeforeScoring | null,
  { parentShownOnly = false }: { parentShownOnly?: boolean } = {},
): Promise<number | null> {
  const delta = reputationDelta(null, row.status)
  const subjects = delta ? countedSubjects(row) : []
  const event = outboxEventOf(
    'comment.created',
    { siteId: row.siteId, comment: webhookCommentView(row), actor, reasons: row.reasons },
    row.createdAt,
  )
  const [stored] = await runStatement<{
    deliveries: number | string
    claimed: boolean
    parent_found: number | string
  }>(db, STORE, [
    ...COLUMNS.map(([, , value]) => value(row)),
    actor,
    textArray(subjects),
    delta?.approved ?? 0,
    delta?.spam ?? 0,
    event.eventId,
    event.payload,
    counted?.identicalSince ?? row.createdAt.toISOString(),
    counted?.identical ?? null,
    counted?.fromSenderSince ?? row.createdAt.toISOString(),
    counted?.fromSender ?? null,
    parentShownOnly,
  ])
  if (stored?.claimed === false) return null
  // Intake checked the parent before judging the reply: an erasure or the retention purge may have deleted it
  // since, or a moderator held it from readers.
  if (row.parentId !== null && Number(stored?.parent_found) === 0) throw parentNotOnArticle()
  return Number(stored?.deliveries ?? 0)
}
