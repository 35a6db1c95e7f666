import { describe, expect, it } from 'vitest'
import { copyTargetConfig } from '../src/copy-target-config.js'

const TARGET = 'postgres://vigil:secret@127.0.0.1:5432/vigil'

describe("the copy's target configuration (npm run copy-to-postgres)", () => {
  it('is the server TARGET_DATABASE_URL names, with prepared statements by default', () => {
    const config = copyTargetConfig({ TARGET_DATABASE_URL: TARGET })
    expect(
      typeof config === 'string' ? config : [config.databaseUrl, config.databasePreparedStatements],
    ).toEqual([TARGET, true])
  })

  it('honours DATABASE_PREPARED_STATEMENTS=false, for a target behind a pooler in transaction mode', () => {
    const config = copyTargetConfig({ TARGET_DATABASE_URL: TARGET, DATABASE_PREPARED_STATEMENTS: 'false' })
    expect(typeof config === 'string' ? config : config.databasePreparedStatements).toBe(false)
  })

  it('is one line naming what to fix without TARGET_DATABASE_URL, with DATABASE_URL, or with a misread URL', () => {
    expect(copyTargetConfig({})).toBe(
      'Invalid configuration: TARGET_DATABASE_URL must name the PostgreSQL database to copy into',
    )
    expect(copyTargetConfig({ DATABASE_URL: TARGET, TARGET_DATABASE_URL: TARGET })).toMatch(
      /^Invalid configuration: DATABASE_URL is set;/,
    )
    expect(copyTargetConfig({ TARGET_DATABASE_URL: 'mysql://db/vigil' })).toMatch(
      /^Invalid configuration: TARGET_DATABASE_URL /,
    )
  })
})
