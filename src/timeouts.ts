/** The rejection of `withinDeadline` when the time ran out, as opposed to the work's own failure. */
export class DeadlineExceeded extends Error {
  override name = 'DeadlineExceeded'
}

/** `work`'s result, or a rejection once `ms` have passed (the work itself is left to finish or fail). */
export function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded(`no answer within ${ms} ms`)), ms)
  })
  work.catch(() => {})
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer))
}
