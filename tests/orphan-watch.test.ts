import { afterEach, describe, expect, it, vi } from 'vitest'
import { stopWhenOrphaned } from '../src/orphan-watch.js'

/** A server started by npm stops when npm's shell is gone; started any other way, it does not watch. */
describe('stopWhenOrphaned', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  function watched(env: NodeJS.ProcessEnv, initialParent = 4242) {
    vi.useFakeTimers()
    let parent = initialParent
    const stop = vi.fn()
    stopWhenOrphaned(stop, { env, parentId: () => parent })
    return {
      stop,
      orphan() {
        parent = 1
      },
    }
  }

  it.each(['start', 'worker', 'start:prod', 'worker:prod'])(
    'stops, once, within a second of its parent going, when npm ran it as `%s`',
    (script) => {
      const { stop, orphan } = watched({ npm_lifecycle_event: script })
      vi.advanceTimersByTime(5_000)
      expect(stop).not.toHaveBeenCalled()
      orphan()
      vi.advanceTimersByTime(1_000)
      expect(stop).toHaveBeenCalledTimes(1)
      vi.advanceTimersByTime(5_000)
      expect(stop).toHaveBeenCalledTimes(1)
    },
  )

  it('does not watch when started another way (Docker, systemd, nohup), or as PID 1', () => {
    for (const [env, parent] of [
      [{}, 4242],
      [{ npm_lifecycle_event: 'test' }, 4242],
      [{ npm_lifecycle_event: 'start' }, 0],
    ] as const) {
      const { stop, orphan } = watched(env, parent)
      orphan()
      vi.advanceTimersByTime(5_000)
      expect(stop).not.toHaveBeenCalled()
      vi.useRealTimers()
    }
  })
})
