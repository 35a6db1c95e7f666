import { ConfigError, loadConfig } from '../src/config.js'

export const TOKEN = 'a-production-admin-token-0123456789'

/** The error loadConfig throws for `env`, so its class and message can be checked. */
export function configErrorFor(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`)
}
