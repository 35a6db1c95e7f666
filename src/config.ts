import { z } from 'zod'
import { postgresTargetOf, socketProblem } from './db/postgres-target.js'

// Case does not matter in words (`TRUE`, `Info`): an operator's env file is not a place for surprises.
const lowerCased = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : value)

const booleanFlag = z.preprocess(
  lowerCased,
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false (or 1/0, yes/no)' })
    .transform((value) => value === 'true' || value === '1' || value === 'yes'),
)

/** Decimal digits only: `0x50`, `1e3` or `80.0` are refused rather than read as some other number. */
const wholeNumber = (min: number, max: number) => {
  const message = `must be a whole number from ${min} to ${max}`
  return z
    .string()
    .trim()
    .regex(/^-?\d{1,9}$/, message)
    .transform(Number)
    .pipe(z.number().min(min, { message }).max(max, { message }))
}

// About 24 hours of attempts: quick retries for a blip, then hours apart for an outage.
const DEFAULT_RETRY_DELAYS_MS = [
  5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 28_800_000, 28_800_000,
]

const delayList = z
  .string()
  .regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, 'must be whole numbers of milliseconds separated by commas')
  .transform((list) => list.split(',').map((delay) => Number(delay.trim())))
  .refine((delays) => delays.length <= 50 && delays.every((delay) => delay <= 7 * 24 * 3_600_000), {
    message: 'must be at most 50 delays of at most 7 days each',
  })

/**
 * A bearer token as a client can send it: printable ASCII without spaces. A space, or the newline a secret file
 * often ends with, would be kept in the token, and no `Authorization` header could match it.
 */
/** What an admin or metrics token must be: it travels in an `Authorization: Bearer` header. */
export const BEARER_TOKEN = /^[\x21-\x7e]{24,}$/

const bearerToken = z
  .string()
  .regex(BEARER_TOKEN, 'must be at least 24 printable ASCII characters, without spaces or line breaks')

/** Another host of a multi-host URL: a name or address, and a port unless the default. */
const FURTHER_HOST = /^[^:]+(?::(\d{1,5}))?$/
/** A port postgres.js can connect to: above 65535 it throws, uncaught, when it fails over to that host. */
const isFurtherHost = (host: string) => {
  const match = FURTHER_HOST.exec(host)
  return match !== null && (match[1] === undefined || Number(match[1]) <= 65535)
}

/**
 * Whether postgres.js can read `url`: postgres:// or postgresql://, naming at least one host. postgres.js also
 * takes several, comma-separated (`h1:5432,h2:5432`, with `target_session_attrs`), which no URL parser reads: as
 * postgres.js does, the hosts (between `@` and the first `/` or `?`) are cut out and the URL read with the first.
 */
function isPostgresUrl(url: string): boolean {
  // A socket's URL is read as postgres.js is given it: its host is the socket's.
  const value = postgresTargetOf(url).url
  const start = value.indexOf('://')
  if (start < 0) return false
  const authority = value.slice(start + 3).split(/[?/]/)[0] ?? ''
  const hosts = authority.slice(authority.indexOf('@') + 1)
  const [first = '', ...further] = hosts.split(',')
  try {
    const url = new URL(value.replace(hosts, first))
    return (
      (url.protocol === 'postgres:' || url.protocol === 'postgresql:') &&
      url.hostname !== '' &&
      further.every(isFurtherHost)
    )
  } catch {
    return false
  }
}

/**
 * Whether the user name and password are percent-encoded, as postgres.js reads them. Left as typed, an `@` followed
 * later by a `/` or `?` makes the host a piece of the password (which the start-up log line "getaddrinfo ENOTFOUND
 * <host>" then printed), as do a `#` (the URL's fragment starts there) and an `@` followed by a `,`, in the password
 * or in a list of hosts (postgres.js takes what follows its first `@` for the list); a `%` makes the driver fail
 * with "URI malformed" and nothing else.
 */
function credentialsEncoded(value: string): boolean {
  const rest = value.slice(value.indexOf('://') + 3)
  const authority = rest.split(/[?/]/)[0] ?? ''
  if (rest.slice(authority.length).includes('@')) return false
  const userinfo = authority.slice(0, Math.max(0, authority.lastIndexOf('@')))
  if (userinfo.includes('#')) return false
  // With an @ left in the password, postgres.js reads a list of hosts from the first @ on: before a comma in the
  // password or in the hosts, the first host would be a piece of the password.
  if (userinfo.includes('@') && authority.includes(',', userinfo.indexOf('@'))) return false
  try {
    decodeURIComponent(userinfo)
    return true
  } catch {
    return false
  }
}

