import { problemDescriptions } from './openapi.js'

/**
 * The answers the HTTP server and the middleware in front of every v1 route can give, added to each operation of
 * the published document that does not list them already. A route declares what its handler refuses; what the
 * server, authentication, rate limits, parameter and body checks and an outage can answer is the same for all, and
 * clients generating code from `/openapi.json` must hear of it (a status missing from the document is often an
 * exception in generated code).
 */

type Response = { description: string; headers?: Record<string, unknown>; content?: Record<string, unknown> }
type Operation = {
  requestBody?: unknown
  responses?: Record<string, Response>
}
type Document = { paths?: Record<string, Record<string, Operation>> }

const problem = (description: string): Response => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
})

const retryAfter = {
  'Retry-After': {
    description: 'Seconds to wait before trying again.',
    required: true,
    schema: { type: 'integer', minimum: 0 },
  },
}

const COMMON = {
  '400': problem(
    'A parameter or the body is invalid (`errors` names each one), or the HTTP server cannot read the request.',
  ),
  '401': problem('An unknown or revoked key (routes open to the public need none, but refuse a wrong one).'),
  '404': problem('No such site.'),
  '408': problem('The request (its headers, or its body) did not arrive in time.'),
  '413': problem(problemDescriptions[413]),
  '415': problem(problemDescriptions[415]),
  '417': problem('An Expect header other than 100-continue (answered by the HTTP server).'),
  '429': {
    ...problem(
      'Too many requests from this key, or too many failed authentications from this address; see Retry-After.',
    ),
    headers: retryAfter,
  },
  '431': problem('The request headers are over 16 KiB, e.g. many cookies (answered by the HTTP server).'),
  '500': problem('An unexpected error; the log has it under the requestId.'),
  '503': { ...problem('The database did not answer in time.'), headers: retryAfter },
} as const

type Common = keyof typeof COMMON

/** What the HTTP server and the middleware can answer for one operation of `path` by `method`. */
function commonFor(path: string, method: string, operation: Operation): Common[] {
  // The HTTP server's own answers come before any route, whatever the method: a request it cannot read (400),
  // headers it did not receive in time (408), an Expect it cannot meet (417), headers over its limit (431).
  const codes: Common[] = ['400', '401', '408', '417', '429', '431', '500', '503']
  if (path.includes('{site}')) codes.push('404')
  // The body guard reads every body but a GET's (http/body.ts), whether or not the route takes one.
  if (method !== 'get') codes.push('413')
  if (operation.requestBody) codes.push('415')
  return codes
}

/**
 * The document with the common answers listed on every v1 operation and on /metrics, which counts a wrong token
 * in the database as /v1 does (a 503 while it is unreachable). The document given is left as it was.
 */
export function withCommonAnswers<T extends object>(document: T): T {
  const copy = structuredClone(document)
  for (const [path, item] of Object.entries((copy as Document).paths ?? {})) {
    if (!path.startsWith('/v1/') && path !== '/metrics') continue
    for (const [method, operation] of Object.entries(item)) {
      const responses = operation?.responses
      if (!responses) continue
      for (const code of commonFor(path, method, operation)) responses[code] ??= COMMON[code]
      // A route's own 429 (intake's flood control) carries Retry-After as the middleware's does.
      const ownLimit = responses['429']
      if (ownLimit && ownLimit !== COMMON['429']) ownLimit.headers = { ...retryAfter, ...ownLimit.headers }
    }
  }
  return copy
}
