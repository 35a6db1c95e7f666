import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/client.js'
import { bootId, DataDirInUse, lockDataDir, pidNamespace, startTicks } from '../../src/db/data-dir-lock.js'

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

type LeftOwner = {
  pid: number
  host?: string
  pidNamespace?: string | null
  boot?: string
  started?: string | null
}

/** A lock left behind as a process would leave it: on this host and in this PID namespace unless told. */
function leaveLock(dir: string, owner: LeftOwner | null) {
  rmSync(`${dir}.lock`, { recursive: true, force: true })
  mkdirSync(`${dir}.lock`, { recursive: true })
  if (owner)
    writeFileSync(
      join(`${dir}.lock`, 'owner.json'),
      JSON.stringify({
        host: hostname(),
        pidNamespace: pidNamespace(),
        since: '2026-11-30T00:00:00.000Z',
        ...owner,
      }),
    )
}

/** Makes a left lock look untouched for five minutes, or `seconds`. */
function ageLock(dir: string, seconds = 300) {
  const longAgo = new Date(Date.now() - seconds * 1000)
  utimesSync(join(`${dir}.lock`, 'owner.json'), longAgo, longAgo)
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])
  return Number(child.stdout.toString())
}

describe('the embedded database belongs to one process', () => {
  it('refuses a second taker while the first holds it, naming it, and lets it go when released', () => {
    const dir = dataDir()
    const release = lockDataDir(dir)
    expect(() => lockDataDir(dir)).toThrow(DataDirInUse)
    expect(() => lockDataDir(dir)).toThrow(`pid ${process.pid}`)
    release()
    expect(existsSync(`${dir}.lock`)).toBe(false)
    lockDataDir(dir)()
  })

  it('takes over a lock whose process has died', () => {
    const dir = dataDir()
    leaveLock(dir, { pid: deadPid() })
    const release = lockDataDir(dir)
    expect(() => lockDataDir(dir)).toThrow(DataDirInUse)
    release()
  })

  it('takes over a lock from before the machine restarted, whatever its pid runs now', () => {
    const dir = dataDir()
    // The test runner's parent is alive, and is not Vigil: after a reboot, pids are given again.
    leaveLock(dir, { pid: process.ppid, boot: 'an-earlier-boot' })
    lockDataDir(dir)()
    leaveLock(dir, { pid: process.ppid })
    expect(() => lockDataDir(dir)).toThrow(DataDirInUse)
  })

  it.runIf(startTicks(process.ppid) !== null)(
    'takes over a lock whose pid was given since to another process, told apart by when it started',
    () => {
      // The holder was killed (SIGKILL, the OOM killer) and its pid went to another program before the next start.
      const reused = dataDir()
      leaveLock(reused, { pid: process.ppid, boot: bootId() ?? '', started: '1' })
      lockDataDir(reused)()
      // The very process that took it: still running.
      const held = dataDir()
      leaveLock(held, { pid: process.ppid, boot: bootId() ?? '', started: startTicks(process.ppid) })
      expect(() => lockDataDir(held)).toThrow(DataDirInUse)
    },
  )

  it("takes over a lock holding this process's own pid from another instance: a restarted container", () => {
    const dir = dataDir()
    leaveLock(dir, { pid: process.pid })
    lockDataDir(dir)()
  })

  it('takes over a lock left without its owner', () => {
    const dir = dataDir()
    leaveLock(dir, null)
    lockDataDir(dir)()
  })

  it('refuses a lock from another host that is still touched, and takes one over that is not', () => {
    // Another container on a shared volume, alive: its lock was touched within the minute.
    const alive = dataDir()
    leaveLock(alive, { pid: deadPid(), host: `${hostname()}-elsewhere` })
    expect(() => lockDataDir(alive)).toThrow('This host cannot check a process on')
    // A container re-created after a crash has a new host name: its predecessor's lock is old, and taken over.
    const crashed = dataDir()
    leaveLock(crashed, { pid: deadPid(), host: `${hostname()}-before-recreation` })
    ageLock(crashed)
    lockDataDir(crashed)()
  })

  it('judges a lock from another PID namespace under this host name by its heartbeat, not by its pid', () => {
    // A second container under the same host name (--network host, compose's hostname:, a pod): its pid is
    // dead here, or is this very process's (both are pid 1), yet it runs.
    const otherContainer = 'pid:[4026530000]'
    for (const pid of [deadPid(), process.pid]) {
      const alive = dataDir()
      leaveLock(alive, { pid, pidNamespace: otherContainer })
      expect(() => lockDataDir(alive)).toThrow('This host cannot check a process in another PID namespace')
    }
    // A container restarted after a crash runs in a new namespace: its predecessor's lock is old, and taken over.
    const crashed = dataDir()
    leaveLock(crashed, { pid: process.pid, pidNamespace: otherContainer })
    ageLock(crashed)
    lockDataDir(crashed)()
  })

  it.runIf(bootId() !== null)(
    'takes over sooner a lock of another PID namespace of this kernel: its heartbeat cannot be late',
    () => {
      const otherContainer = 'pid:[4026530000]'
      const sameKernel = dataDir()
      leaveLock(sameKernel, { pid: process.pid, pidNamespace: otherContainer, boot: bootId() ?? '' })
      ageLock(sameKernel, 20)
      expect(() => lockDataDir(sameKernel)).toThrow('untouched for 30 s')
      ageLock(sameKernel, 45)
      lockDataDir(sameKernel)()
      // A container re-created on this machine has a new host name (Docker names it by its id): still this kernel.
      const recreated = dataDir()
      leaveLock(recreated, {
        pid: process.pid,
        host: 'a1b2c3d4e5f6',
        pidNamespace: otherContainer,
        boot: bootId() ?? '',
      })
      ageLock(recreated, 45)
      lockDataDir(recreated)()
      // Under this host name but another kernel (another machine sharing the volume): the long wait stands.
      const otherMachine = dataDir()
      leaveLock(otherMachine, { pid: process.pid, pidNamespace: otherContainer, boot: 'another-boot' })
      ageLock(otherMachine, 45)
      expect(() => lockDataDir(otherMachine)).toThrow('untouched for 90 s')
    },
  )

  it.runIf(pidNamespace() !== null)(
    'judges a lock that names no PID namespace (from an earlier Vigil) by its heartbeat too',
    () => {
      const dir = dataDir()
      leaveLock(dir, { pid: deadPid(), pidNamespace: undefined })
      expect(() => lockDataDir(dir)).toThrow(DataDirInUse)
      ageLock(dir)
      lockDataDir(dir)()
    },
  )

  it('is touched while a long statement holds the main thread: no other host takes it over meanwhile', async () => {
    // PGlite runs each statement in the main thread: creating a database held it 10 s at a stretch, and a
    // migration's index on a large table or a full vacuum may hold it longer than a lock may go untouched.
    const dir = dataDir()
    const release = lockDataDir(dir, { heartbeatMs: 50 })
    const touchedAgo = () => Date.now() - statSync(join(`${dir}.lock`, 'owner.json')).mtimeMs
    try {
      ageLock(dir)
      await expect.poll(touchedAgo, { timeout: 5_000 }).toBeLessThan(1_000)
      ageLock(dir)
      const busyUntil = Date.now() + 600
      while (Date.now() < busyUntil) {
        // The main thread, busy as during a long statement.
      }
      expect(touchedAgo()).toBeLessThan(1_000)
    } finally {
      release()
    }
  })

  it('is given back when the process exits without releasing it', () => {
    const dir = dataDir()
    const script =
      `import('${new URL('../../src/db/data-dir-lock.ts', import.meta.url).pathname}')` +
      `.then(({ lockDataDir }) => { lockDataDir(${JSON.stringify(dir)}); process.exit(3) })`
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script])
    expect(child.status).toBe(3)
    expect(existsSync(`${dir}.lock`)).toBe(false)
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
