import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from './env.js'
import { problem } from './problem.js'

/** What a client that got no answer in time is told: as when the database is down, try again shortly. */
const RETRY_AFTER_SECONDS = 5

/**
 * Answers 503 `unavailable` when a request is not answered within `ms`. A database that stops answering without
 * closing its connections (a frozen primary, a network partition) would otherwise hold every request until TCP
 * gives up, minutes later, while clients time out and retry blindly. The work itself is not cancelled: a change
 * that commits after the answer is one the client's retry finds (a re-posted comment is refused as a re-post).
 */
export function requestDeadline(
  ms: number,
  /**
   * The answer instead of the 503 (or of the 408, `cause` 'body', when the request's body had not arrived), for
   * an API whose clients read failures another way (Akismet's).
   */
  answerLate?: (c: Context<AppEnv>, cause: LateCause) => Response,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), ms)
    })
    const handled = next().then(() => 'answered' as const)
    // Hono turns a handler's errors into answers; anything else, once the deadline has answered, is only logged.
    handled.catch((error) => c.get('logger')?.error({ err: error }, 'a request failed after its deadline'))
    try {
      if ((await Promise.race([handled, late])) === 'answered') return
    } finally {
      clearTimeout(timer)
    }
    const response = lateAnswer(c, ms, answerLate)
    // The CORS the route's middleware already decided is on the answer (it was set on the context's response);
    // its Vary, which that middleware adds only once the route has answered, is added here.
    if (c.get('variesByOrigin')) response.headers.append('Vary', 'Origin')
    return response
  }
}

/** Why a request was not answered in time: its body never arrived (the client's delay), or Vigil was too slow. */
export type LateCause = 'body' | 'server'

function lateAnswer(
  c: Context<AppEnv>,
  ms: number,
  answerLate?: (c: Context<AppEnv>, cause: LateCause) => Response,
) {
  // A body still arriving is the client's delay (a stalled upload), not the database's: no outage to report.
  if (c.get('awaitingBody')) {
    c.get('logger')?.debug({ path: c.req.path, deadlineMs: ms }, 'a request body did not arrive in time')
    if (answerLate) return answerLate(c, 'body')
    return problem(c, {
      kind: 'request-timeout',
      detail: `The request body was not received within ${ms / 1000} s.`,
    })
  }
  c.get('logger')?.warn({ path: c.req.path, deadlineMs: ms }, 'a request was not answered in time')
  if (answerLate) return answerLate(c, 'server')
  return problem(c, {
    kind: 'unavailable',
    detail: `Vigil could not answer within ${ms / 1000} s (its database may be unreachable); retry shortly.`,
    retryAfterSeconds: RETRY_AFTER_SECONDS,
  })
}
