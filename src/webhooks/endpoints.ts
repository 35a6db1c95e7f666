import { and, asc, count, eq, sql } from 'drizzle-orm'
import { uuidv7 } from 'uuidv7'
import type { Clock } from '../clock.js'
import type { Database } from '../db/client.js'
import { sites } from '../db/schema.js'
import { type WebhookEndpointRow, webhookEndpoints } from '../db/webhook-schema.js'
import { DomainError, notFound } from '../errors.js'
import { checkWebhookUrl, type WebhookGuardOptions } from './address-guard.js'
import { pauseDeliveries, resumeDeliveries } from './delivery-store.js'
import type { WebhookEventType } from './events.js'
import { enqueueEvent } from './outbox.js'
import type { ChangeDeps } from './outbox-bell.js'
import {
  MAX_RETIRED_SIGNING_SECRETS,
  newSigningSecret,
  ROTATION_OVERLAP_MS,
  stillSigning,
} from './signing.js'

/** A site's endpoints are few; the cap keeps their list one page long and a mistaken script from flooding it. */
export const MAX_ENDPOINTS_PER_SITE = 50

export type EndpointInput = {
  url: string
  /** Every event, including future ones, when null or left out. */
  events?: WebhookEventType[] | null | undefined
  description?: string | null | undefined
}
export type EndpointPatch = {
  url?: string | undefined
  events?: WebhookEventType[] | null | undefined
  description?: string | null | undefined
  enabled?: boolean | undefined
}

/** What the API shows of an endpoint: never its secret. */
export const endpointView = (row: WebhookEndpointRow) => ({
  id: row.id,
  url: row.url,
  description: row.description,
  events: row.events as WebhookEventType[] | null,
  enabled: row.enabled,
  disabledReason: row.disabledReason,
  consecutiveFailures: row.consecutiveFailures,
  previousSecretExpiresAt: row.previousSecretExpiresAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
})

export type WebhookGuard = WebhookGuardOptions

/** Refuses a URL that is not http(s) or that leads to this machine, a private network or a metadata service. */
async function assertDeliverable(url: string, guard: WebhookGuard) {
  const checked = await checkWebhookUrl(url, guard)
  // The reason is a sentence of its own ("The webhook host … does not resolve"), not a phrase after the field's name.
  if (!checked.ok)
    throw new DomainError('invalid-input', checked.reason, {
      fields: [{ path: 'url', message: checked.reason }],
    })
}

/** Event lists are stored deduplicated and sorted, so two equal subscriptions read the same. */
const normalizeEvents = (events: readonly WebhookEventType[] | null | undefined) =>
  events ? [...new Set(events)].sort() : null

export async function createEndpoint(
  db: Database,
  clock: Clock,
  guard: WebhookGuard,
  siteId: string,
  input: EndpointInput,
) {
  await assertDeliverable(input.url, guard)
  const now = clock.now()
  const secret = newSigningSecret()
  const row = await db.transaction(async (tx) => {
    // The site's row is locked so that concurrent creations count one after the other and the cap holds.
    const [site] = await tx.select({ id: sites.id }).from(sites).where(eq(sites.id, siteId)).for('update')
    if (!site) throw notFound('The site')
    const [existing] = await tx
      .select({ n: count() })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.siteId, siteId))
    if ((existing?.n ?? 0) >= MAX_ENDPOINTS_PER_SITE)
      throw new DomainError('conflict', `A site has at most ${MAX_ENDPOINTS_PER_SITE} webhook endpoints.`)
    const [inserted] = await tx
      .insert(webhookEndpoints)
      .values({
        id: uuidv7(),
        siteId,
        url: input.url,
        description: input.description ?? null,
        events: normalizeEvents(input.events),
        secret,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
    if (!inserted) throw new Error('insert returned no row')
    return inserted
  })
  return { endpoint: row, secret }
}

export function listEndpoints(db: Database, siteId: string) {
  return db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.siteId, siteId))
    .orderBy(asc(webhookEndpoints.id))
}

const byId = (siteId: string, id: string) =>
  and(eq(webhookEndpoints.siteId, siteId), eq(webhookEndpoints.id, id))

export async function getEndpoint(db: Database, siteId: string, id: string) {
  const [row] = await db.select().from(webhookEndpoints).where(byId(siteId, id))
  if (!row) throw notFound('The webhook endpoint')
  return row
}

/**
 * Changes an endpoint. Turning it back on clears the reason Vigil turned it off and its run of failures; the
 * deliveries that waited meanwhile go out again.
 */
