import postgres from 'postgres'

/**
 * For tests of lock order on the real server: a connection of its own holds row locks in a transaction while
 * `start` sets the code under test going on the app's pool (waiting, with `waitForBlocked`, until as many sessions
 * as it expects are blocked); then the locks are released and what it started is awaited.
 */
export async function withLocksHeld<R>(
  url: string,
  lock: (tx: postgres.TransactionSql) => Promise<unknown>,
  start: (waitForBlocked: (count: number) => Promise<void>) => Promise<{ pending: Promise<R> }>,
): Promise<R> {
  const side = postgres(url, { max: 2, onnotice: () => {} })
  try {
    let release: () => void = () => {}
    const released = new Promise<void>((resolve) => {
      release = resolve
    })
    let locked: () => void = () => {}
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve
    })
    const holder = side.begin(async (tx) => {
      await lock(tx)
      locked()
      await released
    })
    await isLocked
    const waitForBlocked = async (count: number) => {
      const deadline = Date.now() + 10_000
      for (;;) {
        const [row] = await side`select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`
        if ((row?.n ?? 0) >= count) return
        if (Date.now() > deadline) throw new Error(`never saw ${count} sessions waiting on a lock`)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    }
    let started: { pending: Promise<R> }
    try {
      started = await start(waitForBlocked)
    } finally {
      release()
      await holder
    }
    return await started.pending
  } finally {
    await side.end()
  }
}
