import type { Context } from 'hono'
import { TrieRouter } from 'hono/router/trie-router'
import type { AppEnv } from './env.js'
import { handleNotFound, problem } from './problem.js'

/** The methods a route may be registered for; `app.use` middleware (method ALL) is no endpoint. */
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const

/**
 * The app's answer when no route matches: 405 with the `Allow` header when the path is an endpoint's under other
 * methods (RFC 9110, 15.5.6: a client told 404 for a DELETE on a comment would think the comment gone), and the
 * 404 otherwise. The routes are read at the first unmatched request, when every one is registered.
 */
export function notFoundOrMethodNotAllowed(
  routes: () => readonly { method: string; path: string }[],
  /** Paths whose OPTIONS a middleware answers (CORS preflights), which no route names. */
  preflighted: readonly string[] = [],
) {
  let router: TrieRouter<string> | undefined
  const allowedOn = (path: string): string[] => {
    if (!router) {
      router = new TrieRouter<string>()
      for (const route of routes())
        if (route.method !== 'ALL') router.add(route.method, route.path, route.method)
      for (const preflight of preflighted) router.add('OPTIONS', preflight, 'OPTIONS')
    }
    const found = router
    // Hono answers HEAD with the GET route.
    return METHODS.filter((method) => found.match(method, path)[0].length > 0).flatMap((method) =>
      method === 'GET' ? ['GET', 'HEAD'] : [method],
    )
  }
  return (c: Context<AppEnv>): Response => {
    const allowed = allowedOn(c.req.path)
    if (allowed.length === 0) return handleNotFound(c)
    const response = problem(c, {
      kind: 'method-not-allowed',
      detail: `${c.req.path} answers ${allowed.join(', ')}, not ${c.req.method}.`,
    })
    response.headers.set('Allow', allowed.join(', '))
    return response
  }
}
