import { type Body, json, ordinaryComments, type TestSite, useTestApp } from '../helpers/app.js'

export const FORM = 'application/x-www-form-urlencoded'

export type Fields = Record<string, string | string[]>

/** A urlencoded body as `qs` writes it: `%20` spaces, arrays as `name[N]`, in the order given. */
export function encodeForm(fields: Fields): string {
  return Object.entries(fields)
    .flatMap(([name, value]) =>
      Array.isArray(value)
        ? value.map((item, i) => `${encodeURIComponent(`${name}[${i}]`)}=${encodeURIComponent(item)}`)
        : [`${encodeURIComponent(name)}=${encodeURIComponent(value)}`],
    )
    .join('&')
}

type CallOptions = {
  method?: string
  /** The Content-Type header; null sends none at all. */
  contentType?: string | null
  headers?: Record<string, string>
}

export const honeypotFilled = { honeypot_field_name: 'hidden_field', hidden_field: 'http://bot.example' }

/**
 * The test file's app and database (`useTestApp`), and an Akismet client of it: the calls, the checks it sends,
 * and what a moderator of the site then sees.
 */
export function useAkismetApp() {
  const ctx = useTestApp()

  /**
   * An Akismet call as a client makes it: a form body (an object, a string sent as is in UTF-8, or bytes), no
   * bearer token.
   */
  function akismet(path: string, body: Fields | string | Uint8Array = '', options: CallOptions = {}) {
    const text = typeof body === 'string' || body instanceof Uint8Array ? body : encodeForm(body)
    const headers: Record<string, string> = { ...options.headers }
    const contentType = options.contentType === undefined ? FORM : options.contentType
    if (contentType !== null) headers['content-type'] = contentType
    const method = options.method ?? 'POST'
    // Bytes rather than a string, so that fetch adds no text/plain Content-Type of its own.
    const payload =
      method === 'GET' ? undefined : text instanceof Uint8Array ? text : new TextEncoder().encode(text)
    return ctx.request(method, path, { ...(payload ? { rawBody: payload } : {}), headers, token: null })
  }

  let n = 0
  /** A comment-check of an ordinary comment, each with its own author, e-mail, IP and text. */
  function aCheck(site: TestSite, overrides: Fields = {}): Fields {
    n++
    return {
      api_key: site.serverKey,
      blog: 'https://blog.example',
      user_ip: `2001:db8::${n.toString(16)}`,
      user_agent: 'Mozilla/5.0 (X11; Linux x86_64)',
      permalink: 'https://blog.example/2026/11/post/',
      comment_type: 'comment',
      comment_author: `Reader ${n}`,
      comment_author_email: `akismet-reader${n}@example.org`,
      comment_content: ordinaryComments[n % ordinaryComments.length] ?? '',
      ...overrides,
    }
  }

  /** The comment as a moderator of the site sees it, with its audit history. */
  const moderatorView = (site: TestSite, id: string) =>
    json(ctx.request('GET', `/v1/sites/${site.id}/comments/${id}`, { token: site.moderatorKey }))

  /** Every comment stored for the site, whatever its status. */
  async function storedComments(site: TestSite): Promise<Body[]> {
    const all: Body[] = []
    for (const status of ['pending', 'approved', 'rejected', 'spam']) {
      const page = await json(
        ctx.request('GET', `/v1/sites/${site.id}/queue?status=${status}&limit=100`, {
          token: site.moderatorKey,
        }),
      )
      all.push(...page.items)
    }
    return all
  }

  return { ctx, akismet, aCheck, moderatorView, storedComments }
}
