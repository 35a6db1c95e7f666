import { describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config.js'
import { TOKEN } from './config-errors.js'

describe('loadConfig, reading the environment', () => {
  it('uses safe development defaults when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      env: 'development',
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      databasePreparedStatements: true,
      databasePoolSize: 10,
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
        DATABASE_POOL_SIZE: '25',
        DATA_DIR: '/var/lib/vigil',
        ADMIN_TOKEN: TOKEN,
        METRICS_TOKEN: 'scraper-token-0123456789abcdef',
        METRICS_PORT: '9464',
        KEY_HASH_SECRET: 'key-hash-secret-0123456789abcdefghij',
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
      databasePoolSize: 25,
      dataDir: '/var/lib/vigil',
      adminToken: TOKEN,
      metricsToken: 'scraper-token-0123456789abcdef',
      metricsPort: 9464,
      keyHashSecret: 'key-hash-secret-0123456789abcdefghij',
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
    // A Unix socket, as libpq names one: a directory in a host parameter, or percent-encoded as the host.
    'postgres://vigil@/vigil?host=/var/run/postgresql',
    'postgresql:///vigil?host=/cloudsql/project:europe-west1:db&port=5433',
    'postgres://vigil:secret@%2Fvar%2Frun%2Fpostgresql/vigil',
  ])('accepts the database URL %s', (url) => {
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url)
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
})
