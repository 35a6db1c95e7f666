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
