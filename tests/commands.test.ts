import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../src/db/client.js'
import { migrateDatabase } from '../src/db/migrate.js'
import { createTestDatabase, onRealServer } from './helpers/db.js'
import { cleanUpProcesses, spawnServer, tempDataDir, waitFor } from './server-process.js'

// The one-shot commands (`npm run purge`, `npm run migrate`) as an operator runs them, on the embedded database.

cleanUpProcesses()

const purge = (dataDir: string) => spawnServer({ DATA_DIR: dataDir }, [], 'src/purge-cli.ts')

describe('npm run purge', () => {
  it('applies the retention periods, says what it did in one line, and exits 0', async () => {
    const command = purge(tempDataDir())
    expect(await command.exited).toEqual({ code: 0, signal: null })
    expect(command.logs().map((line) => line.msg)).toContain(
      'cleared 0 IPs, deleted 0 spam or rejected comments, emptied 0 that replies still answer',
    )
    expect(command.stderr()).toBe('')
  })

  it('interrupted, finishes and closes the embedded database instead of dying in the middle of a write', async () => {
    // Only this process writes those files: killed mid-write they may be left for a long recovery, or damaged.
    const dataDir = tempDataDir()
    const command = purge(dataDir)
    await waitFor(
      'the database to be opening',
      () => command.logs().find((line) => line.msg === 'opening the database'),
      command,
    )
    command.child.kill('SIGINT')
    expect(await command.exited).toEqual({ code: 0, signal: null })
    const said = command.logs().map((line) => line.msg)
    expect(said).toContain(
      'stopping once the database is closed: the embedded database must not be cut off mid-write',
    )
    // The purge stopped after the batch in hand (here, with nothing to do, at its end) and said what it did. The
    // signal may come while it works or while the database closes after it, so its line may come before the
    // warning as well as after.
    expect(said).toContainEqual(expect.stringMatching(/^cleared 0 IPs/))

    const again = purge(dataDir)
    expect(await again.exited).toEqual({ code: 0, signal: null })
  })
})

describe('npm run migrate', () => {
  const migrate = (args: string[] = []) =>
    spawnServer({ DATA_DIR: tempDataDir() }, args, 'src/migrate-cli.ts')

  it('migrates the embedded database when DATABASE_URL is not set', async () => {
    const command = migrate()
    expect(await command.exited).toEqual({ code: 0, signal: null })
    expect(command.logs().map((line) => line.msg)).toContain('migrations applied')
  })

  it('as a release command (--require-database-url), fails without DATABASE_URL instead of migrating a throwaway database', async () => {
    const command = migrate(['--require-database-url'])
    expect(await command.exited).toEqual({ code: 1, signal: null })
    expect(command.stderr().trim()).toBe(
      'Invalid configuration: DATABASE_URL is not set; this migration is for a PostgreSQL server (with the embedded database, the server migrates its own when it starts)',
    )
    expect(command.logs()).toEqual([])
  })
})

const copyToPostgres = (env: Record<string, string>) => spawnServer(env, [], 'src/copy-db-cli.ts')

