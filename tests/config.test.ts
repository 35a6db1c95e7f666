import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config.js'

const TOKEN = 'a-production-admin-token-0123456789'

/** The error loadConfig throws for `env`, so its class and message can be checked. */
function configErrorFor(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`)
}

describe('loadConfig', () => {
  it('uses safe development defaults when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      env: 'development',
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      databasePreparedStatements: true,
      dataDir: './data',
      adminToken: undefined,
      metricsToken: undefined,
      metricsPort: undefined,
      trustProxy: false,
      clientIpHeader: null,
      logLevel: 'info',
      shutdownTimeoutMs: 8000,
      requestTimeoutMs: 30000,
      sharedLearning: true,
      webhooks: {
        // About 24 hours of attempts in all.
        retryDelaysMs: [
          5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 28_800_000,
          28_800_000,
        ],
        timeoutMs: 10_000,
        allowPrivateNetworks: false,
        dispatchInProcess: true,
        disableAfterFailures: 5,
        logRetentionDays: 30,
      },
      privacy: { ipRetentionDays: 30, spamRetentionDays: 30 },
      rateLimits: {
        windowSeconds: 60,
        submissionsPerIp: 10,
        submissionsPerSite: 600,
        apiPerKey: 1200,
        failedAuthPerIp: 20,
      },
    })
  })

  it('reads every variable it knows', () => {
    expect(
      loadConfig({
        NODE_ENV: 'production',
        PORT: '8080',
        HOST: '0.0.0.0',
        DATABASE_URL: 'postgresql://vigil:secret@db.internal:5432/vigil',
        DATABASE_PREPARED_STATEMENTS: 'false',
        DATA_DIR: '/var/lib/vigil',
        ADMIN_TOKEN: TOKEN,
        METRICS_TOKEN: 'scraper-token-0123456789abcdef',
        METRICS_PORT: '9464',
        TRUST_PROXY: 'true',
        CLIENT_IP_HEADER: 'Fly-Client-IP',
        LOG_LEVEL: 'warn',
        SHUTDOWN_TIMEOUT_MS: '2000',
        REQUEST_TIMEOUT_MS: '15000',
        WEBHOOK_RETRY_DELAYS_MS: '100, 1000,60000',
        WEBHOOK_TIMEOUT_MS: '5000',
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
        WEBHOOK_DISPATCHER: 'false',
        SHARED_LEARNING: 'false',
        WEBHOOK_DISABLE_AFTER_FAILURES: '10',
        WEBHOOK_LOG_RETENTION_DAYS: '7',
        IP_RETENTION_DAYS: '14',
        SPAM_RETENTION_DAYS: '60',
        RATE_LIMIT_WINDOW_SECONDS: '300',
        RATE_LIMIT_SUBMISSIONS_PER_IP: '5',
        RATE_LIMIT_SUBMISSIONS_PER_SITE: '0',
        RATE_LIMIT_API_PER_KEY: '6000',
        RATE_LIMIT_FAILED_AUTH_PER_IP: '50',
      }),
    ).toEqual({
      env: 'production',
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgresql://vigil:secret@db.internal:5432/vigil',
      databasePreparedStatements: false,
      dataDir: '/var/lib/vigil',
      adminToken: TOKEN,
      metricsToken: 'scraper-token-0123456789abcdef',
      metricsPort: 9464,
      trustProxy: true,
      clientIpHeader: 'fly-client-ip',
      logLevel: 'warn',
      shutdownTimeoutMs: 2000,
      requestTimeoutMs: 15000,
      sharedLearning: false,
      webhooks: {
        retryDelaysMs: [100, 1000, 60_000],
        timeoutMs: 5000,
        allowPrivateNetworks: true,
        dispatchInProcess: false,
        disableAfterFailures: 10,
        logRetentionDays: 7,
      },
      privacy: { ipRetentionDays: 14, spamRetentionDays: 60 },
      rateLimits: {
        windowSeconds: 300,
        submissionsPerIp: 5,
        submissionsPerSite: 0,
        apiPerKey: 6000,
        failedAuthPerIp: 50,
      },
    })
  })

  it('ignores variables that are not its own', () => {
    expect(loadConfig({ HOME: '/root', PATH: '/usr/bin', PORT: '4000' }).port).toBe(4000)
  })

  it('treats empty strings as unset, like a blank line in an env file', () => {
    expect(
      loadConfig({
        NODE_ENV: '',
        PORT: '',
        HOST: '',
        DATABASE_URL: '',
        DATABASE_PREPARED_STATEMENTS: '',
        DATA_DIR: '',
        ADMIN_TOKEN: '',
        TRUST_PROXY: '',
        LOG_LEVEL: '',
        SHUTDOWN_TIMEOUT_MS: '',
        WEBHOOK_RETRY_DELAYS_MS: '',
        WEBHOOK_TIMEOUT_MS: '',
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: '',
        WEBHOOK_DISPATCHER: '',
        WEBHOOK_DISABLE_AFTER_FAILURES: '',
        WEBHOOK_LOG_RETENTION_DAYS: '',
        IP_RETENTION_DAYS: '',
        SPAM_RETENTION_DAYS: '',
        RATE_LIMIT_WINDOW_SECONDS: '',
        RATE_LIMIT_SUBMISSIONS_PER_IP: '',
        RATE_LIMIT_SUBMISSIONS_PER_SITE: '',
        RATE_LIMIT_API_PER_KEY: '',
      }),
    ).toEqual(loadConfig({}))
  })

  it.each([
    ['true', true],
    ['1', true],
    ['yes', true],
    ['false', false],
    ['0', false],
    ['no', false],
    ['TRUE', true],
    ['No', false],
  ])('reads TRUST_PROXY=%s as %s', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toBe(expected)
  })

  it('reads words whatever their case, and numbers with spaces around them', () => {
    expect(loadConfig({ LOG_LEVEL: 'INFO', PORT: ' 8080 ' })).toMatchObject({ logLevel: 'info', port: 8080 })
    expect(loadConfig({ NODE_ENV: 'Production ', ADMIN_TOKEN: TOKEN }).env).toBe('production')
    expect(loadConfig({ NODE_ENV: 'TEST' }).env).toBe('test')
  })

  it('reads the data folder and the host without the spaces an env file leaves around them', () => {
    expect(loadConfig({ DATA_DIR: '/data ', HOST: ' 0.0.0.0 ' })).toMatchObject({
      dataDir: '/data',
      host: '0.0.0.0',
    })
    expect(loadConfig({ DATA_DIR: '   ' }).dataDir).toBe('./data')
  })

  it.each([
    'postgres://localhost/vigil',
    'postgresql://user:pass@db:5432/vigil?sslmode=require',
    // Several hosts, as postgres.js takes them: the first that accepts writes.
    'postgres://u:p@h1:5432,h2:5432/vigil?target_session_attrs=read-write',
    'postgres://u:p@h1,h2,h3/vigil',
  ])('accepts the database URL %s', (url) => {
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url)
  })

  it.each([
    ['PORT', 'http'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['LOG_LEVEL', 'verbose'],
    ['LOG_LEVEL', 'chatty'],
    ['PORT', '0x50'],
    ['PORT', '1e3'],
    ['PORT', '80.0'],
    ['DATABASE_URL', 'mysql://localhost/vigil'],
    ['DATABASE_URL', 'not a url'],
    ['DATABASE_URL', 'http://db.internal/vigil'],
    ['DATABASE_URL', 'postgres:///vigil'],
    ['DATABASE_URL', 'postgres://u:p@/vigil'],
    ['DATABASE_URL', 'postgres://u:p@h1:5432,/vigil'],
    ['DATABASE_URL', 'postgres://u:p@h1:5432,h2:port/vigil'],
    ['DATABASE_URL', 'postgres://u:p@h1:99999/vigil'],
    ['TRUST_PROXY', 'maybe'],
    ['CLIENT_IP_HEADER', 'Fly Client IP'],
    ['CLIENT_IP_HEADER', 'x-forwarded-for:'],
    ['NODE_ENV', 'staging'],
    ['ADMIN_TOKEN', 'too-short'],
    ['METRICS_TOKEN', 'too-short'],
    ['METRICS_TOKEN', 'a token with spaces in it, long enough'],
    ['METRICS_PORT', '65536'],
    ['SHUTDOWN_TIMEOUT_MS', 'soon'],
    ['WEBHOOK_RETRY_DELAYS_MS', '1s,5s'],
    ['WEBHOOK_RETRY_DELAYS_MS', '100,,200'],
    ['WEBHOOK_RETRY_DELAYS_MS', '-5'],
    ['WEBHOOK_RETRY_DELAYS_MS', '999999999999'],
    ['WEBHOOK_TIMEOUT_MS', '10'],
    ['WEBHOOK_ALLOW_PRIVATE_NETWORKS', 'sometimes'],
    ['WEBHOOK_DISPATCHER', 'off'],
    ['SHARED_LEARNING', 'sometimes'],
    ['WEBHOOK_DISABLE_AFTER_FAILURES', '0'],
    ['WEBHOOK_LOG_RETENTION_DAYS', '0'],
    ['IP_RETENTION_DAYS', '0'],
    ['SPAM_RETENTION_DAYS', 'forever'],
    ['RATE_LIMIT_WINDOW_SECONDS', '0'],
    ['RATE_LIMIT_WINDOW_SECONDS', '86401'],
    ['RATE_LIMIT_SUBMISSIONS_PER_IP', '-1'],
    ['RATE_LIMIT_SUBMISSIONS_PER_SITE', 'lots'],
    ['RATE_LIMIT_API_PER_KEY', '1.5'],
  ] as const)('refuses %s=%s with a one-line ConfigError naming the variable', (variable, value) => {
    const error = configErrorFor({ [variable]: value })
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('ConfigError')
    expect(error.message).toMatch(new RegExp(`^Invalid configuration: ${variable} \\S`))
    expect(error.message).not.toContain('\n')
  })

  it.each([
    // An @ then a / or ? left as typed: the URL's host would be a piece of the password, and the log line
    // saying it cannot be resolved would print that piece.
    'postgres://vigil:Zq@Kx/7Yw@db.internal:5432/vigil',
    'postgres://vigil:Zq@Kx?7Yw@db.internal:5432/vigil',
    // A % left as typed: the driver could not decode it ("URI malformed", and nothing else, at start).
    'postgres://vigil:9%zzTop@db.internal:5432/vigil',
  ])('refuses %s, a password not percent-encoded, without repeating it', (url) => {
    const { message } = configErrorFor({ DATABASE_URL: url })
    expect(message).toMatch(/^Invalid configuration: DATABASE_URL .*percent-encoded/)
    for (const piece of ['Zq', 'Kx', '7Yw', 'zzTop']) expect(message).not.toContain(piece)
  })

  it('accepts the same passwords percent-encoded', () => {
    for (const url of [
      'postgres://vigil:Zq%40Kx%2F7Yw@db.internal:5432/vigil',
      'postgres://vigil:Zq%40Kx%3F7Yw@db.internal:5432/vigil',
      'postgres://vigil:9%25zzTop@db.internal:5432/vigil',
      // An @ in the password alone is read right by the driver: the host is what follows the last one.
      'postgres://vigil:Zq@Kx@db.internal:5432/vigil',
    ])
      expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url)
  })

  it('refuses CLIENT_IP_HEADER without TRUST_PROXY, where the header is anyone’s to send', () => {
    expect(configErrorFor({ CLIENT_IP_HEADER: 'Fly-Client-IP' }).message).toMatch(
      /^Invalid configuration: CLIENT_IP_HEADER .*TRUST_PROXY=true/,
    )
  })

  it('accepts 0 as "no limit" for each rate limit, but not as a window', () => {
    expect(
      loadConfig({
        RATE_LIMIT_SUBMISSIONS_PER_IP: '0',
        RATE_LIMIT_SUBMISSIONS_PER_SITE: '0',
        RATE_LIMIT_API_PER_KEY: '0',
        RATE_LIMIT_FAILED_AUTH_PER_IP: '0',
      }).rateLimits,
    ).toEqual({
      windowSeconds: 60,
      submissionsPerIp: 0,
      submissionsPerSite: 0,
      apiPerKey: 0,
      failedAuthPerIp: 0,
    })
    expect(configErrorFor({ RATE_LIMIT_WINDOW_SECONDS: '0' }).message).toContain('RATE_LIMIT_WINDOW_SECONDS')
  })

  it.each([
    ['a trailing newline, as a secret file leaves', `${TOKEN}\n`],
    ['spaces', 'a token with spaces in it, long enough'],
    ['a tab', `${TOKEN}\textra`],
  ])('refuses an ADMIN_TOKEN with %s: no Authorization header could carry it', (_, token) => {
    expect(configErrorFor({ ADMIN_TOKEN: token }).message).toBe(
      'Invalid configuration: ADMIN_TOKEN must be at least 24 printable ASCII characters, without spaces or line breaks',
    )
  })

  it('does not echo a rejected secret back in the error', () => {
    expect(configErrorFor({ ADMIN_TOKEN: 'short-secret' }).message).not.toContain('short-secret')
  })

  it('requires ADMIN_TOKEN in production and says so', () => {
    expect(configErrorFor({ NODE_ENV: 'production' }).message).toBe(
      'Invalid configuration: ADMIN_TOKEN is required when NODE_ENV=production',
    )
  })

  it('counts an empty ADMIN_TOKEN as missing in production', () => {
    expect(configErrorFor({ NODE_ENV: 'production', ADMIN_TOKEN: '' }).message).toContain('ADMIN_TOKEN')
  })

  it('does not require ADMIN_TOKEN outside production', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).adminToken).toBeUndefined()
    expect(loadConfig({ NODE_ENV: 'test' }).adminToken).toBeUndefined()
  })
})
