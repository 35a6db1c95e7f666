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

/**
 * Whether `error`, or an error it wraps (drizzle's DrizzleQueryError keeps the driver's error as `cause`; a
 * failed multi-address connect is an AggregateError), says the database is unreachable.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== 'object' || error === null) return false
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown }
  if (typeof code === 'string' && (unreachableCodes.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true
  if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true
  return isDatabaseUnavailable(cause, depth + 1)
}

/**
 * Whether `error`, or an error it wraps, is PostgreSQL's refusal by the named constraint (`constraint_name` on
 * postgres.js's errors, `constraint` on PGlite's).
 */
export function violatedConstraint(error: unknown, name: string, depth = 0): boolean {
  if (depth > 5 || typeof error !== 'object' || error === null) return false
  const { constraint_name, constraint, cause } = error as {
    constraint_name?: unknown
    constraint?: unknown
    cause?: unknown
  }
  if (constraint_name === name || constraint === name) return true
  return violatedConstraint(cause, name, depth + 1)
}
