import { describe, expect, it } from 'vitest'
import { MAX_PARAMETERS } from '../../src/akismet/form.js'
import { expectNoFailureHeaders, expectPlain, UUID } from './akismet-answers.js'
import { encodeForm, type Fields, FORM, useAkismetApp } from './akismet-client.js'

// How the Akismet API reads a request: a form whatever its Content-Type, in its charset, the key wherever a
// client puts it, user_ip in the forms clients send it, and a body up to 1 MiB.

const { ctx, akismet, aCheck, moderatorView, storedComments } = useAkismetApp()

describe('POST /1.1/comment-check', () => {
  it.each([
    ['text/plain', 'text/plain'],
    ['a form type naming ISO-8859-1', `${FORM}; charset=ISO-8859-1`],
    ['no Content-Type', null],
  ])('parses the body as a form whatever the Content-Type says: %s', async (_, contentType) => {
    const site = await ctx.newSite()
    const body = `${encodeForm(aCheck(site, { comment_author: 'akismet-guaranteed-spam' }))}`
    await expectPlain(await akismet('/1.1/comment-check', body, { contentType }), 'true')
    const ham = await akismet('/1.1/comment-check', encodeForm(aCheck(site)), { contentType })
    await expectPlain(ham, 'false')
    expect(ham.headers.get('x-akismet-guid')).toMatch(UUID)
  })

  it("decodes a body in its blog_charset: ISO-8859-1's %E9 is stored as é", async () => {
    const site = await ctx.newSite()
    const body =
      `api_key=${site.serverKey}&blog=https%3A%2F%2Fblog.example&user_ip=198.51.100.33` +
      '&comment_author=Ren%E9+Lef%E8vre&comment_content=Tr%E8s+bon+article%2C+merci+pour+la+pr%E9cision.' +
      '&blog_charset=ISO-8859-1'
    const response = await akismet('/1.1/comment-check', body, { contentType: `${FORM}; charset=ISO-8859-1` })
    await expectPlain(response, 'false')
    const stored = await moderatorView(site, response.headers.get('x-akismet-guid') ?? '')
    expect(stored.author.name).toBe('René Lefèvre')
    expect(stored.content).toBe('Très bon article, merci pour la précision.')
  })

  it('decodes a body without blog_charset in the charset its Content-Type names', async () => {
    const site = await ctx.newSite()
    const body =
      `api_key=${site.serverKey}&blog=https%3A%2F%2Fblog.example&user_ip=198.51.100.34` +
      '&comment_author=Ren%E9+Lef%E8vre&comment_content=Tr%E8s+bon+article%2C+merci+pour+la+pr%E9cision+!'
    const response = await akismet('/1.1/comment-check', body, { contentType: `${FORM}; charset=ISO-8859-1` })
    await expectPlain(response, 'false')
    const stored = await moderatorView(site, response.headers.get('x-akismet-guid') ?? '')
    expect(stored.author.name).toBe('René Lefèvre')
    expect(stored.content).toBe('Très bon article, merci pour la précision !')
  })

  it('reads a multipart/form-data body, as a client building its call with FormData sends it', async () => {
    const site = await ctx.newSite()
    const { api_key: _, ...fields } = aCheck(site, { comment_author: 'Zoë Martin' })
    const parts = new FormData()
    for (const [name, value] of Object.entries(fields)) parts.append(name, String(value))
    parts.append('comment_context[]', 'politique')
    parts.append('comment_context[]', 'retraites')
    // What node-fetch and form-data write, with the key in the host name (`https://KEY.rest.akismet.com`).
    const multipart = new Request('http://vigil.example/', { method: 'POST', body: parts })
    const response = await akismet('/1.1/comment-check', await multipart.text(), {
      contentType: multipart.headers.get('content-type'),
      headers: { host: `${site.serverKey}.akismet.vigil.example` },
    })
    await expectPlain(response, 'false')
    const stored = await moderatorView(site, response.headers.get('x-akismet-guid') ?? '')
    expect(stored.author.name).toBe('Zoë Martin')
    expect(stored.content).toBe(fields.comment_content)
    expect(stored.extra.comment_context).toEqual(['politique', 'retraites'])
  })

  it('decodes a multipart body in its blog_charset, as a PHP client posting an array in its site charset sends it', async () => {
    const site = await ctx.newSite()
    const fields: Record<string, string> = {
      ...aCheck(site, { user_ip: '198.51.100.78' }),
      blog_charset: 'ISO-8859-1',
      comment_content: 'Près du café, 5 € la crème',
    }
    const boundary = 'vigil-latin'
    const body = Buffer.concat([
      ...Object.entries(fields).map(([name, value]) =>
        Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`),
          // windows-1252, which browsers and Vigil read for ISO-8859-1: the euro sign is 0x80.
          Buffer.from(value.replace('€', '\x80'), 'latin1'),
          Buffer.from('\r\n'),
        ]),
      ),
      Buffer.from(`--${boundary}--\r\n`),
    ])
    const response = await akismet('/1.1/comment-check', new Uint8Array(body), {
      contentType: `multipart/form-data; boundary=${boundary}`,
    })
    await expectPlain(response, 'false')
    const stored = await moderatorView(site, response.headers.get('x-akismet-guid') ?? '')
    expect(stored.content).toBe('Près du café, 5 € la crème')
  })

  it('reads a urlencoded body sent under a multipart/form-data Content-Type as the form it is', async () => {
    const site = await ctx.newSite()
    const contentType = 'multipart/form-data; boundary=----x'
    const spam = encodeForm(aCheck(site, { comment_author: 'akismet-guaranteed-spam' }))
    await expectPlain(await akismet('/1.1/comment-check', spam, { contentType }), 'true')
    await expectPlain(await akismet('/1.1/comment-check', encodeForm(aCheck(site)), { contentType }), 'false')
  })

  it(`reads the first ${MAX_PARAMETERS} parts of a multipart body and no more, as it reads a form`, async () => {
    const site = await ctx.newSite()
    const parts = new FormData()
    for (const [name, value] of Object.entries(aCheck(site))) parts.append(name, String(value))
    for (let n = 0; n < 2 * MAX_PARAMETERS; n++) parts.append('comment_context[]', `tag${n}`)
    for (let n = 0; n < 100; n++) parts.append('attachment', new Blob(['x']), 'x.txt')
    const multipart = new Request('http://vigil.example/', { method: 'POST', body: parts })
    const response = await akismet('/1.1/comment-check', await multipart.text(), {
      contentType: multipart.headers.get('content-type'),
    })
    await expectPlain(response, 'false')
    const stored = await moderatorView(site, response.headers.get('x-akismet-guid') ?? '')
    const fields = Object.keys(aCheck(site)).length
    expect(stored.extra.comment_context).toHaveLength(MAX_PARAMETERS - fields)
    expect(stored.extra.comment_context.at(-1)).toBe(`tag${MAX_PARAMETERS - fields - 1}`)
  })

  it('takes the key from the first label of the Host header', async () => {
    const site = await ctx.newSite()
    const { api_key: _, ...fields } = aCheck(site)
    const host = `${site.serverKey}.akismet.vigil.example:8080`
    await expectPlain(await akismet('/1.1/comment-check', fields, { headers: { host } }), 'false')
    await expectPlain(
      await akismet('/1.1/verify-key', { blog: 'https://blog.example' }, { headers: { host } }),
      'valid',
    )
    const bare = await akismet('/1.1/comment-check', fields, { headers: { host: 'localhost:3000' } })
    await expectPlain(bare, 'invalid')
  })

  it('answers invalid with a debug-help header for an unknown or a moderator key', async () => {
    const site = await ctx.newSite()
    for (const key of ['zzzzzz999999', site.moderatorKey]) {
      const response = await akismet('/1.1/comment-check', aCheck(site, { api_key: key }))
      await expectPlain(response, 'invalid')
      expect(response.headers.get('x-akismet-debug-help')).toEqual(expect.any(String))
    }
    expect(await storedComments(site)).toEqual([])
  })

  it('answers a check with no usable user_ip with neither true nor false, and a debug-help header', async () => {
    const site = await ctx.newSite()
    for (const user_ip of [undefined, '', 'not-an-ip']) {
      const fields = aCheck(site)
      if (user_ip === undefined) delete fields.user_ip
      else fields.user_ip = user_ip
      const response = await akismet('/1.1/comment-check', fields)
      expect(response.status).toBe(200)
      expect(['true', 'false', '']).not.toContain(await response.text())
      expect(response.headers.get('x-akismet-debug-help')).toEqual(expect.any(String))
    }
    expect(await storedComments(site)).toEqual([])
  })

  it('says user_ip is missing when it is absent or empty, and invalid when it is no address', async () => {
    const site = await ctx.newSite()
    const answers: Record<string, string> = {}
    for (const user_ip of ['', 'not-an-ip', '999.1.1.1', 'unknown, 10.0.0.1']) {
      const response = await akismet('/1.1/comment-check', aCheck(site, { user_ip }))
      answers[user_ip] = await response.text()
      expect(response.headers.get('x-akismet-debug-help')).toMatch(/user_ip/)
    }
    expect(answers).toEqual({
      '': 'Missing required field: user_ip.',
      'not-an-ip': 'Invalid field: user_ip.',
      '999.1.1.1': 'Invalid field: user_ip.',
      'unknown, 10.0.0.1': 'Invalid field: user_ip.',
    })
  })

  it.each([
    ['a forwarded list', '203.0.113.5, 10.0.0.1', '203.0.113.5'],
    ['an IPv4 address with a port', '203.0.113.5:51234', '203.0.113.5'],
    ['a bracketed IPv6 address', '[2001:db8::1]', '2001:db8::1'],
    ['a bracketed IPv6 address with a port', '[2001:db8::1]:443', '2001:db8::1'],
  ])('takes the address from user_ip sent as %s', async (_, user_ip, address) => {
    const site = await ctx.newSite()
    const response = await akismet('/1.1/comment-check', aCheck(site, { user_ip }))
    await expectPlain(response, 'false')
    expect((await moderatorView(site, response.headers.get('x-akismet-guid') ?? '')).ip).toBe(address)
  })
})

describe('request size', () => {
  it('answers a 200 KB body of plain words around an encoded character, not an internal error', async () => {
    const site = await ctx.newSite()
    const { comment_content: _, ...fields } = aCheck(site)
    const body = `${encodeForm(fields)}&comment_content=caf%C3%A9+${'word+'.repeat(40_000)}`
    const response = await akismet('/1.1/comment-check', body)
    expect(['true', 'false']).toContain(await response.text())
    expectNoFailureHeaders(response)
  })

  it('answers a body over 1 MiB with 200, neither invalid (the key is good) nor an answer, and a debug-help header', async () => {
    const site = await ctx.newSite()
    const body = encodeForm(aCheck(site, { comment_content: 'a'.repeat(1100 * 1024) }))
    for (const path of ['/1.1/comment-check', '/1.1/verify-key']) {
      const response = await akismet(path, body)
      await expectPlain(response, 'Request body too large.')
      expect(response.headers.get('x-akismet-debug-help')).toBe('The request body is over 1 MiB.')
    }
    expect(await storedComments(site)).toEqual([])
  })
})

describe('GET on the 1.1 endpoints, with the fields in the query string', () => {
  // The specification says POST; some published clients (akismet-go) send every call as a GET, and any answer
  // but 200 reads to them as a bad key or an outage.
  it('verifies the key, checks a comment and thanks for a report, as POST does', async () => {
    const site = await ctx.newSite()
    const get = (path: string, fields: Fields) =>
      akismet(`${path}?${encodeForm(fields)}`, '', { method: 'GET' })
    await expectPlain(
      await get('/1.1/verify-key', { key: site.serverKey, blog: 'https://blog.example' }),
      'valid',
    )
    const fields = aCheck(site, { user_ip: '198.51.100.77' })
    const check = await get('/1.1/comment-check', fields)
    await expectPlain(check, 'false')
    const guid = check.headers.get('x-akismet-guid') ?? ''
    expect(guid).toMatch(UUID)
    await expectPlain(
      await get('/1.1/comment-check', { ...fields, comment_author: 'akismet-guaranteed-spam' }),
      'true',
    )
    await expectPlain(
      await get('/1.1/submit-spam', { ...fields, guid }),
      'Thanks for making the web a better place.',
    )
    expect((await moderatorView(site, guid)).status).toBe('spam')
  })
})
