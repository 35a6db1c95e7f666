/**
 * The answers the middleware in front of every v1 route can give, added to each operation of the published
 * document that does not list them already. A route declares what its handler refuses; what authentication, rate
 * limits, parameter and body checks and an outage can answer is the same for all, and clients generating code from
 * `/openapi.json` must hear of it (a status missing from the document is often an exception in generated code).
 */

type Response = { description: string; content?: Record<string, unknown> }
type Operation = {
  parameters?: { in: string }[]
  requestBody?: unknown
  responses?: Record<string, Response>
}
type Document = { paths?: Record<string, Record<string, Operation>> }

const problem = (description: string): Response => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
})

const COMMON = {
  '400': problem('A parameter or the body is invalid; `errors` names each one.'),
  '401': problem('An unknown or revoked key (routes open to the public need none, but refuse a wrong one).'),
  '404': problem('No such site.'),
  '413': problem('The body is larger than 64 KiB.'),
  '415': problem('The body is not JSON.'),
  '429': problem(
    'Too many requests from this key, or too many failed authentications from this address; see Retry-After.',
  ),
  default: problem(
    'Any other failure: 500 for an unexpected error, 503 when the database does not answer in time.',
  ),
} as const

type Common = keyof typeof COMMON

/** What the middleware can answer for one operation of `path`. */
function commonFor(path: string, operation: Operation): Common[] {
  const codes: Common[] = ['401', '429', 'default']
  if ((operation.parameters ?? []).length > 0 || path.includes('{')) codes.push('400')
  if (path.includes('{site}')) codes.push('404')
  if (operation.requestBody) codes.push('400', '413', '415')
  return codes
}

/** The document with every v1 operation's common answers listed (the document given is left as it was). */
export function withCommonAnswers<T extends object>(document: T): T {
  const copy = structuredClone(document)
  for (const [path, item] of Object.entries((copy as Document).paths ?? {})) {
    if (!path.startsWith('/v1/')) continue
    for (const operation of Object.values(item)) {
      if (typeof operation !== 'object' || operation === null || !operation.responses) continue
      for (const code of commonFor(path, operation)) operation.responses[code] ??= COMMON[code]
    }
  }
  return copy
}
