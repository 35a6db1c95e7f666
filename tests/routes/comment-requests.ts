import { expect } from 'vitest'
import { type Body, expectStatus, json, type TestContext, type TestSite, useTestApp } from '../helpers/app.js'

const STATUSES = ['pending', 'approved', 'rejected', 'spam'] as const
export const commentsPath = (siteId: string) => `/v1/sites/${siteId}/comments`
export const utf8 = (text: string) => new TextEncoder().encode(text)
export const concatBytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...utf8(part)] : part)))

/** The distinct field paths a 400 names, sorted. */
const namedFields = (body: Body) =>
  [...new Set((body.errors as { path: string }[]).map((issue) => issue.path))].sort()

/**
 * The test file's app and database (`useTestApp`), the requests it sends (comments posted publicly, as a key, or
 * as raw bytes) and the checks of what they answer: a problem, the fields a 400 names, nothing stored.
 */
export function useCommentRequests() {
  const ctx = useTestApp()

  /** The path each pending response answers, so `expectProblem` can check the problem's `instance`. */
  const pathOf = new WeakMap<Promise<Response>, string>()

  /** `ctx.request`, remembering the path it was sent to. */
  function request(...args: Parameters<TestContext['request']>): Promise<Response> {
    const pending = ctx.request(...args)
    pathOf.set(pending, args[1].split('?')[0] ?? args[1])
    return pending
  }

  /** Posts a comment body to a site, publicly unless a token is given. */
  function post(siteId: string, body: unknown, token: string | null = null) {
    return request('POST', commentsPath(siteId), { body, token })
  }

  /** Posts raw bytes or text as the body, with the content type given. */
  function postRaw(siteId: string, rawBody: string | Uint8Array, contentType = 'application/json') {
    return request('POST', commentsPath(siteId), {
      rawBody,
      token: null,
      headers: { 'content-type': contentType },
    })
  }

  /**
   * Checks the RFC 9457 body every error of the service carries, and returns it: application/problem+json, a
   * stable URN type, a title, the HTTP status repeated, a detail, the path as instance and the request id.
   */
  async function expectProblem(pending: Promise<Response>, status: number, kind: string): Promise<Body> {
    expect(pathOf.has(pending), 'send the request with request(), not ctx.request()').toBe(true)
    const response = await pending
    const text = await response.text()
    expect(response.status, text).toBe(status)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    const body = JSON.parse(text) as Body
    const { errors, ...rest } = body
    expect(rest).toEqual({
      type: `urn:vigil:problem:${kind}`,
      title: expect.stringMatching(/\S/),
      status,
      detail: expect.stringMatching(/\S/),
      instance: pathOf.get(pending),
      requestId: response.headers.get('x-request-id'),
    })
    expect(body.requestId).toMatch(/\S/)
    for (const issue of errors ?? []) {
      expect(issue).toEqual({ path: expect.stringMatching(/\S/), message: expect.stringMatching(/\S/) })
    }
    return body
  }

  async function expectInvalid(pending: Promise<Response>, fields: string[]) {
    const body = await expectProblem(pending, 400, 'invalid-input')
    expect(namedFields(body)).toEqual([...fields].sort())
    for (const field of fields) expect(body.detail).toContain(field)
    return body
  }

  /** Nothing at all was stored on the site: its queue is empty in every status. */
  async function expectNothingStored(site: TestSite) {
    for (const status of STATUSES) {
      const page = await json(
        expectStatus(request('GET', `/v1/sites/${site.id}/queue?status=${status}`), 200),
      )
      expect(page.items, `${status} comments on ${site.id}`).toEqual([])
    }
  }

  return { ctx, request, post, postRaw, expectProblem, expectInvalid, expectNothingStored }
}
