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
