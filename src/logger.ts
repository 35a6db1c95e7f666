import { type Logger, pino } from 'pino'
import type { Config } from './config.js'

export type { Logger }

/**
 * JSON logs on stdout. Personal data and secrets are never passed to the logger; the redaction list is a
 * second line of defence should a future change log a whole object by mistake.
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
    destination,
  )
}

type SerializedError = Record<string, unknown> & { message?: unknown; stack?: unknown; cause?: unknown }

// Drizzle puts a failed query's parameters in the error message, and PostgreSQL's `detail` quotes the values of a
// violated key: both may hold an e-mail or an IP, so neither reaches the log.
const PARAMS_LINE = /\nparams: .*/g

function scrub(error: SerializedError): SerializedError {
  const { params: _params, parameters: _parameters, detail: _detail, ...rest } = error
  const clean: SerializedError = { ...rest }
  if (typeof clean.message === 'string')
    clean.message = clean.message.replace(PARAMS_LINE, '\nparams: [redacted]')
  if (typeof clean.stack === 'string') clean.stack = clean.stack.replace(PARAMS_LINE, '\nparams: [redacted]')
  if (clean.cause && typeof clean.cause === 'object') clean.cause = scrub(clean.cause as SerializedError)
  return clean
}

export function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error
  return scrub(pino.stdSerializers.err(error) as unknown as SerializedError)
}
