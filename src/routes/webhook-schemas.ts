import { z } from '@hono/zod-openapi'
import { httpUrl, SiteParam, text, uuidToLookUp } from '../http/openapi.js'
import { webhookEventTypes } from '../webhooks/events.js'

const EventType = z.enum(webhookEventTypes).openapi('WebhookEventType')
/** What an endpoint subscribes to, in a creation as in a change. */
const EventList = z
  .array(EventType)
  .min(1)
  .max(webhookEventTypes.length * 2)

export const NewEndpointSchema = z
  .object({
    url: httpUrl(2000).openapi({ example: 'https://www.example.org/hooks/vigil' }),
    // `null` here as a PATCH takes it (events and description), so that a client can send the same object to both.
    events: EventList.nullish().openapi({
      description: 'The events to receive; every event (including future ones) when left out or `null`.',
    }),
    description: text(500).nullish(),
  })
  .strict()
  .openapi('NewWebhookEndpoint')

export const EndpointPatchSchema = z
  .object({
    url: httpUrl(2000),
    events: EventList.nullable().openapi({ description: '`null` subscribes to every event.' }),
    description: text(500).nullable(),
    enabled: z
      .boolean()
      .openapi({ description: 'Turning an endpoint on again resumes the deliveries that waited.' }),
  })
  .partial()
  .strict()
  .openapi('WebhookEndpointPatch')

export const EndpointSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(EventType).nullable(),
    enabled: z.boolean(),
    disabledReason: z
      .string()
      .nullable()
      .openapi({ description: 'Why Vigil turned the endpoint off, when it did.' }),
    consecutiveFailures: z.int(),
    previousSecretExpiresAt: z.iso.datetime().nullable().openapi({
      description:
        'Until then, secrets that rotations retired also sign (each for 24 hours); `null` once they are erased (within the hour after).',
    }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('WebhookEndpoint')

export const EndpointWithSecretSchema = EndpointSchema.extend({
  secret: z.string().openapi({
    description: 'The signing secret (Standard Webhooks, `whsec_…`). Shown this once: store it now.',
  }),
}).openapi('WebhookEndpointWithSecret')

const AttemptSchema = z.object({
  attempt: z.int(),
  startedAt: z.iso.datetime(),
  statusCode: z.int().nullable(),
  latencyMs: z.int(),
  error: z.string().nullable(),
  responseExcerpt: z.string().nullable(),
  nextAttemptAt: z.iso.datetime().nullable(),
})

export const DeliverySchema = z
  .object({
    id: z.uuid(),
    endpointId: z.uuid(),
    eventId: z.string().openapi({ description: 'The `webhook-id` header: the same on every attempt.' }),
    event: EventType,
    state: z.enum(['pending', 'succeeded', 'failed']),
    attempts: z.int(),
    lastStatusCode: z.int().nullable(),
    lastLatencyMs: z.int().nullable(),
    lastError: z.string().nullable(),
    nextAttemptAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    completedAt: z.iso.datetime().nullable(),
    history: z.array(AttemptSchema),
  })
  .openapi('WebhookDelivery')

export const EndpointParams = SiteParam.extend({
  id: uuidToLookUp().openapi({ param: { name: 'id', in: 'path' }, description: 'The webhook endpoint id.' }),
})

export const DeliveryParams = SiteParam.extend({
  id: uuidToLookUp().openapi({ param: { name: 'id', in: 'path' }, description: 'The delivery id.' }),
})
