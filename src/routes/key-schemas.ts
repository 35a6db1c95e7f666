import { z } from '@hono/zod-openapi'
import { cursorParam, jsonResponse, pageLimit, pageOf } from '../http/openapi.js'

export const KeySchema = z
  .object({
    id: z.string(),
    siteId: z.string().nullable(),
    role: z.enum(['admin', 'moderator', 'server']),
    label: z.string().nullable(),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .openapi('ApiKey')

export const CreatedKeySchema = KeySchema.extend({
  key: z.string().openapi({ description: 'The key itself. Shown once: only its hash is stored.' }),
}).openapi('CreatedApiKey')

/** Revoked keys stay listed for the audit trail, so both key lists (a site's, the admin keys) are paged alike. */
export const keyPage = {
  description:
    'Newest first, revoked keys included, up to 100 a page (default 50); pass nextCursor as ?cursor= for the next page.',
  query: z.object({ limit: pageLimit(50), cursor: cursorParam }),
  response: jsonResponse(pageOf(KeySchema, 'ApiKeyPage'), 'Keys.'),
}
