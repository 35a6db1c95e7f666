import { z } from '@hono/zod-openapi'

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
