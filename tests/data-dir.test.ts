import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ensureAdminToken } from '../src/admin-token.js'
import { unopenableDatabase, unusableDataDir } from '../src/data-dir.js'
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

describe('an unusable DATA_DIR, said in one line that names it', () => {
  it.each([
    [
      'EACCES',
      { code: 'EACCES', message: "EACCES: permission denied, mkdir '/data/pglite'" },
      'write access',
    ],
    // PGlite's in-memory file system throws Emscripten's errors: a number, no message, not an Error.
    ['EACCES', { name: 'ErrnoError', errno: 2 }, 'write access'],
    ['ENOSPC', { name: 'ErrnoError', errno: 51 }, ''],
    ['EROFS', { name: 'ErrnoError', errno: 69 }, ''],
  ])('%s from %o', (code, error, hint) => {
    const said = unusableDataDir('/data', error)
    expect(said).toBeInstanceOf(Error)
    expect((said as Error).message).toMatch(new RegExp(`^DATA_DIR /data cannot be used \\(.*${code}.*\\)`))
    expect((said as Error).message).toContain(hint)
  })

  it('leaves any other error as it is, for the caller to word', () => {
    const other = { name: 'ErrnoError', errno: 44 }
    expect(unusableDataDir('/data', other)).toBe(other)
    const failure = new Error('PGlite failed to initialize properly')
    expect(unusableDataDir('/data', failure)).toBe(failure)
  })
})

describe('embedded-database files that cannot be opened, said in one line that names DATA_DIR', () => {
  it.each([
    ['an error number of no known kind', { name: 'ErrnoError', errno: 44 }, 'file-system error 44'],
    [
      'an abort',
      new Error('Aborted(). Build with -sASSERTIONS for more info.\nat ...'),
      'Aborted(). Build with -sASSERTIONS for more info.',
    ],
  ])('%s', (_, error, reason) => {
    const said = unopenableDatabase('/data', '/data/pglite', error)
    expect(said.message).toMatch(
      /^the embedded database in DATA_DIR \/data \(\/data\/pglite\) could not be opened/,
    )
    expect(said.message).toContain(`(${reason})`)
    expect(said.message).not.toContain('\n')
  })

  it('says a full disk or missing access as for DATA_DIR itself', () => {
    const said = unopenableDatabase('/data', '/data/pglite', { name: 'ErrnoError', errno: 51 })
    expect(said.message).toBe('DATA_DIR /data cannot be used (ENOSPC)')
  })
})
