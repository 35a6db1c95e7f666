import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ensureAdminToken } from '../src/admin-token.js'
import { databaseOptionsOf, openDatabase } from '../src/db/client.js'

const modeOf = (path: string) => statSync(path).mode & 0o777

let parent: string
beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), 'vigil-data-dir-'))
})
afterEach(() => rmSync(parent, { recursive: true, force: true }))

const embedded = (dataDir: string) =>
  databaseOptionsOf({ databaseUrl: undefined, databasePreparedStatements: true, dataDir })

describe('the data directory, whose files other local accounts must not read', () => {
  it('is created readable by Vigil’s user alone, with the embedded database’s directory', async () => {
    const dataDir = join(parent, 'vigil', 'data')
    const database = await openDatabase(embedded(dataDir))
    await database.close()
    expect(modeOf(dataDir)).toBe(0o700)
    expect(modeOf(join(dataDir, 'pglite'))).toBe(0o700)
    // PGlite writes its files as 0666: the directory is what keeps them private.
    expect(modeOf(join(parent, 'vigil'))).toBe(0o700)
  })

  it('narrows the embedded database’s directory of an install from before, and leaves DATA_DIR as given', async () => {
    const dataDir = join(parent, 'data')
    mkdirSync(join(dataDir, 'pglite'), { recursive: true })
    chmodSync(dataDir, 0o750)
    chmodSync(join(dataDir, 'pglite'), 0o755)
    const database = await openDatabase(embedded(dataDir))
    await database.close()
    expect(modeOf(join(dataDir, 'pglite'))).toBe(0o700)
    expect(modeOf(dataDir)).toBe(0o750)
  })

  it('is created private when the admin token is the first thing written to it', () => {
    const dataDir = join(parent, 'fresh')
    ensureAdminToken(dataDir)
    expect(modeOf(dataDir)).toBe(0o700)
  })
})
