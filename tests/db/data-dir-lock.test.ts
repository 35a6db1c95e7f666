import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/client.js'
import { DataDirInUse, lockDataDir } from '../../src/db/data-dir-lock.js'

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

/** A fresh DATA_DIR/pglite path, not yet created. */
function dataDir(): string {
  const root = mkdtempSync(join(tmpdir(), 'vigil-lock-'))
  dirs.push(root)
  return join(root, 'pglite')
}

/** A lock left behind as a process would leave it. */
function leaveLock(dir: string, owner: { pid: number; host?: string } | null) {
  mkdirSync(`${dir}.lock`, { recursive: true })
  if (owner)
    writeFileSync(
      join(`${dir}.lock`, 'owner.json'),
      JSON.stringify({ host: hostname(), since: '2026-11-30T00:00:00.000Z', ...owner }),
    )
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])
  return Number(child.stdout.toString())
}

describe('the embedded database belongs to one process', () => {
  it('refuses a second taker while the first holds it, naming it, and lets it go when released', async () => {
    const dir = dataDir()
    const release = await lockDataDir(dir)
    const second = lockDataDir(dir)
    await expect(second).rejects.toBeInstanceOf(DataDirInUse)
    await expect(second).rejects.toThrow(`pid ${process.pid}`)
    release()
    expect(existsSync(`${dir}.lock`)).toBe(false)
    ;(await lockDataDir(dir))()
  })

  it('takes over a lock whose process has died', async () => {
    const dir = dataDir()
    leaveLock(dir, { pid: deadPid() })
    const release = await lockDataDir(dir)
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirInUse)
    release()
  })

  it("takes over a lock holding this process's own pid: a restarted container is given the same pid", async () => {
    const dir = dataDir()
    leaveLock(dir, { pid: process.pid })
    ;(await lockDataDir(dir))()
  })

  it('takes over a lock left without its owner, after looking twice', async () => {
    const dir = dataDir()
    leaveLock(dir, null)
    ;(await lockDataDir(dir))()
  })

  it('refuses a lock taken on another machine, whose process it cannot check', async () => {
    const dir = dataDir()
    leaveLock(dir, { pid: deadPid(), host: `${hostname()}-elsewhere` })
    await expect(lockDataDir(dir)).rejects.toThrow('use DATABASE_URL')
  })

  it('is taken by openDatabase on a data directory, and given back by close', async () => {
    const dir = dataDir()
    const first = await openDatabase({ dataDir: dir })
    await expect(openDatabase({ dataDir: dir })).rejects.toBeInstanceOf(DataDirInUse)
    await first.close()
    const again = await openDatabase({ dataDir: dir })
    await again.close()
  })
})
