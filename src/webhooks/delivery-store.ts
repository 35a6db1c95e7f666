import { and, eq, sql } from 'drizzle-orm'
import { uuidv7 } from 'uuidv7'
import { integerArray, textArray } from '../db/array-literals.js'
import { type Database, type Executor, rowsOf } from '../db/client.js'
import {
  type RetiredSecret,
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
} from '../db/webhook-schema.js'
import type { PostOutcome } from './http-post.js'

/** A delivery a dispatcher has claimed, with what it needs to send it. */
export type ClaimedDelivery = {
  id: string
  siteId: string
  endpointId: string
  eventId: string
  /** This attempt's number (1 for the first): also the fencing token that makes a late outcome harmless. */
  attempt: number
  url: string
  secret: string
  previousSecret: string | null
  previousSecretExpiresAt: Date | null
  olderSecrets: RetiredSecret[]
  payload: unknown
}

type ClaimedRow = {
  id: string
  site_id: string
  endpoint_id: string
  event_id: string
  attempts: number
  url: string
  secret: string
  previous_secret: string | null
  previous_secret_expires_at: string | Date | null
  older_secrets: RetiredSecret[] | string
  payload: unknown
}

const asDate = (value: string | Date | null) => (value === null ? null : new Date(value))

/** A delivery a claim gave up (see `claimDueDeliveries`): said in the log, since nothing else will try it again. */
export type GivenUpDelivery = {
  id: string
  siteId: string
  endpointId: string
  eventId: string
  /** The attempts started, the last of which never had its outcome recorded. */
  attempts: number
}

/** What one claim did: the deliveries now this dispatcher's to send, and those it gave up. */
export type Claim = { claimed: ClaimedDelivery[]; givenUp: GivenUpDelivery[] }

/** The attempts an endpoint may have in flight in a dispatcher whatever the others need, and those it has, by id. */
export type EndpointShares = { share: number; inFlight: ReadonlyMap<string, number> }

/** The due deliveries a claim ranks, per slot it fills: enough that a few endpoints' backlogs rarely hide the rest. */
const CANDIDATES_PER_SLOT = 4

/**
 * Claims up to `limit` due deliveries of enabled endpoints, in one statement: the rows are locked with SKIP
 * LOCKED (another dispatcher claiming at the same moment takes others), their next attempt is moved to the end
 * of a lease and their attempt counted. A dispatcher that dies mid-attempt leaves the row due again when the
 * lease ends. Serves every site: it is the one query not scoped by site, and `webhook_deliveries_due_idx`
 * backs it.
 *
 * Oldest due first, within `shares`: an endpoint takes what is left of its share, and more only while a share's
 * worth of slots stays free for the others. When nothing more may be lent, endpoints at their share are skipped
 * (read past in the index), so what is due behind their backlog is found. The candidates are ranked unlocked,
 * then locked and checked again: PostgreSQL forbids FOR UPDATE beside window functions.
 *
 * A delivery already claimed `maxAttempts` times, its last outcome not recorded, is given up instead of claimed:
 * its attempts were started but their outcomes never recorded (a dispatcher that kept dying, or an outcome the database refused),
 * and without this bound it would be sent again at every lease for ever. It does not count toward the endpoint's
 * run of failures, nor end it: the outcomes were lost on Vigil's side, which says nothing of the receiver, and a
 * database outage or a crashing process would otherwise turn healthy endpoints off (a receiver that fails has its
 * failures recorded, and its deliveries end in `recordAttempt`, which counts them).
 */
