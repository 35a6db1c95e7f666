import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'

export const commentStatus = pgEnum('comment_status', ['pending', 'approved', 'rejected', 'spam'])
export const keyRole = pgEnum('key_role', ['admin', 'moderator', 'server'])

const timestamps = {
  createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
  updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
}

export const sites = pgTable('sites', {
  id: text().primaryKey(),
  name: text().notNull(),
  url: text(),
  allowedOrigins: text().array().notNull().default(sql`'{}'::text[]`),
  /** Overrides of the moderation policy; defaults are filled in by the application, not stored. */
  settings: jsonb().notNull().default(sql`'{}'::jsonb`),
  ...timestamps,
})

export const apiKeys = pgTable(
  'api_keys',
  {
    id: text().primaryKey(),
    /** Null for instance-wide admin keys. */
    siteId: text().references(() => sites.id, { onDelete: 'cascade' }),
    role: keyRole().notNull(),
    /** SHA-256 of the key, hex. The key itself is shown once and never stored. */
    keyHash: text().notNull(),
    label: text(),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    lastUsedAt: timestamp({ withTimezone: true, mode: 'date' }),
    revokedAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('api_keys_key_hash_idx').on(t.keyHash),
    index('api_keys_site_idx').on(t.siteId, t.createdAt, t.id),
    // `site_id is null` is no equality: the index above cannot give the admin keys in order, this one does.
    index('api_keys_admin_idx').on(t.createdAt, t.id).where(sql`site_id is null`),
  ],
)

/**
 * A comment still holding what identifies its reader's machine: the raw IP, user agent, referrer, or what an
 * Akismet client forwarded of them (every request header, every server variable naming the address, also as
 * Apache's REDIRECT_ copies: clients such as Contact Form 7 forward all of $_SERVER). The retention purge clears
 * them (src/privacy/clear-ips.ts), by this index predicate, which it repeats word for word so that the planner
 * uses the index: rows leave it once cleared, and each hourly run reads only what it clears.
 */
export const HOLDS_READER_DETAILS = sql`(ip is not null or user_agent is not null or referrer is not null or extra @? '$.keyvalue() ? (@.key like_regex "^(REDIRECT_)*(HTTP_|REMOTE_|GEOIP_|MMDB_)" || @.key == "user_ip" || @.key == "comment_author_IP" || @.key == "comment_agent")')`

export const comments = pgTable(
  'comments',
  {
    id: uuid().primaryKey(),
    siteId: text()
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    articleId: text().notNull(),
    articleUrl: text(),
    articleTitle: text(),
    /** ISO 639-3 language of the article, when the site says it. */
    articleLanguage: text(),
    parentId: uuid(),
    authorName: text().notNull(),
    authorEmail: text(),
    /** Keyed hash of the normalised e-mail: reputation and flood checks survive the e-mail's erasure. */
    authorEmailHash: text(),
    authorUrl: text(),
    content: text().notNull(),
    /** SHA-256 of the normalised content, for duplicate detection. */
    contentHash: text().notNull(),
    /**
     * A MinHash sketch of the trigrams of the text as the rules match it (normalised, disguises undone;
     * src/spam/sketch.ts), compared with newer comments' to find near-duplicates cheaply; null for texts too short
     * to compare.
     */
    nearDuplicateSketch: integer().array(),
    /** The sketch's band hashes (`sketchBands`), compared first: texts sharing no band are not near-duplicates. */
    nearDuplicateBands: integer().array(),
    authorUrlHost: text(),
    status: commentStatus().notNull(),
    score: real().notNull(),
    reasons: jsonb().notNull().$type<ReasonRow[]>(),
    /** What the database knew when the comment was scored, so a policy preview can replay the verdict exactly. */
    facts: jsonb().$type<Record<string, unknown>>(),
    /** The label the learned model holds for this comment, and the exact tokens it learned, so it can unlearn them. */
    learnedAs: text().$type<'spam' | 'ham'>(),
    learnedTokens: text().array(),
    /**
     * Whether the server's corpus learned it too (SHARED_LEARNING when it was learned), so that a reversal or an
     * erasure takes back from exactly the corpora it taught, whatever the setting is by then. Null while unlearned.
     */
    learnedInServerCorpus: boolean(),
    /**
     * Whether the comment's status counts towards its e-mail's and author website's reputation: always for one
     * sent with a key; for one sent without (anyone can write anyone's address), only while a moderator holds it
     * approved. Its IP's reputation counts every status.
     */
    identityCounted: boolean().notNull().default(true),
    /**
     * Whether a caller with a key sent it (the site's backend, a moderator, the admin, an Akismet client): its
     * e-mail and website are then vouched for by the site for good. Sent without one, they count only while a
     * moderator holds the comment approved (`identityCounted`). Null where it was not recorded (drizzle/0029):
     * `identityCounted` then says.
     */
    sentWithKey: boolean(),
    version: integer().notNull().default(1),
    ip: text(),
    ipHash: text(),
    userAgent: text(),
    referrer: text(),
    /** Which door the comment came in by: the v1 API (`api`) or the Akismet-compatible API (`akismet`). */
    source: text().notNull().default('api'),
    /**
     * What the caller sent that has no column of its own, kept as sent: an Akismet client's `blog`,
     * `comment_type`, `comment_context`, `POST_*` and `HTTP_*` fields.
     */
    extra: jsonb().$type<Record<string, unknown>>(),
    ...timestamps,
    decidedAt: timestamp({ withTimezone: true, mode: 'date' }),
    /** When its author's data was erased; the comment stays, anonymised, because replies hang from it. */
    erasedAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (t) => [
    // Public article list (status = approved) and the moderator queue filtered by article.
    index('comments_article_idx').on(t.siteId, t.articleId, t.status, t.createdAt, t.id),
    // Moderator queue by status, newest or oldest first.
    index('comments_queue_idx').on(t.siteId, t.status, t.createdAt, t.id),
    // The latest comments of a site whatever their status (policy preview).
    index('comments_recent_idx').on(t.siteId, t.createdAt, t.id),
    index('comments_content_hash_idx').on(t.siteId, t.contentHash, t.createdAt),
    index('comments_email_hash_idx').on(t.siteId, t.authorEmailHash, t.createdAt),
    index('comments_ip_hash_idx').on(t.siteId, t.ipHash, t.createdAt),
    index('comments_parent_idx').on(t.parentId),
    // The comments past IP_RETENTION_DAYS whose details the hourly purge has yet to clear, and no others.
    index('comments_ip_retained_idx').on(t.siteId, t.createdAt, t.id).where(HOLDS_READER_DETAILS),
    foreignKey({ columns: [t.parentId], foreignColumns: [t.id], name: 'comments_parent_fk' }).onDelete(
      'set null',
    ),
  ],
)

export const moderationEvents = pgTable(
  'moderation_events',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    siteId: text()
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    /** Kept without a foreign key: the audit trail outlives an erased comment. */
    commentId: uuid().notNull(),
    /** The key that acted, `admin-token` for the configured admin token, or null for Vigil itself. */
    actor: text(),
    action: text().notNull(),
    fromStatus: commentStatus(),
    toStatus: commentStatus().notNull(),
    reason: text(),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('moderation_events_comment_idx').on(t.siteId, t.commentId, t.id)],
)

