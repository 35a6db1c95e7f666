import { type SQL, sql } from 'drizzle-orm'
import { type Database, rowsOf } from '../db/client.js'
import { HOLDS_READER_DETAILS } from '../db/schema.js'
import type { Cutoffs } from './retention.js'

/**
 * An IPv4 address, or an IPv6 one (eight groups, or compressed with `::` in the middle, at the end as a /64 is
 * written, or at the start as an IPv4-mapped address in hex is), not inside a longer number or word.
 */
const IP_IN_TEXT = [
  '(^|[^0-9.])[0-9]{1,3}([.][0-9]{1,3}){3}($|[^0-9.])',
  '(^|[^0-9a-z:])([0-9a-f]{1,4}:){1,7}(:[0-9a-f]{1,4}){1,7}($|[^0-9a-z:])',
  '(^|[^0-9a-z:])([0-9a-f]{1,4}:){7}[0-9a-f]{1,4}($|[^0-9a-z:])',
  '(^|[^0-9a-z:])([0-9a-f]{1,4}:){1,7}:($|[^0-9a-z:])',
  '(^|[^0-9a-z:])::([0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4}($|[^0-9a-z:])',
].join('|')

// The keys of `extra` that name the reader's machine or where they came from: those HOLDS_READER_DETAILS
// (src/db/schema.ts) names, so that what is left no longer satisfies it and the comment leaves the index the
// clearing reads, and more, in any letter case and with - for _: what clients forward under other names (WordPress
// plugins' submit_referer and submit_uri, a Node backend's request headers: x-forwarded-for, user-agent, x-real-ip).
// A comment holding only these still has its raw IP (an Akismet check always names one), so it is in the index.
// And any value holding an IP address, whatever its key: every CDN, proxy and form plugin has its own name for it
// (x-originating-ip, x-appengine-user-ip, POST_ip...). Something else that looks like one (a server's own
// address, a PHP Class::method) goes with it, which costs nothing past the retention.
const IDENTIFYING_EXTRA = sql`(replace(lower(key), '-', '_') ~ '^((redirect_)*(http_|remote_|geoip_|mmdb_)|user_ip$|comment_author_ip$|comment_agent$|user_agent$|(submit_)?referr?er$|submit_uri$)'
  or replace(lower(key), '-', '_') ~ '(forwarded|client_?ip|real_?ip|remote_?addr|true_client|cf_connecting)'
  or value::text ~* ${IP_IN_TEXT})`

/**
 * Clears the site's raw IPs past their retention, a batch per transaction, in the order of the index of the
 * comments that still hold one (comments_ip_retained_idx): those cleared by earlier runs are not read again. Each
 * batch's rows are updated by their primary key, where a join could read every comment of the site.
 */
export async function clearIps(db: Database, siteId: string, { ip, batchSize, stopped }: Cutoffs) {
  let cleared = 0
  // Where the last batch stopped, as text: a JavaScript date would drop the microseconds and stop short.
  let after: { createdAt: string; id: string } | null = null
  while (!stopped()) {
    const from: SQL = after
      ? sql`and (created_at, id) > (${after.createdAt}::timestamptz, ${after.id}::uuid)`
      : sql``
    const [batch] = rowsOf<{
      cleared: number
      taken: number
      last_created_at: string | null
      last_id: string | null
    }>(
      await db.execute(sql`
        with batch as (
          select id, created_at from comments
          where site_id = ${siteId} and created_at < ${ip}::timestamptz ${from} and ${HOLDS_READER_DETAILS}
          order by created_at, id limit ${batchSize}),
        cleared as (
          update comments set ip = null, user_agent = null, referrer = null,
            extra = case when extra is null then null else (
              select coalesce(jsonb_object_agg(key, value), '{}'::jsonb) from jsonb_each(extra)
              where not ${IDENTIFYING_EXTRA}
            ) end
          where comments.site_id = ${siteId} and comments.id = any(array(select id from batch))
          returning comments.id)
        select (select count(*) from cleared)::int as cleared, (select count(*) from batch)::int as taken,
          last.id as last_id,
          to_json(last.created_at) #>> '{}' as last_created_at
        from (select 1) as one
          left join (select id, created_at from batch order by created_at desc, id desc limit 1) as last on true`),
    )
    cleared += batch?.cleared ?? 0
    if (!batch?.last_id || !batch.last_created_at || batch.taken < batchSize) return cleared
    after = { createdAt: batch.last_created_at, id: batch.last_id }
  }
  return cleared
}