export async function claimDueDeliveries(
  db: Database,
  now: Date,
  limit: number,
  leaseMs: number,
  maxAttempts: number,
  shares: EndpointShares = { share: limit, inFlight: new Map() },
): Promise<Claim> {
  const leaseEnds = new Date(now.getTime() + leaseMs)
  const busy = [...shares.inFlight]
  const lendable = Math.max(0, limit - shares.share)
  const atShare = lendable > 0 ? [] : busy.filter(([, count]) => count >= shares.share).map(([id]) => id)
  const result = await db.execute(sql`
    with candidates as (
      select d.id, d.endpoint_id, d.next_attempt_at from webhook_deliveries d
      join webhook_endpoints e on e.id = d.endpoint_id and e.site_id = d.site_id
      where d.state = 'pending' and d.next_attempt_at <= ${now.toISOString()}::timestamptz and e.enabled
        and d.endpoint_id <> all(${textArray(atShare)}::uuid[])
      order by d.next_attempt_at
      limit ${limit * CANDIDATES_PER_SLOT}
    ), ranked as (
      select c.id, c.next_attempt_at,
        row_number() over (partition by c.endpoint_id order by c.next_attempt_at, c.id)
          <= coalesce(busy.allowance, ${shares.share}) as within_share
      from candidates c
      left join unnest(${textArray(busy.map(([id]) => id))}::uuid[],
        ${integerArray(busy.map(([, count]) => shares.share - count))}::integer[]) as busy(endpoint_id, allowance)
        on busy.endpoint_id = c.endpoint_id
    ), chosen as (
      select id, within_share, row_number() over (order by not within_share, next_attempt_at, id) as place
      from ranked
    ), due as (
      -- Given up: claimed the most times allowed, its last attempt's outcome never recorded. One recorded, its
      -- retry scheduled by a longer schedule than this process's, is tried as scheduled (and ends when recorded).
      select d.id, d.attempts >= ${maxAttempts} and not exists (
          select 1 from webhook_attempts a where a.delivery_id = d.id and a.attempt = d.attempts) as abandoned
      from webhook_deliveries d
      join chosen on chosen.id = d.id
      where chosen.place <= ${limit} and (chosen.within_share or chosen.place <= ${lendable})
        and d.state = 'pending' and d.next_attempt_at <= ${now.toISOString()}::timestamptz
      for update of d skip locked
    ), given_up as (
      update webhook_deliveries d
      set state = 'failed', next_attempt_at = null, updated_at = ${now.toISOString()}::timestamptz,
        completed_at = ${now.toISOString()}::timestamptz,
        last_error = 'given up: attempt ' || d.attempts || ' was started but its outcome was never recorded'
      from due where d.id = due.id and due.abandoned
      returning d.id, d.site_id, d.endpoint_id, d.event_id, d.attempts
    ), claimed as (
      update webhook_deliveries d
      set next_attempt_at = ${leaseEnds.toISOString()}::timestamptz, attempts = d.attempts + 1,
        updated_at = ${now.toISOString()}::timestamptz
      from due where d.id = due.id and not due.abandoned
      returning d.id, d.site_id, d.endpoint_id, d.event_id, d.attempts
    )
    select c.*, false as given_up, e.url, e.secret, e.previous_secret, e.previous_secret_expires_at,
      e.older_secrets, ev.payload
    from claimed c
    join webhook_endpoints e on e.id = c.endpoint_id
    join webhook_events ev on ev.id = c.event_id
    union all
    select g.*, true, null, null, null, null, null, null from given_up g
  `)
  const rows = rowsOf<ClaimedRow & { given_up: boolean }>(result)
  const givenUp = rows.filter((row) => row.given_up)
  const claimed = rows.filter((row) => !row.given_up)
  return {
    claimed: claimed.map(claimedDelivery),
    givenUp: givenUp.map((row) => ({
      id: row.id,
      siteId: row.site_id,
      endpointId: row.endpoint_id,
      eventId: row.event_id,
      attempts: Number(row.attempts),
    })),
  }
}

function claimedDelivery(row: ClaimedRow): ClaimedDelivery {
  return {
    id: row.id,
    siteId: row.site_id,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    attempt: Number(row.attempts),
    url: row.url,
    secret: row.secret,
    previousSecret: row.previous_secret,
    previousSecretExpiresAt: asDate(row.previous_secret_expires_at),
    olderSecrets: typeof row.older_secrets === 'string' ? JSON.parse(row.older_secrets) : row.older_secrets,
    payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
  }
}

/**
 * Hands back deliveries claimed but never started (the dispatcher stopped meanwhile): due again at once, their
 * claim not counted as an attempt. A row claimed again since (its count moved on) is left alone. One whose
 * endpoint was turned off meanwhile (as committed) waits, paused: pausing left it alone while it was claimed.
 */
