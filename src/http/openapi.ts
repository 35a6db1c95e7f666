import { z } from '@hono/zod-openapi'

const codePoints = (value: string) => {
  let count = 0
  for (const _ of value) count++
  return count
}

/** How the OpenAPI document states the NUL refusal `storable` applies (JSON Schema patterns are ECMA-262). */
const NO_NUL = '^[^\\u0000]*$'

/**
 * A string as people write it: any script, emoji and combining marks welcome, but no NUL and no lone UTF-16
 * surrogate (neither can be stored as PostgreSQL text). Lengths count characters (code points), not UTF-16 units,
 * so an emoji costs one, whatever the script.
 */
export const text = (max: number) =>
  storable(z.string())
    .refine((value) => codePoints(value) <= max, `must be at most ${max} characters`)
    .openapi({ maxLength: max, pattern: NO_NUL })

/** The checks every stored string needs, for string schemas built another way (an e-mail, say). */
export const storable = <T extends z.ZodString | z.ZodEmail>(schema: T) =>
  schema
    .refine((value) => !value.includes('\u0000'), 'must not contain a NUL character')
    .refine((value) => value.isWellFormed(), 'must be valid Unicode text')

// Whitespace, invisible format characters (a zero-width space, say) and the characters Unicode says draw nothing
// (Default_Ignorable_Code_Point: the Hangul fillers, letters by category, and variation selectors) alone show the
// reader nothing.
const VISIBLE = /[^\s\p{Cf}\p{Default_Ignorable_Code_Point}]/u

export const requiredText = (max: number) =>
  text(max)
    .refine((value) => VISIBLE.test(value), 'must not be empty')
    // What a generated client can check before sending; blanks alone are refused too, which no schema says.
    .openapi({ minLength: 1 })

export const httpUrl = (max: number) =>
  text(max).refine((value) => {
    try {
      const url = new URL(value)
      return url.protocol === 'http:' || url.protocol === 'https:'
    } catch {
      return false
    }
  }, 'must be an http(s) URL')

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'urn:vigil:problem:not-found' }),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    // The HTTP server's own answers, given before any route runs (an unreadable request, headers too large, an
    // Expect it cannot meet, a request not received in time: src/http/serve.ts), have neither.
    instance: z
      .string()
      .optional()
      .openapi({ description: "The request's path; absent when the HTTP server answered before any route." }),
    requestId: z.string().optional().openapi({
      description: 'The id the log has it under; absent, likewise, when the HTTP server answered.',
    }),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem')

export const problemDescriptions = {
  400: 'The request is invalid; `errors` names each field.',
  401: 'No key, or an unknown or revoked one.',
  403: 'The key may not do this on this site.',
  404: 'No such site or comment.',
  409: 'Conflicts with what is stored.',
  412: 'The comment changed since the version given in If-Match.',
  413: 'The body is larger than 64 KiB (256 KiB for a comment, 4 MiB for settings and their preview).',
  415: 'The body is not JSON.',
  429: 'Too many requests; see Retry-After.',
} as const

/** The error responses a route can give, all application/problem+json, for spreading into `responses`. */
export function problemResponses<Code extends keyof typeof problemDescriptions>(...codes: Code[]) {
  return Object.fromEntries(
    codes.map((code) => [
      code,
      {
        description: problemDescriptions[code],
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    ]),
  ) as unknown as Record<
    Code,
    { description: string; content: { 'application/problem+json': { schema: typeof ProblemSchema } } }
  >
}

export const jsonBody = <T extends z.ZodType>(schema: T, description?: string) => ({
  required: true,
  ...(description ? { description } : {}),
  content: { 'application/json': { schema } },
})

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})

export const bearerAuth = [{ bearerAuth: [] }]

/**
 * A site id as sites are created with it. Every route naming a site checks it first, so nothing else (a NUL, a
 * lone surrogate, a 10 kB string) reaches a query; and the server's own corpus (`*`) can never be named.
 */
export const SiteId = z
  .string()
  .regex(/^[a-z0-9-]{1,64}$/, 'must be 1 to 64 of a-z, 0-9 and -')
  .openapi({ example: 'le-monde-diplo' })

export const isSiteId = (value: string) => SiteId.safeParse(value).success

export const SiteParam = z.object({
  site: SiteId.openapi({ param: { name: 'site', in: 'path' } }),
})

/**
 * A query parameter sent with no value (`limit=`: the contract writes the queue's query so, and a form left blank or
 * a query built before the value is known sends it) is the parameter left out, its default applying, as for `cursor=`.
 */
export const blankAsOmitted = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema)

export const pageLimit = (fallback: number) =>
  blankAsOmitted(z.coerce.number().int().min(1).max(100).default(fallback))
/** A page of a list, named `name` in the document: its items, and the cursor of the next page (null on the last). */
export const pageOf = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name)

/**
 * An id a caller sends to be looked up: any well-formed UUID, so that one Vigil never made is answered 404 like any
 * unknown id. `z.uuid()` also wants the RFC's version and variant digits, and refused such an id with 400.
 */
export const uuidToLookUp = () => z.guid()

/** Cursors are base64url: anything else is refused here, before it is decoded. */
export const cursorParam = z
  .string()
  .max(512)
  .regex(/^[A-Za-z0-9_-]*$/, 'is not a cursor this service returned')
  .optional()
  .openapi({ description: 'The nextCursor of the previous page.' })
