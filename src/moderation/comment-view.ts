import type { CommentRow, ModerationEventRow } from '../db/schema.js'

const iso = (date: Date | null) => date?.toISOString() ?? null

/** The columns the views read: lists fetch these only, leaving the heavy internal ones (learned tokens, sketch, facts). */
export const viewedColumns = [
  'id',
  'siteId',
  'articleId',
  'articleUrl',
  'articleTitle',
  'parentId',
  'authorName',
  'authorEmail',
  'authorUrl',
  'content',
  'status',
  'score',
  'reasons',
  'version',
  'ip',
  'userAgent',
  'referrer',
  'source',
  'extra',
  'createdAt',
  'updatedAt',
  'decidedAt',
] as const satisfies readonly (keyof CommentRow)[]

export type ViewedComment = Pick<CommentRow, (typeof viewedColumns)[number]>

/** The columns the public view reads: an article page fetches these only. */
export const publicColumns = [
  'id',
  'parentId',
  'authorName',
  'authorUrl',
  'content',
  'createdAt',
] as const satisfies readonly (keyof ViewedComment)[]

export type PublicListedComment = Pick<CommentRow, (typeof publicColumns)[number]>

/** What anyone may read: never an e-mail, an IP, a score or a verdict. */
export const publicCommentView = (row: PublicListedComment) => ({
  id: row.id,
  parentId: row.parentId,
  author: { name: row.authorName, url: row.authorUrl },
  content: row.content,
  createdAt: row.createdAt.toISOString(),
})

/** What a moderator of the site reads: the whole comment, with the verdict's explanation. */
export const moderatorCommentView = (row: ViewedComment) => ({
  id: row.id,
  siteId: row.siteId,
  articleId: row.articleId,
  articleUrl: row.articleUrl,
  articleTitle: row.articleTitle,
  parentId: row.parentId,
  author: { name: row.authorName, email: row.authorEmail, url: row.authorUrl },
  content: row.content,
  status: row.status,
  score: row.score,
  reasons: row.reasons,
  version: row.version,
  ip: row.ip,
  userAgent: row.userAgent,
  referrer: row.referrer,
  source: row.source as 'api' | 'akismet',
  extra: row.extra ?? null,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  decidedAt: iso(row.decidedAt),
})

export const eventView = (row: ModerationEventRow) => ({
  id: row.id,
  action: row.action,
  actor: row.actor,
  fromStatus: row.fromStatus,
  toStatus: row.toStatus,
  reason: row.reason,
  createdAt: row.createdAt.toISOString(),
})

export type PublicComment = ReturnType<typeof publicCommentView>
export type ModeratorComment = ReturnType<typeof moderatorCommentView>
export type ModerationEvent = ReturnType<typeof eventView>