export async function releaseClaims(db: Database, claimed: readonly ClaimedDelivery[], now: Date) {
  if (claimed.length === 0) return
  await db.execute(sql`
    with endpoint as (
      select id, enabled from webhook_endpoints
      where id = any(${textArray(claimed.map((delivery) => delivery.endpointId))}::uuid[]) for share)
    update webhook_deliveries d
    set next_attempt_at = case when endpoint.enabled then ${now.toISOString()}::timestamptz end,
      attempts = d.attempts - 1
    from unnest(${textArray(claimed.map((delivery) => delivery.id))}::uuid[],
      ${integerArray(claimed.map((delivery) => delivery.attempt))}::integer[]) as released(id, attempt), endpoint
    where d.id = released.id and endpoint.id = d.endpoint_id and d.state = 'pending'
      and d.attempts = released.attempt
  `)
}

/** PostgreSQL's text cannot hold U+0000 (it refuses the whole row), and a receiver's answer may contain it. */
const storable = (text: string | null) => text?.replaceAll('\u0000', '\uFFFD') ?? null

export type AttemptRecord = {
  delivery: ClaimedDelivery
  outcome: PostOutcome
  startedAt: Date
  finishedAt: Date
  /** When to try again, or null when this attempt ends the delivery. */
  nextAttemptAt: Date | null
  disableAfterFailures: number
}

/**
 * Writes an attempt's outcome in one transaction: the attempt row, the delivery's new state, and the endpoint's
 * run of failures (which turns it off at the limit). An outcome that comes after the lease ran out and another
 * dispatcher claimed the delivery again changes nothing but the log. Writing the same outcome twice changes nothing
 * the second time: a commit whose answer was lost is tried again (see the dispatcher's recordPatiently).
 */
export async function recordAttempt(db: Database, record: AttemptRecord): Promise<AttemptRecorded> {
  const { delivery, outcome, finishedAt } = record
  const state = outcome.ok ? 'succeeded' : record.nextAttemptAt ? 'pending' : 'failed'
  let endpointTurnedOff = false
  await db.transaction(async (tx) => {
    endpointTurnedOff = false
    // The endpoint first, locked as its changes lock it: one turned off or on meanwhile is seen as committed
    // (a snapshot taken before could leave the retry due on an endpoint turned off, which nothing then sends
    // nor prunes), and the order (endpoint, then delivery) is the one pausing and resuming take.
    const [endpoint] = await tx
      .select({ enabled: webhookEndpoints.enabled })
      .from(webhookEndpoints)
      .where(endpointOf(delivery))
      .for('no key update')
    const [updated] = await tx
      .update(webhookDeliveries)
      .set({
        state,
        // Turned off while the attempt ran: the retry waits, paused, until the endpoint is turned on again.
        nextAttemptAt: state === 'pending' && endpoint?.enabled ? record.nextAttemptAt : null,
        lastStatusCode: outcome.statusCode,
        lastLatencyMs: outcome.latencyMs,
        lastError: storable(outcome.error),
        updatedAt: finishedAt,
        completedAt: state === 'pending' ? null : finishedAt,
      })
      .where(
        and(
          eq(webhookDeliveries.id, delivery.id),
          eq(webhookDeliveries.siteId, delivery.siteId),
          eq(webhookDeliveries.state, 'pending'),
          eq(webhookDeliveries.attempts, delivery.attempt),
          notLogged(delivery),
        ),
      )
      .returning({ id: webhookDeliveries.id })
    const attemptRow = {
      id: uuidv7(),
      siteId: delivery.siteId,
      deliveryId: delivery.id,
      attempt: delivery.attempt,
      startedAt: record.startedAt,
      statusCode: outcome.statusCode,
      latencyMs: outcome.latencyMs,
      error: storable(outcome.error),
      responseExcerpt: storable(outcome.responseExcerpt),
      nextAttemptAt: state === 'pending' ? record.nextAttemptAt : null,
    }
    // Claimed again after the lease (the newer attempt owns the row), recorded already, or deleted with its
    // endpoint or event meanwhile: the attempt still reached the receiver, so the log keeps it, if the delivery
    // is still there (locked, so that a deletion running meanwhile is waited for rather than broken).
    if (!updated) {
      const [still] = await tx
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .where(
          and(
            eq(webhookDeliveries.id, delivery.id),
            eq(webhookDeliveries.siteId, delivery.siteId),
            notLogged(delivery),
          ),
        )
        .for('key share')
      if (still) await tx.insert(webhookAttempts).values({ ...attemptRow, nextAttemptAt: null })
      return
    }
    await tx.insert(webhookAttempts).values(attemptRow)
    if (state === 'pending') return
    const ofEndpoint = endpointOf(delivery)
    if (state === 'succeeded') {
      // Not on an endpoint turned off meanwhile: its run of failures is what its reason tells, until it is on.
      await tx
        .update(webhookEndpoints)
        .set({ consecutiveFailures: 0 })
        .where(
          and(
            ofEndpoint,
            eq(webhookEndpoints.enabled, true),
            sql`${webhookEndpoints.consecutiveFailures} <> 0`,
          ),
        )
      return
    }
    const limit = record.disableAfterFailures
    const [turnedOff] = await tx
      .update(webhookEndpoints)
      .set({
        consecutiveFailures: sql`${webhookEndpoints.consecutiveFailures} + 1`,
        enabled: sql`${webhookEndpoints.enabled} and ${webhookEndpoints.consecutiveFailures} + 1 < ${limit}`,
        disabledReason: sql`case when ${webhookEndpoints.enabled} and ${webhookEndpoints.consecutiveFailures} + 1 >= ${limit}
          then ${`Turned off by Vigil after ${limit} deliveries in a row failed every attempt; the last error: ${storable(outcome.error) ?? 'unknown'}.`}
          else ${webhookEndpoints.disabledReason} end`,
        updatedAt: finishedAt,
      })
      .where(and(ofEndpoint, eq(webhookEndpoints.enabled, true)))
      .returning({ enabled: webhookEndpoints.enabled })
    if (turnedOff?.enabled === false) {
      await pauseDeliveries(tx, delivery.siteId, delivery.endpointId, finishedAt)
      endpointTurnedOff = true
    }
  })
  return { endpointTurnedOff }
}

