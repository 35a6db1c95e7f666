import { isIP } from 'node:net'

export type UserIp = { ip: string; problem?: undefined } | { ip: null; problem: 'missing' | 'invalid' }

// `203.0.113.5:51234`: an IPv4 address with the port the client's proxy saw.
const IPV4_WITH_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/
// `[2001:db8::1]` or `[2001:db8::1]:443`: the URL form of an IPv6 address.
const BRACKETED = /^\[([^\]]+)\](?::\d{1,5})?$/

/**
 * The commenter's address in `user_ip` as clients fill it from their request: the first of a forwarded list
 * (`203.0.113.5, 10.0.0.1`, as X-Forwarded-For gives it), without a port or brackets. A value that is still no
 * address is invalid, which a client must be told apart from a missing one.
 */
export function readUserIp(value: string | undefined): UserIp {
  if (!value?.trim()) return { ip: null, problem: 'missing' }
  const first = value.split(',')[0]?.trim() ?? ''
  const bare = BRACKETED.exec(first)?.[1] ?? IPV4_WITH_PORT.exec(first)?.[1] ?? first
  return isIP(bare) ? { ip: bare } : { ip: null, problem: 'invalid' }
}
