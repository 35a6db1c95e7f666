import { sql } from 'drizzle-orm'
import { type Database, rowsOf } from '../db/client.js'

/** The month a `YYYY-MM` names, as [start, end) in UTC; the current month when none is given. */
export function monthRange(
  month: string | undefined,
  now: Date,
): { label: string; start: Date; end: Date } | null {
  const match = /^(\d{4})-(\d{2})$/.exec(month?.trim() || now.toISOString().slice(0, 7))
  if (!match) return null
  const year = Number(match[1])
  const index = Number(match[2]) - 1
  if (index < 0 || index > 11) return null
  // PostgreSQL reads no year 0 (1 BC), and ISO dates have four-digit years.
  if (year === 0 || (year === 9999 && index === 11)) return null
  return { label: `${match[1]}-${match[2]}`, start: firstOf(year, index), end: firstOf(year, index + 1) }
}

/** The first of a month, at midnight UTC; setUTCFullYear, since Date.UTC reads a year under 100 as 1900 on. */
function firstOf(year: number, monthIndex: number): Date {
  const date = new Date(0)
  date.setUTCFullYear(year, monthIndex, 1)
  return date
}

/** usage-limit: Vigil has no quota; the usage is this month's checks through the Akismet API. */
export async function usageLimit(db: Database, siteId: string, now: Date) {
  const month = monthRange(undefined, now)
  if (!month) throw new Error('the current month has no range')
  const [row] = rowsOf<{ usage: number | string }>(
    await db.execute(sql`
      select count(*) as usage from comments
      where site_id = ${siteId} and source = 'akismet'
        and created_at >= ${month.start.toISOString()}::timestamptz
        and created_at < ${month.end.toISOString()}::timestamptz
    `),
  )
  return { limit: 'none' as const, usage: Number(row?.usage ?? 0), percentage: '0.00', throttled: false }
}

export type KeySiteStats = {
  site: string
  api_calls: string
  spam: string
  ham: string
  missed_spam: string
  false_positives: string
  is_revoked: boolean
}

export const KEY_SITES_ORDERS = ['total', 'spam', 'ham', 'missed_spam', 'false_positives'] as const
export type KeySitesOrder = (typeof KEY_SITES_ORDERS)[number]
export const isKeySitesOrder = (value: string): value is KeySitesOrder =>
  (KEY_SITES_ORDERS as readonly string[]).includes(value)

type StatsRow = {
  site: string
  api_calls: number | string
  spam: number | string
  ham: number | string
  missed_spam: number | string
  false_positives: number | string
}

/**
 * key-sites: per blog (the `blog` each check named), the month's checks, how many ended as spam (or rejected:
 * comment-check answers `true` for both) and as ham,
 * and the clients' corrections: spam they reported that Vigil had let through (missed spam) and ham they
 * reported that Vigil had marked spam (false positives). Sites per key are few: grouping happens in the
 * database, ordering and paging of the groups here.
 */
export async function keySites(
  db: Database,
  siteId: string,
  query: { month: { start: Date; end: Date }; filter?: string | undefined; order: KeySitesOrder },
) {
  const rows = rowsOf<StatsRow>(
    await db.execute(sql`
      select coalesce(c.extra->>'blog', '') as site,
        count(*) as api_calls,
        count(*) filter (where c.status in ('spam', 'rejected')) as spam,
        count(*) filter (where c.status not in ('spam', 'rejected')) as ham,
        count(*) filter (where exists (
          select 1 from moderation_events e
          where e.site_id = c.site_id and e.comment_id = c.id
            and e.action = 'akismet-submit-spam' and e.from_status not in ('spam', 'rejected')
        )) as missed_spam,
        count(*) filter (where exists (
          select 1 from moderation_events e
          where e.site_id = c.site_id and e.comment_id = c.id
            and e.action = 'akismet-submit-ham' and e.from_status in ('spam', 'rejected')
        )) as false_positives
      from comments c
      where c.site_id = ${siteId} and c.source = 'akismet'
        and c.created_at >= ${query.month.start.toISOString()}::timestamptz
        and c.created_at < ${query.month.end.toISOString()}::timestamptz
      group by 1
    `),
  )
  const filter = query.filter?.trim().toLowerCase()
  const key = query.order === 'total' ? 'api_calls' : query.order
  return rows
    .filter((row) => !filter || row.site.toLowerCase().includes(filter))
    .sort((a, b) => Number(b[key]) - Number(a[key]) || a.site.localeCompare(b.site))
    .map(
      (row): KeySiteStats => ({
        site: row.site,
        api_calls: String(row.api_calls),
        spam: String(row.spam),
        ham: String(row.ham),
        missed_spam: String(row.missed_spam),
        false_positives: String(row.false_positives),
        is_revoked: false,
      }),
    )
}

/** What a spreadsheet takes for the start of a formula (OWASP, CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * One CSV field. A site is the `blog` a comment-check named, so whoever may post a check chooses it: one that a
 * spreadsheet would run as a formula is written with a leading `'`, which makes it text, as OWASP advises.
 */
function csvField(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** The CSV form of key-sites, as Akismet writes it: a title line, a header, one row per site. */
export function keySitesCsv(
  key: string,
  month: string,
  page: { limit: number; offset: number; total: number },
  sites: KeySiteStats[],
): string {
  const lines = [
    `Active sites for ${key} during ${month} (limit: ${page.limit}, offset: ${page.offset}, total: ${page.total}).`,
    'Site,Total API Calls,Spam,Ham,Missed Spam,False Positives,Is Revoked',
    ...sites.map((site) =>
      [
        csvField(site.site),
        site.api_calls,
        site.spam,
        site.ham,
        site.missed_spam,
        site.false_positives,
        site.is_revoked ? 'true' : 'false',
      ].join(','),
    ),
  ]
  return `${lines.join('\n')}\n`
}
