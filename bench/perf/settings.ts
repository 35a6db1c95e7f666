/** `npm run bench`'s options, and the site and token its runs use. */
import { benchOptions } from '../options.js'

export const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef'
export const SITE = 'news'

export function options() {
  const o = benchOptions(
    {
      'duration-s': { default: 10, min: 1 },
      'warm-up-s': { default: 3, min: 1 },
      connections: { default: 32, min: 1 },
      comments: { default: 1_000_000, min: 1 },
      decisions: { default: 10_000, min: 1 },
      'time-limit-s': { default: 1800, min: 1 },
    },
    ['skip-postgres', 'skip-pglite', 'skip-scripts'],
  )
  return {
    durationS: o['duration-s'],
    warmUpS: o['warm-up-s'],
    connections: o.connections,
    comments: o.comments,
    decisions: o.decisions,
    timeLimitS: o['time-limit-s'],
    postgres: !o['skip-postgres'],
    pglite: !o['skip-pglite'],
    scripts: !o['skip-scripts'],
    serverUrl: process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  }
}
export type Settings = ReturnType<typeof options>