describe('npm run copy-to-postgres', () => {
  it('stops with one line and exit code 1, having opened nothing, when DATABASE_URL is set', async () => {
    const command = copyToPostgres({
      DATA_DIR: tempDataDir(),
      DATABASE_URL: 'postgres://vigil:secret@127.0.0.1:1/vigil',
      TARGET_DATABASE_URL: 'postgres://vigil:secret@127.0.0.1:1/other',
    })
    expect(await command.exited).toEqual({ code: 1, signal: null })
    expect(command.stderr().trim()).toBe(
      'Invalid configuration: DATABASE_URL is set; the copy reads the embedded database in DATA_DIR: unset it',
    )
    expect(command.logs()).toEqual([])
  })

  it('stops with one line and exit code 1, having opened nothing, without TARGET_DATABASE_URL or with one Vigil would misread', async () => {
    const missing = copyToPostgres({ DATA_DIR: tempDataDir() })
    expect(await missing.exited).toEqual({ code: 1, signal: null })
    expect(missing.stderr().trim()).toBe(
      'Invalid configuration: TARGET_DATABASE_URL must name the PostgreSQL database to copy into',
    )
    const misread = copyToPostgres({ DATA_DIR: tempDataDir(), TARGET_DATABASE_URL: 'mysql://db/vigil' })
    expect(await misread.exited).toEqual({ code: 1, signal: null })
    expect(misread.stderr().trim()).toMatch(/^Invalid configuration: TARGET_DATABASE_URL /)
    expect([...missing.logs(), ...misread.logs()]).toEqual([])
  })

  /** Copies from `dataDir`, which holds no embedded database: the command stops with one line and exit code 1. */
  async function expectNothingToCopy(dataDir: string) {
    const command = copyToPostgres({
      DATA_DIR: dataDir,
      TARGET_DATABASE_URL: 'postgres://vigil:secret@127.0.0.1:1/vigil',
    })
    expect(await command.exited).toEqual({ code: 1, signal: null })
    expect(command.stderr().trim()).toBe(
      `Invalid configuration: DATA_DIR (${dataDir}) holds no embedded database: nothing to copy; set DATA_DIR to the folder the server runs with`,
    )
  }

  it('stops with one line and exit code 1 when DATA_DIR holds no embedded database (a mistyped volume), creating none', async () => {
    const dataDir = tempDataDir()
    await expectNothingToCopy(dataDir)
    expect(existsSync(join(dataDir, 'pglite'))).toBe(false)
  })

  it('stops the same way on the empty folder a first start cut off before the database was made leaves', async () => {
    const dataDir = tempDataDir()
    mkdirSync(join(dataDir, 'pglite'))
    await expectNothingToCopy(dataDir)
    expect(readdirSync(join(dataDir, 'pglite'))).toEqual([])
  })

  it.runIf(onRealServer)(
    'copies the embedded database into the PostgreSQL one, says so table by table, and exits 0',
    async () => {
      const dataDir = tempDataDir()
      const embedded = await openDatabase({ dataDir: join(dataDir, 'pglite') })
      await migrateDatabase(embedded)
      await embedded.close()
      const target = await createTestDatabase()
      try {
        const command = copyToPostgres({ DATA_DIR: dataDir, TARGET_DATABASE_URL: target.url ?? '' })
        expect(await command.exited).toEqual({ code: 0, signal: null })
        const said = command.logs().map((line) => line.msg)
        expect(said).toContain('comments: 0 rows written (committed at the end)')
        expect(said.at(-1)).toMatch(/^copied \d+ rows of \d+ tables; start Vigil with DATABASE_URL set to/)
        expect(command.stderr()).toBe('')
      } finally {
        await target.dispose()
      }
    },
  )

  it.runIf(onRealServer)(
    'names why a copy failed in one line that quotes none of the rows (not the statement and its parameters)',
    async () => {
      const dataDir = tempDataDir()
      const embedded = await openDatabase({ dataDir: join(dataDir, 'pglite') })
      await migrateDatabase(embedded)
      await embedded.db.execute(
        sql`insert into sites (id, name, created_at, updated_at) values ('s', 'Private name', now(), now())`,
      )
      await embedded.close()
      const target = await createTestDatabase()
      try {
        await target.db.execute(sql.raw('alter table sites add constraint refused check (false)'))
        const command = copyToPostgres({ DATA_DIR: dataDir, TARGET_DATABASE_URL: target.url ?? '' })
        expect(await command.exited).toEqual({ code: 1, signal: null })
        expect(command.stderr().trim()).toBe(
          'Vigil copy failed: new row for relation "sites" violates check constraint "refused"',
        )
      } finally {
        await target.dispose()
      }
    },
  )
})