export async function updateEndpoint(
  db: Database,
  clock: Clock,
  guard: WebhookGuard,
  siteId: string,
  id: string,
  patch: EndpointPatch,
) {
  if (patch.url !== undefined) await assertDeliverable(patch.url, guard)
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhookEndpoints)
      .set({
        ...(patch.url !== undefined ? { url: patch.url } : {}),
        ...(patch.events !== undefined ? { events: normalizeEvents(patch.events) } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.enabled !== undefined
          ? {
              enabled: patch.enabled,
              disabledReason: null,
              // Only when it comes back on: a PATCH repeating `enabled: true` (a script sending the whole object)
              // would otherwise keep a failing endpoint from ever being turned off.
              ...(patch.enabled
                ? {
                    consecutiveFailures: sql`case when ${webhookEndpoints.enabled} then ${webhookEndpoints.consecutiveFailures} else 0 end`,
                  }
                : {}),
            }
          : {}),
        updatedAt: clock.now(),
      })
      .where(byId(siteId, id))
      .returning()
    if (!row) throw notFound('The webhook endpoint')
    if (patch.enabled === false) await pauseDeliveries(tx, siteId, id, clock.now())
    if (patch.enabled === true) await resumeDeliveries(tx, siteId, id, clock.now())
    return row
  })
}

/**
 * Deletes an endpoint with its deliveries, their log, and the events no other endpoint still has to receive
 * (their payloads carry readers' names and e-mails: nothing is kept for nobody).
 */
export async function deleteEndpoint(db: Database, siteId: string, id: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(webhookEndpoints).where(byId(siteId, id)).for('update')
    if (!row) throw notFound('The webhook endpoint')
    await tx.execute(sql`
      with gone as (
        delete from webhook_deliveries where site_id = ${siteId} and endpoint_id = ${id} returning event_id
      )
      delete from webhook_events ev
      where ev.site_id = ${siteId} and ev.id in (select event_id from gone)
        and not exists (
          select 1 from webhook_deliveries d where d.event_id = ev.id and d.endpoint_id <> ${id}
        )
    `)
    await tx.delete(webhookEndpoints).where(byId(siteId, id))
    return row
  })
}

/**
 * A new secret signs from now on; the old one also signs for the next 24 hours, while receivers switch, and so do
 * the secrets earlier rotations retired until their own 24 hours are up (at most MAX_RETIRED_SIGNING_SECRETS).
 */
export async function rotateSecret(db: Database, clock: Clock, siteId: string, id: string) {
  const now = clock.now()
  const secret = newSigningSecret()
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(webhookEndpoints).where(byId(siteId, id)).for('update')
    if (!current) throw notFound('The webhook endpoint')
    const [row] = await tx
      .update(webhookEndpoints)
      .set({
        secret,
        previousSecret: current.secret,
        previousSecretExpiresAt: new Date(now.getTime() + ROTATION_OVERLAP_MS),
        olderSecrets: stillSigning(
          {
            previous: current.previousSecret,
            previousExpiresAt: current.previousSecretExpiresAt,
            older: current.olderSecrets,
          },
          now,
        ).slice(0, MAX_RETIRED_SIGNING_SECRETS - 1),
        updatedAt: now,
      })
      .where(byId(siteId, id))
      .returning()
    if (!row) throw notFound('The webhook endpoint')
    return { endpoint: row, secret }
  })
}

/** Queues a `ping` for this endpoint alone, whatever it subscribes to. */
export async function sendPing({ db, clock, outbox }: ChangeDeps, siteId: string, id: string) {
  const endpoint = await getEndpoint(db, siteId, id)
  if (!endpoint.enabled)
    throw new DomainError('conflict', 'The endpoint is turned off; turn it on (PATCH enabled: true) first.')
  const now = clock.now()
  const queued = await db.transaction((tx) =>
    enqueueEvent(tx, {
      siteId,
      type: 'ping',
      data: { siteId, endpointId: id, message: 'A test event sent from Vigil.' },
      now,
      endpointId: id,
    }),
  )
  const deliveryId = queued.deliveryIds[0]
  if (!deliveryId) {
    // Deleted (404) or turned off since it was read: the queue found nobody to send it to.
    await getEndpoint(db, siteId, id)
    throw new DomainError('conflict', 'The endpoint was turned off as the ping was queued; nothing was sent.')
  }
  outbox.ring()
  return { eventId: queued.eventId, deliveryId }
}
