import { type Config, ConfigError, loadConfig } from './config.js'

export const TARGET = 'TARGET_DATABASE_URL'

/**
 * The configuration `npm run copy-to-postgres` opens its target with, or the one line that says why there is
 * none; checked before anything is opened.
 */
export function copyTargetConfig(env: Record<string, string | undefined>): Config | string {
  // With DATABASE_URL set, runCommand would open (and migrate) that server as the source.
  if (env.DATABASE_URL?.trim())
    return 'Invalid configuration: DATABASE_URL is set; the copy reads the embedded database in DATA_DIR: unset it'
  const url = env[TARGET]?.trim()
  if (!url) return `Invalid configuration: ${TARGET} must name the PostgreSQL database to copy into`
  try {
    // The target may sit behind a pooler in transaction mode, as the server Vigil will run on afterwards.
    const preparedStatements = env.DATABASE_PREPARED_STATEMENTS
    return loadConfig(
      { DATABASE_URL: url, DATABASE_PREPARED_STATEMENTS: preparedStatements },
      { servesRequests: false },
    )
  } catch (error) {
    if (error instanceof ConfigError) return error.message.replace('DATABASE_URL', TARGET)
    throw error
  }
}
