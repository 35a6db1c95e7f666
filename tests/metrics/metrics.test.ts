import { describe, expect, it } from 'vitest'
import { createMetrics } from '../../src/metrics/metrics.js'

/** The cumulative count of one `le` bucket of a histogram, by its labels as they appear in the exposition. */
async function bucket(text: Promise<string>, name: string, labels: string, le: string) {
  const line = (await text)
    .split('\n')
    .find(
      (entry) =>
        entry.startsWith(`${name}_bucket{`) && entry.includes(labels) && entry.includes(`le="${le}"`),
    )
  return line === undefined ? undefined : Number(line.split(' ').at(-1))
}

describe('request durations', () => {
  it('tell a request cut off at the default REQUEST_TIMEOUT_MS (30 s) from one that took 10 s or 25 s', async () => {
    const metrics = createMetrics()
    // A frozen database: the deadline answers a little after 30 s.
    metrics.request('POST', '/v1/sites/:site/comments', 503, 30.02)
    metrics.request('POST', '/v1/sites/:site/comments', 201, 25)
    const text = () => metrics.registry.metrics()
    const name = 'vigil_http_request_duration_seconds'
    const labels = 'route="/v1/sites/:site/comments"'
    expect(await bucket(text(), name, labels, '10')).toBe(0)
    expect(await bucket(text(), name, labels, '30')).toBe(1)
    expect(await bucket(text(), name, labels, '60')).toBe(2)
  })
})
