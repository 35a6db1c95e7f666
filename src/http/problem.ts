import { RequestError } from '@hono/node-server'
import type { Hook } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { z } from 'zod'
import { DomainError, type FailureKind, type FieldIssue, isSiteGone, passingFailureOf } from '../errors.js'
import type { AppEnv } from './env.js'

type ProblemKind =
  | FailureKind
  | 'malformed-request'
  | 'unsupported-media-type'
  | 'payload-too-large'
  | 'headers-too-large'
  | 'request-timeout'
  | 'expectation-failed'
  | 'route-not-found'
  | 'method-not-allowed'
  | 'method-not-implemented'
  | 'internal-error'
  | 'unavailable'

const problemTypes: Record<ProblemKind, { status: ContentfulStatusCode; title: string }> = {
  'invalid-input': { status: 400, title: 'The request is not valid' },
  'malformed-request': { status: 400, title: 'The request body cannot be read' },
  unauthorized: { status: 401, title: 'Authentication is required' },
  forbidden: { status: 403, title: 'This key may not do that' },
  'not-found': { status: 404, title: 'Not found' },
  'route-not-found': { status: 404, title: 'No such endpoint' },
  'method-not-allowed': { status: 405, title: 'This endpoint does not answer that method' },
  'method-not-implemented': { status: 501, title: 'This server does not answer that method' },
  conflict: { status: 409, title: 'Conflict' },
  'duplicate-comment': { status: 409, title: 'This comment was already posted' },
  'comment-erased': { status: 409, title: "This comment's author data was erased" },
  'version-mismatch': { status: 412, title: 'The comment changed since you read it' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'headers-too-large': { status: 431, title: 'The request headers are too large' },
  'request-timeout': { status: 408, title: 'The request was not received in time' },
  'expectation-failed': { status: 417, title: 'The Expect header cannot be met' },
  'unsupported-media-type': { status: 415, title: 'Unsupported content type' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  'internal-error': { status: 500, title: 'Internal error' },
  unavailable: { status: 503, title: 'The service is temporarily unavailable' },
}

/** What a client is told to wait before retrying while the database cannot be reached. */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 5
/** A deadlock's or serialisation failure's other party is done within a moment. */
const CONFLICT_RETRY_AFTER_SECONDS = 1

/** Problem types are stable URNs that clients may switch on; they never change once published. */
export const problemType = (kind: ProblemKind) => `urn:vigil:problem:${kind}`

type ProblemInput = { kind: ProblemKind; detail: string; fields?: FieldIssue[]; retryAfterSeconds?: number }

/** Every error response of the service goes through here (RFC 9457). */
export function problem(c: Context<AppEnv>, input: ProblemInput): Response {
  const { status, title } = problemTypes[input.kind]
  const body = {
    type: problemType(input.kind),
    title,
    status,
    detail: input.detail,
    instance: c.req.path,
    requestId: c.get('requestId'),
    ...(input.fields ? { errors: input.fields } : {}),
  }
  const headers: Record<string, string> = { 'Content-Type': 'application/problem+json' }
  if (input.retryAfterSeconds !== undefined) headers['Retry-After'] = String(input.retryAfterSeconds)
  if (input.kind === 'unauthorized') headers['WWW-Authenticate'] = 'Bearer'
  return c.body(JSON.stringify(body), status, headers)
}

const kindForStatus: Partial<Record<number, ProblemKind>> = {
  400: 'malformed-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'route-not-found',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
}

/**
 * Node's error for a request whose connection closed before its body was read whole ("aborted", ECONNRESET),
 * raised by the body's stream itself, never wrapped by a driver.
 */
const isClientHangUp = (error: Error) =>
  error.message === 'aborted' && (error as { code?: unknown }).code === 'ECONNRESET'

export function handleError(error: Error, c: Context<AppEnv>): Response {
  if (error instanceof DomainError) {
    return problem(c, { kind: error.kind, detail: error.message, ...error.extra })
  }
  if (error instanceof HTTPException) {
    const kind = kindForStatus[error.status]
    if (kind) return problem(c, { kind, detail: error.message || problemTypes[kind].title })
  }
  // Before the database check: a client hanging up mid-body is ECONNRESET too, and no outage.
  if (isClientHangUp(error)) {
    c.get('logger')?.debug('the client hung up before sending the whole body')
    return problem(c, {
      kind: 'invalid-input',
      detail: 'The request body ended before its stated length: the connection was closed.',
    })
  }
  // What the request would have answered had it come a moment later: a narrow race, and no fault of anyone's.
  if (isSiteGone(error)) {
    c.get('logger')?.info({ err: error }, 'the site was deleted while the request ran')
    return problem(c, { kind: 'not-found', detail: 'The site was not found.' })
  }
  const passing = passingFailureOf(error)
  if (passing) {
    c.get('logger')?.warn({ err: error }, passing.logged)
    return problem(
      c,
      passing.kind === 'rolled-back'
        ? {
            kind: 'unavailable',
            detail: 'A concurrent change got in the way and nothing was done; send the request again.',
            retryAfterSeconds: CONFLICT_RETRY_AFTER_SECONDS,
          }
        : {
            kind: 'unavailable',
            detail: 'The database cannot be reached right now; retry shortly.',
            retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS,
          },
    )
  }
  c.get('logger')?.error({ err: error }, 'unhandled error')
  return problem(c, {
    kind: 'internal-error',
    detail: 'Something went wrong on our side; it has been logged.',
  })
}

/** A problem the Node server answers itself, before any route: its status and its problem+json body. */
type RawProblem = { status: number; body: string }

function rawProblem(kind: ProblemKind, detail: string): RawProblem {
  const { status, title } = problemTypes[kind]
  return { status, body: JSON.stringify({ type: problemType(kind), title, status, detail }) }
}

/**
 * The answer of the Node server (`serve`'s errorHandler) to a request it could not turn into a Request, so that
 * no route or handler saw it: a malformed Host header or URL is the client's (400), anything else ours (500).
 * Problem+json like every other failure, rather than the adapter's empty 400.
 */
export function answerUnreadableRequest(error: unknown): Response {
  const { status, body } =
    error instanceof RequestError
      ? rawProblem('invalid-input', "The request's URL or Host header cannot be read.")
      : rawProblem('internal-error', 'Something went wrong on our side before the request could be read.')
  return new Response(body, { status, headers: { 'Content-Type': 'application/problem+json' } })
}

/**
 * Node's answer to a request its HTTP parser refused (the server's `clientError`), before any Request existed:
 * headers over its limit (a page on a domain with many cookies), a malformed request line or framing, a request
 * not received in time. The status Node itself would give, as problem+json rather than its bodiless default.
 */
export function clientErrorAnswer(error: Error & { code?: string }): RawProblem {
  const kind: ProblemKind =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 'headers-too-large'
      : error.code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW'
        ? 'payload-too-large'
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? 'request-timeout'
          : 'invalid-input'
  return rawProblem(
    kind,
    kind === 'invalid-input'
      ? 'The request cannot be read as HTTP.'
      : `${problemTypes[kind].title}; it was not read.`,
  )
}

/**
 * The answer to an HTTP/1.1 request without a Host header, which HTTP requires (RFC 9112, 3.2): Node's own check
 * answers a bare 400, before any hook, so the server makes its own.
 */
export const missingHostAnswer = (): RawProblem =>
  rawProblem('invalid-input', 'An HTTP/1.1 request needs a Host header.')

/** Node's answer to an `Expect` other than 100-continue (the server's `checkExpectation`), as problem+json. */
export const expectationFailedAnswer = (): RawProblem =>
  rawProblem(
    'expectation-failed',
    'Only "Expect: 100-continue" is understood; send the request without the other expectation.',
  )

/** The answer to CONNECT, which asks for a tunnel: Vigil is no proxy (Node's own default drops the connection). */
export const connectAnswer = (): RawProblem =>
  rawProblem('method-not-implemented', 'CONNECT asks for a proxy, which this server is not.')

export function handleNotFound(c: Context<AppEnv>): Response {
  return problem(c, { kind: 'route-not-found', detail: `No endpoint answers ${c.req.method} ${c.req.path}.` })
}

/**
 * The path of the first string (value or key) of a validated body holding U+0000, or null. Text fields refuse it
 * in their own schemas (`storable`, naming every bad field at once); this catches what a schema lets through
 * (free-form objects): PostgreSQL stores U+0000 in neither text nor jsonb, so it would fail as a 500 in the
 * query. Refused rather than removed: what is stored (and hashed, and compared) must be what was sent.
 */
function nulPath(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null
  if (typeof value !== 'object' || value === null) return null
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...path, key]
    const found = nulPath(inner, [...path, key])
    if (found) return found
  }
  return null
}

/** An issue's fields: each key a strict object does not take is a field of its own, named by its path. */
function issueFields(issue: z.core.$ZodIssue, target: string): { path: string; message: string }[] {
  // The validator's name for the request body is `json`, which names no field of it.
  const at = (path: readonly PropertyKey[]) =>
    path.map(String).join('.') || (target === 'json' ? 'body' : target)
  if (issue.code === 'unrecognized_keys')
    return issue.keys.map((key) => ({
      path: at([...issue.path, key]),
      message: 'is not a field of this request',
    }))
  return [{ path: at(issue.path), message: issue.message }]
}

/** Turns a failed zod validation into a 400 that names every offending field. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (result.success) {
    const path = result.target === 'json' ? nulPath(result.data) : null
    if (!path) return
    const field = { path: path.join('.') || 'body', message: 'must not contain a NUL character' }
    return problem(c, { kind: 'invalid-input', detail: `Invalid ${field.path}.`, fields: [field] })
  }
  const fields = result.error.issues.flatMap((issue) => issueFields(issue, result.target))
  const names = [...new Set(fields.map((field) => field.path))].join(', ')
  return problem(c, { kind: 'invalid-input', detail: `Invalid ${names}.`, fields })
}
