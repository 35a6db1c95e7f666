import { describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config.js'
import { configErrorFor } from './config-errors.js'

describe('loadConfig, refusing what it cannot use', () => {
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
    ['DATABASE_URL', 'postgres://u:p@h1:5432,h2:99999/vigil'],
    // postgres.js would send these to the server as settings, which ends the session.
    ['DATABASE_URL', 'postgres://u:p@/vigil?host=db.internal'],
    ['DATABASE_URL', 'postgres://u:p@db.internal/vigil?port=5433'],
    ['DATABASE_URL', 'postgres://u:p@db.internal/vigil?host=/var/run/postgresql'],
    ['DATABASE_URL', 'postgres://u:p@/vigil?host=/var/run/postgresql&port=99999'],
    ['DATABASE_POOL_SIZE', '0'],
    ['DATABASE_POOL_SIZE', '101'],
    ['DATABASE_POOL_SIZE', 'ten'],
    ['TRUST_PROXY', 'maybe'],
    ['CLIENT_IP_HEADER', 'Fly Client IP'],
    ['CLIENT_IP_HEADER', 'x-forwarded-for:'],
    ['NODE_ENV', 'staging'],
    ['ADMIN_TOKEN', 'too-short'],
    ['METRICS_TOKEN', 'too-short'],
    ['METRICS_TOKEN', 'a token with spaces in it, long enough'],
    ['METRICS_PORT', '65536'],
    ['KEY_HASH_SECRET', 'shorter-than-32-characters'],
    ['KEY_HASH_SECRET', 'a secret read from a file, its newline kept\n'],
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
    // A # starts the URL's fragment: the host would be the user name, the port a piece of the password.
    'postgres://vigil:5432#Zq7Yw@db.internal:5432/vigil',
    // An @ then a comma: the driver reads what follows the first @ as a list of hosts, the first a piece of it.
    'postgres://vigil:Zq@Kx,7Yw@db.internal:5432/vigil',
    // The same with several hosts: the first would be "Kx@db1".
    'postgres://vigil:Zq@Kx@db1.internal,db2.internal/vigil',
  ])('refuses %s, a password not percent-encoded, without repeating it', (url) => {
    const { message } = configErrorFor({ DATABASE_URL: url })
    expect(message).toMatch(/^Invalid configuration: DATABASE_URL .*percent-encoded/)
    for (const piece of ['Zq', 'Kx', '7Yw', 'zzTop']) expect(message).not.toContain(piece)
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
})