const ConfigSchema = z.object({
  NODE_ENV: z
    .preprocess(
      lowerCased,
      z.enum(['development', 'production', 'test'], { message: 'must be development, production or test' }),
    )
    .default('development'),
  PORT: wholeNumber(0, 65535).default(3000),
  // Loopback by default so a developer's first `npm start` is not reachable from the network;
  // the Dockerfile sets 0.0.0.0, and fly.toml :: (Fly's private network is IPv6).
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .trim()
    .superRefine((value, context) => {
      const problem = socketProblem(value)
      if (problem) context.addIssue({ code: 'custom', message: problem })
    })
    .refine(
      isPostgresUrl,
      'must be a postgres:// or postgresql:// URL naming at least one host (or a Unix socket directory)',
    )
    .refine(
      credentialsEncoded,
      'must have its user name and password percent-encoded (@ as %40, / as %2F, ? as %3F, # as %23, % as %25)',
    )
    .optional(),
  DATABASE_PREPARED_STATEMENTS: booleanFlag.default(true),
  DATABASE_POOL_SIZE: wholeNumber(1, 100).default(10),
  // Trimmed: a trailing space from an env file named another, empty folder, which started as a brand-new
  // instance (a new database, a new admin token) and looked like every comment lost.
  DATA_DIR: z.string().trim().min(1).default('./data'),
  ADMIN_TOKEN: bearerToken.optional(),
  METRICS_TOKEN: bearerToken.optional(),
  METRICS_PORT: wholeNumber(0, 65535).optional(),
  // Printable, like a token: the newline a secret file ends with would otherwise make it another secret, and
  // every key would stop working.
  KEY_HASH_SECRET: z
    .string()
    .regex(
      /^[\x21-\x7e]{32,}$/,
      'must be at least 32 printable ASCII characters, without spaces or line breaks (openssl rand -base64 32 gives one)',
    )
    .optional(),
  TRUST_PROXY: booleanFlag.default(false),
  // A header name (RFC 9110 token); compared in lower case, as Node hands headers over.
  CLIENT_IP_HEADER: z
    .string()
    .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be a header name, such as Fly-Client-IP')
    .transform((name) => name.toLowerCase())
    .optional(),
  LOG_LEVEL: z
    .preprocess(
      lowerCased,
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        message: 'must be one of fatal, error, warn, info, debug, trace, silent',
      }),
    )
    .default('info'),
  SHUTDOWN_TIMEOUT_MS: wholeNumber(0, 60_000).default(8_000),
  REQUEST_TIMEOUT_MS: wholeNumber(100, 600_000).default(30_000),
  WEBHOOK_RETRY_DELAYS_MS: delayList.optional(),
  WEBHOOK_TIMEOUT_MS: wholeNumber(100, 120_000).default(10_000),
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: booleanFlag.default(false),
  WEBHOOK_DISPATCHER: booleanFlag.default(true),
  SHARED_LEARNING: booleanFlag.default(true),
  WEBHOOK_DISABLE_AFTER_FAILURES: wholeNumber(1, 10_000).default(5),
  WEBHOOK_LOG_RETENTION_DAYS: wholeNumber(1, 3650).default(30),
  IP_RETENTION_DAYS: wholeNumber(1, 3650).default(30),
  SPAM_RETENTION_DAYS: wholeNumber(1, 3650).default(30),
  RATE_LIMIT_WINDOW_SECONDS: wholeNumber(1, 86_400).default(60),
  RATE_LIMIT_SUBMISSIONS_PER_IP: wholeNumber(0, 1_000_000).default(10),
  RATE_LIMIT_SUBMISSIONS_PER_SITE: wholeNumber(0, 1_000_000).default(600),
  RATE_LIMIT_API_PER_KEY: wholeNumber(0, 1_000_000).default(1200),
  RATE_LIMIT_FAILED_AUTH_PER_IP: wholeNumber(0, 1_000_000).default(20),
})

export type Config = {
  env: 'development' | 'production' | 'test'
  port: number
  host: string
  databaseUrl: string | undefined
  /** False behind a pooler in transaction mode (src/db/client.ts). */
  databasePreparedStatements: boolean
  /** Connections this process opens to DATABASE_URL at most (postgres.js opens them as work needs them). */
  databasePoolSize: number
  dataDir: string
  adminToken: string | undefined
  /** A bearer token that reads `GET /metrics` and nothing else (the admin token reads it too). */
  metricsToken: string | undefined
  /** The secret API keys are hashed under (src/sites/key-hashes.ts); unset, they are stored as plain SHA-256. */
  keyHashSecret: string | undefined
  /** Where a worker serves /healthz and /metrics (0: any free port); a worker without it listens on nothing. */
  metricsPort: number | undefined
  trustProxy: boolean
  /** The header a trusted proxy names the caller's IP in, or null for the last `X-Forwarded-For` entry. */
  clientIpHeader: string | null
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL']
  shutdownTimeoutMs: number
  /** How long an API request may take before it is answered 503 (src/http/deadline.ts). */
  requestTimeoutMs: number
  /**
   * Whether the sites of this server learn from one another: every decision also teaches a server-wide model,
   * which judges a site's comments while the site has too few decisions of its own, and is the prior of its own
   * model after. Off when the sites do not trust one another (one organisation's site could teach spam as ham).
   */
  sharedLearning: boolean
  webhooks: WebhookConfig
  privacy: PrivacyConfig
  rateLimits: RateLimitConfig
}

