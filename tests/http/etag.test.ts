import { createHash } from 'node:crypto'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { jsonWithEtag } from '../../src/http/etag.js'

const page = { items: [{ id: 1, content: 'Très juste, merci.' }], nextCursor: null }
const app = new Hono().get('/page', (c) => {
  c.header('Cache-Control', 'public, max-age=10')
  return jsonWithEtag(c, JSON.stringify(page))
})
const tag = `"${createHash('sha1').update(JSON.stringify(page)).digest('hex')}"`
const get = (ifNoneMatch?: string) =>
  app.request('/page', ifNoneMatch === undefined ? {} : { headers: { 'if-none-match': ifNoneMatch } })

describe('a JSON body with an ETag', () => {
  it('is sent whole with the SHA-1 of its UTF-8 bytes as a strong tag', async () => {
    const response = await get()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(response.headers.get('etag')).toBe(tag)
    expect(await response.json()).toEqual(page)
  })

  it.each([
    ['its own tag', tag],
    ['its tag among others', `"abc", ${tag}`],
    ['its tag marked weak', `W/${tag}`],
    ['any tag (*)', '*'],
  ])('is a bodiless 304 for %s, keeping the headers caches need', async (_, ifNoneMatch) => {
    const response = await get(ifNoneMatch)
    expect(response.status).toBe(304)
    expect(await response.text()).toBe('')
    expect(response.headers.get('etag')).toBe(tag)
    expect(response.headers.get('cache-control')).toBe('public, max-age=10')
  })

  it('is sent whole when the caller holds another version', async () => {
    expect((await get('"0000"')).status).toBe(200)
    expect((await get('')).status).toBe(200)
  })
})
