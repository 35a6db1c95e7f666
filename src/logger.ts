import { type Logger, pino } from 'pino'
import type { Config } from './config.js'

export type { Logger }

/**
 * JSON logs on stdout. Personal data and secrets are never passed to the logger; the redaction list is a
 * second line of defence should a future change log a whole object by mistake.
 *
 * Written synchronously: pino's default asynchronous stdout flushes at exit in a loop that retries a broken pipe
 * for ever, so a process whose log reader had gone (a crashed log shipper, `| head`) never exited on SIGTERM, and
 * its exit deadline, a timer, could not fire. Written synchronously, a broken pipe silences the logger instead.
 */
export function createLogger(level: Config['logLevel'], destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'vigil' },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: serializeError },
      redact: {
        paths: [
          'authorization',
          '*.authorization',
          'headers.authorization',
          '*.headers.authorization',
          'email',
          '*.email',
          'authorEmail',
          '*.authorEmail',
          'ip',
          '*.ip',
          'key',
          '*.key',
          'token',
          '*.token',
        ],
        censor: '[redacted]',
      },
    },
    destination ?? pino.destination({ fd: 1, sync: true }),
  )
}

/**
 * Fields of an error that describe what failed, never with what data: the SQLSTATE and the objects it names, a
 * system call and its code, the text of a failed statement (Vigil's own, with `$n` placeholders). Everything
 * else an error carries (the statement's parameters, PostgreSQL's `detail`, `hint` and `where`, a driver's own
 * fields) is left out: any of them may quote a reader's e-mail, address or comment.
 */
const DESCRIPTIVE_FIELDS = [
  'code',
  'errno',
  'syscall',
  'severity',
  'routine',
  'constraint',
  'constraint_name',
  'table',
  'table_name',
  'column',
  'column_name',
  'schema',
  'schema_name',
  'query',
] as const

/**
 * SQLSTATE classes whose messages name objects and conditions only: connection trouble (08), integrity (23:
 * "duplicate key value violates unique constraint ..."; its quoted values are in `detail`), serialisation and
 * deadlocks (40), authentication (28) and a missing database (3D), which name a role or a database, syntax and
 * access (42), resources (53, 54), object state (55), operator intervention (57),
 * system errors (58). The others, data exceptions (22: `invalid input syntax for type uuid: "..."`) first among
 * them, may quote a value, and their message is withheld.
 */
const MESSAGE_SAFE_CLASSES = new Set(['08', '23', '28', '3D', '40', '42', '53', '54', '55', '57', '58'])
const SQLSTATE = /^[0-9A-Z]{5}$/
const MAX_CAUSES = 5

/** The message, without what may quote data: a failed statement's parameters, a value PostgreSQL quotes. */
export function safeErrorMessage(error: unknown): string {
  if (!(error instanceof Error)) return `a thrown ${error === null ? 'null' : typeof error}`
  return safeMessage(error)
}

function safeMessage(error: Error & { code?: unknown }): string {
  const message = String(error.message)
  if (
    typeof error.code === 'string' &&
    SQLSTATE.test(error.code) &&
    !MESSAGE_SAFE_CLASSES.has(error.code.slice(0, 2))
  )
    return `[message withheld: SQLSTATE ${error.code} may quote a value]`
  // Drizzle's "Failed query: <statement>\nparams: <values>": the values may run over several lines.
  const params = message.indexOf('\nparams:')
  return params < 0 ? message : `${message.slice(0, params)}\nparams: [redacted]`
}

/** The stack's frames (file positions only), under the safe message: never the message the error was made with. */
function safeStack(error: Error, message: string): string | undefined {
  const header = `${error.name}: ${message}`
  if (typeof error.stack !== 'string') return undefined
  // V8's stack starts with "<name>: <message>", and a message may itself hold lines that look like frames: the
  // frames are what follows the message, found where it ends (the name may have changed since).
  const original = String(error.message)
  const nameEnd = error.stack.indexOf(original === '' ? '\n' : `: ${original}`)
  if (nameEnd < 0 || error.stack.lastIndexOf('\n', nameEnd - 1) >= 0) return header
  const rest = error.stack.slice(nameEnd + (original === '' ? 0 : original.length + 2))
  const frames = rest.split('\n').filter((line) => /^\s+at /.test(line))
  return [header, ...frames].join('\n')
}

/**
 * pino's error serialiser, rebuilt for what may be logged: the error's type, safe message, frames and descriptive
 * fields, and the same of its causes (drizzle wraps the driver's error) and of an AggregateError's errors (a
 * connection refused on every address of a host).
 */
export function serializeError(error: unknown, depth = 0): unknown {
  // Something thrown that is not an Error may hold anything: only its kind is logged.
  if (!(error instanceof Error)) return `[a thrown ${error === null ? 'null' : typeof error}, withheld]`
  const message = safeMessage(error)
  const serialized: Record<string, unknown> = { type: error.constructor.name, message }
  const stack = safeStack(error, message)
  if (stack) serialized.stack = stack
  const fields = error as unknown as Record<string, unknown>
  for (const field of DESCRIPTIVE_FIELDS) {
    const value = fields[field]
    if (typeof value === 'string' || typeof value === 'number') serialized[field] = value
  }
  if (depth < MAX_CAUSES) {
    if (error.cause !== undefined) serialized.cause = serializeError(error.cause, depth + 1)
    if (error instanceof AggregateError)
      serialized.errors = error.errors.slice(0, MAX_CAUSES).map((inner) => serializeError(inner, depth + 1))
  }
  return serialized
}

/**
 * Ends the process on an error nothing caught, as Node would, but logged as JSON through `logger`: Node's own
 * report prints every field of the error to stderr, a failed statement's parameters and PostgreSQL's `detail`
 * (which may quote a reader's e-mail or comment) included.
 */
export function exitOnCrash(logger: Logger, target: Pick<NodeJS.Process, 'on' | 'exit'> = process) {
  const crash = (what: string) => (error: unknown) => {
    logger.fatal({ err: error }, what)
    logger.flush()
    target.exit(1)
  }
  target.on('uncaughtException', crash('uncaught exception: the process stops'))
  target.on('unhandledRejection', crash('unhandled promise rejection: the process stops'))
}
