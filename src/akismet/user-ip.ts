import { plainAddress } from '../http/client-ip.js'

export type UserIp = { ip: string; problem?: undefined } | { ip: null; problem: 'missing' | 'invalid' }

/**
 * The commenter's address in `user_ip` as clients fill it from their request: the first of a forwarded list
 * (`203.0.113.5, 10.0.0.1`, as X-Forwarded-For gives it), spelled as `plainAddress` spells it. A value that is
 * still no address is invalid, which a client must be told apart from a missing one.
 */
export function readUserIp(value: string | undefined): UserIp {
  if (!value?.trim()) return { ip: null, problem: 'missing' }
  // Cut at the first comma, not split at all of them: a megabyte of commas is a million strings.
  const comma = value.indexOf(',')
  const first = (comma < 0 ? value : value.slice(0, comma)).trim()
  const ip = plainAddress(first)
  return ip ? { ip } : { ip: null, problem: 'invalid' }
}
