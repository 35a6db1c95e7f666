import { type OpenAPIHono, z } from '@hono/zod-openapi'
import { KEY_SITES_ORDERS } from '../akismet/usage.js'
import type { AppEnv } from '../http/env.js'

export const THANKS = 'Thanks for making the web a better place.'
/** Paths the WordPress plugin calls besides checking: answered harmlessly so its screens do not fail. */
export const HARMLESS_PATHS = ['token', 'get-stats', 'verify-wpcom-key'] as const

/**
 * The account the WordPress plugin reads from get-subscription (Akismet_Admin::get_akismet_user): any answer
 * but a JSON object with an `active` status makes it call a valid key invalid. Its settings page also shows
 * `account_name`, `account_type` and `next_billing_date`, and newer versions read `limit_reached`.
 */
export const SUBSCRIPTION = {
  account_id: false,
  status: 'active',
  account_name: 'Vigil (self-hosted)',
  account_type: 'vigil',
  next_billing_date: false,
  limit_reached: false,
} as const

const SubscriptionSchema = z
  .object({
    account_id: z.literal(false),
    status: z.literal('active'),
    account_name: z.string(),
    account_type: z.string(),
    next_billing_date: z.literal(false),
    limit_reached: z.literal(false),
  })
  .openapi('AkismetSubscription', {
    description: 'A self-hosted Vigil has no account to bill and no quota: always active.',
  })

const tags = ['Akismet-compatible API']
const keyDescription =
  'Akismet protocol: the key in api_key, key or the first label of the Host header; always HTTP 200.'

// A form, urlencoded as most clients send it, or multipart as a client posting a FormData does.
const form = (description: string) => {
  const schema = z.record(z.string(), z.union([z.string(), z.array(z.string())])).openapi({ description })
  return { content: { 'application/x-www-form-urlencoded': { schema }, 'multipart/form-data': { schema } } }
}

// Words clients compare with, and in their place a sentence for a call Vigil cannot answer (a required field
// missing, say), as Akismet does; X-akismet-debug-help then says why.
const text = (words: string) => ({
  description: `${words}, or a sentence saying why the call cannot be answered.`,
  content: { 'text/plain': { schema: z.string().openapi({ description: words }) } },
})

/** An answer that is the same word for every caller: no key is read, nothing is stored. */
const fixed = (words: string) => ({
  description: words,
  content: { 'text/plain': { schema: z.string().openapi({ description: words }) } },
})

/** The Akismet routes in the OpenAPI document: form bodies in, plain words out. */
export function documentAkismetRoutes(app: OpenAPIHono<AppEnv>) {
  const keyed = [
    ['/1.1/verify-key', 'Check an API key (a site server key)', text('`valid` or `invalid`')],
    [
      '/1.1/comment-check',
      'Check a comment; it is stored in the moderation queue',
      text('`true` (spam), `false`, or `invalid` (the key)'),
    ],
    [
      '/1.1/submit-spam',
      'Report missed spam: teaches like a moderator',
      text(`\`${THANKS}\` or \`invalid\``),
    ],
    [
      '/1.1/submit-ham',
      'Report a false positive: teaches like a moderator',
      text(`\`${THANKS}\` or \`invalid\``),
    ],
  ] as const
  for (const [path, summary, response] of keyed) {
    app.openAPIRegistry.registerPath({
      method: 'post',
      path,
      tags,
      summary,
      description: keyDescription,
      request: { body: form('Akismet parameters (comment_author, comment_content, user_ip, blog, …).') },
      responses: { 200: response },
    })
  }
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/1.1/get-subscription',
    tags,
    summary: 'The account behind a key, as the WordPress plugin reads it',
    description: keyDescription,
    request: { body: form('api_key (or key) and blog.') },
    responses: {
      200: {
        description: 'The account, always active; `invalid` (plain text) for a bad key.',
        content: {
          'application/json': { schema: SubscriptionSchema },
          'text/plain': { schema: z.string().openapi({ description: '`invalid`, or a sentence' }) },
        },
      },
    },
  })
  documentKeylessRoutes(app)
  documentUsageRoutes(app)
}

/** The WordPress plugin's housekeeping calls: answered the same to anyone, key or none, and nothing is kept. */
function documentKeylessRoutes(app: OpenAPIHono<AppEnv>) {
  const description = 'Needs no key and reads none: the same answer to every caller; nothing is stored.'
  for (const method of ['get', 'post'] as const) {
    app.openAPIRegistry.registerPath({
      method,
      path: '/1.1/test',
      tags,
      summary: 'Connectivity check of the WordPress plugin',
      description,
      ...(method === 'post' ? { request: { body: form('Whatever the plugin sends; ignored.') } } : {}),
      responses: { 200: fixed('`connected`') },
    })
  }
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/1.1/deactivate',
    tags,
    summary: 'The WordPress plugin leaving a blog: acknowledged, nothing to undo',
    description,
    request: { body: form('Whatever the plugin sends (key, blog); ignored.') },
    responses: { 200: fixed('`deactivated`') },
  })
  for (const path of HARMLESS_PATHS) {
    app.openAPIRegistry.registerPath({
      method: 'post',
      path: `/1.1/${path}`,
      tags,
      summary: 'A WordPress plugin screen Vigil has nothing to show on: an empty answer',
      description,
      request: { body: form('Whatever the plugin sends; ignored.') },
      responses: { 200: { description: 'An empty body, to every caller.' } },
    })
  }
}

function documentUsageRoutes(app: OpenAPIHono<AppEnv>) {
  const key = 'The key in api_key (query or form body), key, or the first label of the Host header.'
  const keyQuery = z.object({ api_key: z.string().optional(), key: z.string().optional() })
  const keySitesQuery = keyQuery.extend({
    month: z.string().optional().openapi({ description: 'YYYY-MM; the current month when left out.' }),
    format: z.enum(['json', 'csv']).optional(),
    order: z.enum(KEY_SITES_ORDERS).optional(),
    limit: z.string().optional().openapi({ description: 'A positive whole number; 500 when left out.' }),
    offset: z.string().optional().openapi({ description: 'A whole number from 0.' }),
    filter: z.string().optional().openapi({ description: 'Only blogs whose address contains this.' }),
  })
  for (const path of ['/1.2/usage-limit', '/1.2/key-sites']) {
    const forKeySites = path.endsWith('key-sites')
    const answer = {
      description: 'JSON as Akismet documents it (key-sites: CSV with format=csv); `invalid` for a bad key.',
      content: {
        'application/json': { schema: z.record(z.string(), z.unknown()) },
        'text/plain': { schema: z.string() },
        ...(forKeySites ? { 'text/csv': { schema: z.string() } } : {}),
      },
    }
    const summary = forKeySites ? 'Checks per blog for a month' : 'Calls this month (no quota)'
    for (const method of ['get', 'post'] as const) {
      app.openAPIRegistry.registerPath({
        method,
        path,
        tags,
        summary,
        description: key,
        request:
          method === 'get'
            ? { query: forKeySites ? keySitesQuery : keyQuery }
            : { body: form('api_key and the query parameters, as a form.') },
        responses: { 200: answer },
      })
    }
  }
}
