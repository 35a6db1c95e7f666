import { z } from 'zod'

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes')

const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ message: `must be a whole number from ${min} to ${max}` })
    .int({ message: `must be a whole number from ${min} to ${max}` })
    .min(min, { message: `must be a whole number from ${min} to ${max}` })
    .max(max, { message: `must be a whole number from ${min} to ${max}` })

const ConfigSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], { message: 'must be development, production or test' })
    .default('development'),
  PORT: wholeNumber(0, 65535).default(3000),
  // Loopback by default so a developer's first `npm start` is not reachable from the network;
  // the Dockerfile and fly.toml set 0.0.0.0.
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, message: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  TRUST_PROXY: booleanFlag.default(false),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  SHUTDOWN_TIMEOUT_MS: wholeNumber(0, 60_000).default(8_000),
})

export type Config = {
  env: 'development' | 'production' | 'test'
  port: number
  host: string
  databaseUrl: string | undefined
  dataDir: string
  adminToken: string | undefined
  trustProxy: boolean
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL']
  shutdownTimeoutMs: number
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/**
 * Reads and validates the service's configuration once. Blank values count as unset, so a blank line in an
 * env file behaves like an absent variable instead of failing validation.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  options: { servesRequests?: boolean } = {},
): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  )
  const parsed = ConfigSchema.safeParse(present)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const variable = issue?.path.join('.') ?? 'environment'
    throw new ConfigError(`Invalid configuration: ${variable} ${issue?.message ?? 'is invalid'}`)
  }
  const value = parsed.data
  // A command that serves no requests (migrations) has no use for the admin token.
  if (value.NODE_ENV === 'production' && !value.ADMIN_TOKEN && options.servesRequests !== false) {
    throw new ConfigError('Invalid configuration: ADMIN_TOKEN is required when NODE_ENV=production')
  }
  return {
    env: value.NODE_ENV,
    port: value.PORT,
    host: value.HOST,
    databaseUrl: value.DATABASE_URL,
    dataDir: value.DATA_DIR,
    adminToken: value.ADMIN_TOKEN,
    trustProxy: value.TRUST_PROXY,
    logLevel: value.LOG_LEVEL,
    shutdownTimeoutMs: value.SHUTDOWN_TIMEOUT_MS,
  }
}