/**
 * What moderators' decisions taught the model: per site, and server-wide under the site id `*` (the prior each
 * site's counts draw towards, and the model a new site uses until it has learned enough of its own).
 */
export const bayesTokens = pgTable(
  'bayes_tokens',
  {
    siteId: text().notNull(),
    token: text().notNull(),
    spam: integer().notNull().default(0),
    ham: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.token] })],
)

/**
 * What a site's comments taught the server's corpus (`*`) and no comment records any more: the retention purge
 * deletes or empties a learned spam comment without unlearning it (its lesson stays in the model), so deleting
 * the site takes this back along with what its remaining comments record. The row whose token is empty holds the
 * message totals (no token is empty).
 */
export const purgedServerLessons = pgTable(
  'purged_server_lessons',
  {
    siteId: text()
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    token: text().notNull(),
    spam: integer().notNull().default(0),
    ham: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.token] })],
)

export const bayesCorpora = pgTable('bayes_corpora', {
  siteId: text().primaryKey(),
  spamMessages: integer().notNull().default(0),
  hamMessages: integer().notNull().default(0),
  /**
   * Bumped by every change to the corpus's counts (a decision learned or unlearned), so a process holding some of
   * its token counts in memory knows, in the statement that reads them, whether they still hold.
   */
  revision: bigint({ mode: 'number' }).notNull().default(0),
})

/**
 * How earlier comments from one e-mail (hash), author URL host or IP (hash) stand on a site, by status: counted
 * as comments enter and change status, in the same transaction.
 */
export const reputation = pgTable(
  'reputation',
  {
    siteId: text()
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    subject: text().notNull(),
    approved: integer().notNull().default(0),
    spam: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.subject] })],
)

/**
 * The e-mail addresses (keyed hash of the canonical spelling) whose data was erased on a site, and when last. A
 * site's Akismet client still holds the erased comments and may report them later (a moderator clicking "Spam" on
 * an old comment in WordPress): with no stored check to match, such a report would be stored as a new comment and
 * bring back the name, e-mail and IP the reader had forgotten. What is kept here cannot name anyone without the
 * instance's key; it goes with the site.
 */
export const erasedAuthors = pgTable(
  'erased_authors',
  {
    siteId: text()
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    emailHash: text().notNull(),
    erasedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.emailHash] })],
)

/**
 * Rate-limit counters shared by every Vigil process on the database: one row per bucket (`ip:…`, `site:…`,
 * `key:…`) and fixed window, incremented in one statement per request and deleted once the window is past.
 * Unlogged (drizzle/0009_unlogged_rate_limits.sql): counting skips the write-ahead log, and a crash resets it.
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    bucket: text().notNull(),
    windowStart: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    hits: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.bucket, t.windowStart] }),
    index('rate_limits_window_idx').on(t.windowStart),
  ],
)

/** Instance-wide secrets shared by every Vigil process on the same database (e.g. the IP hashing key). */
export const instanceSecrets = pgTable('instance_secrets', {
  name: text().primaryKey(),
  value: text().notNull(),
  createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
})

export type ReasonRow = { rule: string; score: number; detail: string }
export type SiteRow = typeof sites.$inferSelect
export type ApiKeyRow = typeof apiKeys.$inferSelect
export type CommentRow = typeof comments.$inferSelect
export type ModerationEventRow = typeof moderationEvents.$inferSelect
export type CommentStatus = (typeof commentStatus.enumValues)[number]
export type KeyRole = (typeof keyRole.enumValues)[number]