/** Requests allowed per fixed window, counted in the database across every process; 0 turns a limit off. */
export type RateLimitConfig = {
  windowSeconds: number
  /** Comments per reader IP (a public caller's own, or the one a server key passes); IPv6 counts per /64. */
  submissionsPerIp: number
  /** Public (keyless) comments per site. */
  submissionsPerSite: number
  /** Requests per key on the moderation and admin API (and a server key's submissions that name no reader IP). */
  apiPerKey: number
  /** Failed authentications (unknown or revoked keys) per caller IP, on `/v1` and the Akismet API. */
  failedAuthPerIp: number
}

export type PrivacyConfig = {
  /** Days a reader's raw IP and user agent are kept; a keyed hash of the IP stays for rate limits and reputation. */
  ipRetentionDays: number
  /** Days spam and rejected comments are kept (from their decision, or their arrival when never decided). */
  spamRetentionDays: number
}

export type WebhookConfig = {
  /** Delays between attempts; a delivery gets one more attempt than there are delays. */
  retryDelaysMs: number[]
  timeoutMs: number
  /** Lets endpoints on loopback and private networks through (tests, local development). */
  allowPrivateNetworks: boolean
  /** Whether the web process delivers webhooks itself (`false` when `npm run worker` processes do it). */
  dispatchInProcess: boolean
  /** Deliveries in a row that use up every attempt before the endpoint is turned off. */
  disableAfterFailures: number
  /** Days events and their delivery log are kept, counted from the event; one still being retried stays until it is done. */
  logRetentionDays: number
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
  // Without a trusted proxy the header is whatever the caller chose to send: reading it would be the mistake.
  if (value.CLIENT_IP_HEADER && !value.TRUST_PROXY) {
    throw new ConfigError(
      'Invalid configuration: CLIENT_IP_HEADER is read only behind a trusted proxy; set TRUST_PROXY=true too',
    )
  }
  return {
    env: value.NODE_ENV,
    port: value.PORT,
    host: value.HOST,
    databaseUrl: value.DATABASE_URL,
    databasePreparedStatements: value.DATABASE_PREPARED_STATEMENTS,
    databasePoolSize: value.DATABASE_POOL_SIZE,
    dataDir: value.DATA_DIR,
    adminToken: value.ADMIN_TOKEN,
    metricsToken: value.METRICS_TOKEN,
    metricsPort: value.METRICS_PORT,
    keyHashSecret: value.KEY_HASH_SECRET,
    trustProxy: value.TRUST_PROXY,
    clientIpHeader: value.CLIENT_IP_HEADER ?? null,
    logLevel: value.LOG_LEVEL,
    shutdownTimeoutMs: value.SHUTDOWN_TIMEOUT_MS,
    requestTimeoutMs: value.REQUEST_TIMEOUT_MS,
    sharedLearning: value.SHARED_LEARNING,
    webhooks: {
      retryDelaysMs: value.WEBHOOK_RETRY_DELAYS_MS ?? DEFAULT_RETRY_DELAYS_MS,
      timeoutMs: value.WEBHOOK_TIMEOUT_MS,
      allowPrivateNetworks: value.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
      dispatchInProcess: value.WEBHOOK_DISPATCHER,
      disableAfterFailures: value.WEBHOOK_DISABLE_AFTER_FAILURES,
      logRetentionDays: value.WEBHOOK_LOG_RETENTION_DAYS,
    },
    privacy: {
      ipRetentionDays: value.IP_RETENTION_DAYS,
      spamRetentionDays: value.SPAM_RETENTION_DAYS,
    },
    rateLimits: {
      windowSeconds: value.RATE_LIMIT_WINDOW_SECONDS,
      submissionsPerIp: value.RATE_LIMIT_SUBMISSIONS_PER_IP,
      submissionsPerSite: value.RATE_LIMIT_SUBMISSIONS_PER_SITE,
      apiPerKey: value.RATE_LIMIT_API_PER_KEY,
      failedAuthPerIp: value.RATE_LIMIT_FAILED_AUTH_PER_IP,
    },
  }
}
