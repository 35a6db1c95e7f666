/**
 * Failures the domain can report, free of HTTP: `src/http/problem.ts` is the one place that turns a kind into
 * a status code and a problem type.
 */
export type FailureKind =
  | 'invalid-input'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'duplicate-comment'
  | 'comment-erased'
  | 'version-mismatch'
  | 'rate-limited'

export type FieldIssue = { path: string; message: string }

export class DomainError extends Error {
  override name = 'DomainError'
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly extra: { fields?: FieldIssue[]; retryAfterSeconds?: number } = {},
  ) {
    super(message)
  }
}

export const notFound = (what: string) => new DomainError('not-found', `${what} was not found.`)

export const invalidField = (path: string, message: string) =>
  new DomainError('invalid-input', `${path} ${message}`, { fields: [{ path, message }] })

/**
 * Error codes that mean "the database cannot be reached right now", not "this request is wrong": node's socket
 * errors, postgres.js's own connection errors, and the SQLSTATEs of a server that is shutting down, starting up
 * or out of connections. Class 08 (connection exception) is matched by prefix.
 */
const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
])

/** What a driver's error may say of itself: postgres.js and PGlite name the constraint differently. */
type DriverError = { code?: unknown; constraint_name?: unknown; constraint?: unknown }

/**
 * Whether `error`, or an error it wraps, passes `test`: drizzle's DrizzleQueryError keeps the driver's error as
 * `cause`, and a failed multi-address connect is an AggregateError of one per address.
 */
export function anyCause(error: unknown, test: (error: DriverError) => boolean, depth = 0): boolean {
  if (depth > 5 || typeof error !== 'object' || error === null) return false
  if (test(error as DriverError)) return true
  const { cause, errors } = error as { cause?: unknown; errors?: unknown }
  if (Array.isArray(errors) && errors.some((inner) => anyCause(inner, test, depth + 1))) return true
  return anyCause(cause, test, depth + 1)
}

/** The error at the bottom of a chain of causes: the driver's, under drizzle's wrapping (whose message is the whole statement). */
export function innermostCause(error: unknown): unknown {
  let inner = error
  for (let depth = 0; depth <= 5; depth++) {
    const cause =
      typeof inner === 'object' && inner !== null ? (inner as { cause?: unknown }).cause : undefined
    if (!cause) break
    inner = cause
  }
  return inner
}

/**
 * What the embedded database (PGlite) throws once it is closing or closed, with no code: a request still running
 * when a shutdown's deadline closed it.
 */
const EMBEDDED_CLOSED = /^PGlite is clos(?:ing|ed)$/

/** Whether `error` says the database is unreachable, not that the request is wrong. */
export const isDatabaseUnavailable = (error: unknown) =>
  anyCause(error, (failure) => {
    const { code } = failure
    if (typeof code === 'string') return unreachableCodes.has(code) || /^08[0-9A-Z]{3}$/.test(code)
    return failure instanceof Error && EMBEDDED_CLOSED.test(failure.message)
  })

/**
 * PostgreSQL rolled the transaction back whole, so sending the request again is safe (and soon succeeds: the
 * other transaction has gone through): a deadlock or serialisation failure, or a lock wait or statement cut short
 * by the operator's lock_timeout or statement_timeout (behind a long erasure or retention purge, say).
 */
const TRANSIENT_CONFLICTS = new Set(['40P01', '40001', '55P03', '57014'])
export const isTransientConflict = (error: unknown) =>
  anyCause(error, ({ code }) => typeof code === 'string' && TRANSIENT_CONFLICTS.has(code))

/**
 * A failure that passes, no bug of Vigil's, and what the log says of it (a warning): a deadlock or serialisation
 * failure rolled back, or a database that cannot be reached. Null for any other failure.
 */
export function passingFailureOf(
  error: unknown,
): { kind: 'rolled-back' | 'unreachable'; logged: string } | null {
  if (isTransientConflict(error))
    return { kind: 'rolled-back', logged: 'a concurrent change got in the way; the request was rolled back' }
  if (isDatabaseUnavailable(error)) return { kind: 'unreachable', logged: 'the database is unavailable' }
  return null
}

/** Whether `error` is PostgreSQL's refusal by the named constraint. */
export const violatedConstraint = (error: unknown, name: string) =>
  anyCause(error, ({ constraint_name, constraint }) => constraint_name === name || constraint === name)

/**
 * Whether `error` is a write refused because the site it names is gone: deleted (DELETE /v1/sites/{site}) while the
 * request, which had found it, was running. Every table's key to its site is named `<table>_site_id_sites_id_fk`.
 */
export const isSiteGone = (error: unknown) =>
  anyCause(
    error,
    ({ code, constraint_name, constraint }) =>
      code === '23503' && /_site_id_sites_id_fk$/.test(String(constraint_name ?? constraint ?? '')),
  )
