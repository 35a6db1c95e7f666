import { describe, expect, it } from 'vitest'
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
    expect(said.at(-1)).toMatch(/^cleared 0 IPs/)

    const again = purge(dataDir)
    expect(await again.exited).toEqual({ code: 0, signal: null })
  })
})
