import { expect } from 'vitest'
import type { Body } from '../helpers/app.js'

// What the Akismet API answers: plain-text bodies, its own headers, and the audit rows a submission leaves.

export const THANKS = 'Thanks for making the web a better place.'
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** The audit rows Akismet submissions left on a comment (intake leaves one of its own, first). */
export const submissionsOf = (comment: Body) =>
  comment.history
    .map((event: Body) => event.action)
    .filter((action: string) => action.startsWith('akismet-submit'))

export async function expectPlain(response: Response, body: string) {
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
  expect(await response.text()).toBe(body)
}

/** What a client that throws on these headers (`@cedx/akismet`) would choke on. */
export function expectNoFailureHeaders(response: Response) {
  expect(response.headers.get('x-akismet-debug-help')).toBeNull()
  expect(response.headers.get('x-akismet-alert-msg')).toBeNull()
}
