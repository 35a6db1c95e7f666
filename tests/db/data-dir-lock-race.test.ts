import * as fs from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'

/**
 * The moment between two steps of a takeover is where another process acts: `renameSync` is given a hook that
 * runs once, just before the lock is moved aside, as that other process would between the two.
 */
const between = vi.hoisted(() => ({ moveAside: null as null | (() => void) }))

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>()
  return {
    ...actual,
    renameSync: (from: fs.PathLike, to: fs.PathLike) => {
      const hook = between.moveAside
      if (hook && String(to).includes('.stale-')) {
        between.moveAside = null
        hook()
      }
      return actual.renameSync(from, to)
    },
  }
})

const { DataDirInUse, lockDataDir, pidNamespace, bootId } = await import('../../src/db/data-dir-lock.js')

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
})

describe('taking over a lock left without its owner, while another process does the same', () => {
  it("moves the other's fresh lock back and refuses, instead of deleting it and holding the database too", () => {
    const root = fs.mkdtempSync(join(tmpdir(), 'vigil-lock-race-'))
    dirs.push(root)
    const dir = join(root, 'pglite')
    const lock = `${dir}.lock`
    // Left without a readable owner: a power cut came before the file's content reached the disk.
    fs.mkdirSync(lock, { recursive: true })
    fs.writeFileSync(join(lock, 'owner.json'), '')
    between.moveAside = () => {
      // Meanwhile another process took the ownerless lock over and put its own in place: it runs (our parent).
      fs.rmSync(lock, { recursive: true, force: true })
      fs.mkdirSync(lock)
      fs.writeFileSync(
        join(lock, 'owner.json'),
        JSON.stringify({
          pid: process.ppid,
          host: hostname(),
          pidNamespace: pidNamespace(),
          boot: bootId(),
          instance: 'the-other-process',
          since: new Date().toISOString(),
        }),
      )
    }
    expect(() => lockDataDir(dir)).toThrow(DataDirInUse)
    expect(JSON.parse(fs.readFileSync(join(lock, 'owner.json'), 'utf8')).instance).toBe('the-other-process')
  })
})