/** What recording an attempt changed beyond its delivery: this failure turned its endpoint off. */
export type AttemptRecorded = { endpointTurnedOff: boolean }

/** No attempt row holds this attempt yet (webhook_attempts_delivery_attempt_idx). */
const notLogged = (delivery: Pick<ClaimedDelivery, 'id' | 'attempt'>) =>
  sql`not exists (select 1 from ${webhookAttempts} a where a.delivery_id = ${delivery.id}::uuid and a.attempt = ${delivery.attempt})`

const endpointOf = (delivery: Pick<ClaimedDelivery, 'siteId' | 'endpointId'>) =>
  and(eq(webhookEndpoints.id, delivery.endpointId), eq(webhookEndpoints.siteId, delivery.siteId))

/**
 * An endpoint turned off: its waiting deliveries lose their due time, which takes them out of the dispatchers'
 * index (a claim would otherwise read past every one of them, on every poll, for as long as it stays off).
 * Two kinds are left as they are, and pause themselves when their outcome is recorded (recordAttempt finds the
 * endpoint off):
 * - a delivery whose attempt is in flight (claimed, its lease running, its outcome not yet recorded): its due
 *   time is the lease, and clearing it would let the endpoint, turned on again, send it twice at once;
 * - one locked meanwhile (being claimed), which is skipped rather than waited for.
 */
export async function pauseDeliveries(tx: Executor, siteId: string, endpointId: string, now: Date) {
  await tx.execute(sql`
    update webhook_deliveries set next_attempt_at = null
    where id in (
      select d.id from webhook_deliveries d
      where d.site_id = ${siteId} and d.endpoint_id = ${endpointId} and d.state = 'pending'
        and d.next_attempt_at is not null
        and not (d.attempts > 0 and d.next_attempt_at > ${now.toISOString()}::timestamptz
          and not exists (
            select 1 from webhook_attempts a where a.delivery_id = d.id and a.attempt = d.attempts))
      for update of d skip locked)
  `)
}

/** An endpoint turned on again: what waited for it is due at once. */
export async function resumeDeliveries(tx: Executor, siteId: string, endpointId: string, now: Date) {
  await tx.execute(sql`
    update webhook_deliveries set next_attempt_at = ${now.toISOString()}::timestamptz
    where site_id = ${siteId} and endpoint_id = ${endpointId} and state = 'pending' and next_attempt_at is null
  `)
}
