import { describe, expect, it } from 'vitest'
import { useCommentRequests } from '../routes/comment-requests.js'

const { ctx, request, expectProblem } = useCommentRequests()

/** The problem a request is answered with, 405, and the `Allow` header beside it. */
async function refusedMethod(pending: Promise<Response>) {
  const body = await expectProblem(pending, 405, 'method-not-allowed')
  return { body, allow: (await pending).headers.get('allow') }
}

describe('a request with a method its endpoint does not answer', () => {
  it('is answered 405 with the methods the endpoint does answer, as a problem', async () => {
    const site = await ctx.newSite()
    const path = `/v1/sites/${site.id}/comments`
    const { body, allow } = await refusedMethod(request('PUT', path, { body: {}, token: site.serverKey }))
    expect(allow).toBe('POST, OPTIONS')
    expect(body.detail).toBe(`${path} answers POST, OPTIONS, not PUT.`)
  })

  it('names HEAD wherever GET is answered, and every method of a path with several', async () => {
    const site = await ctx.newSite()
    const { id } = await ctx.submit(site)
    const comment = await refusedMethod(request('PUT', `/v1/sites/${site.id}/comments/${id}`))
    expect(comment.allow).toBe('GET, HEAD')
    const webhook = await refusedMethod(request('PUT', `/v1/sites/${site.id}/webhooks/${id}`))
    expect(webhook.allow).toBe('PATCH, DELETE')
    expect((await refusedMethod(request('POST', '/openapi.json'))).allow).toBe('GET, HEAD')
    expect((await ctx.request('HEAD', '/openapi.json')).status).toBe(200)
  })

  it("names OPTIONS on the endpoints article pages call, whose browsers' preflights are answered", async () => {
    const site = await ctx.newSite()
    const list = await refusedMethod(request('POST', `/v1/sites/${site.id}/articles/a-1/comments`))
    expect(list.allow).toBe('GET, HEAD, OPTIONS')
    const token = await refusedMethod(request('POST', `/v1/sites/${site.id}/form-token`))
    expect(token.allow).toBe('GET, HEAD, OPTIONS')
  })

  it('answers a preflight to a path that is no endpoint as any request to it, never 204', async () => {
    const site = await ctx.newSite()
    for (const path of [`/v1/sites/${site.id}/articles`, `/v1/sites/${site.id}/articles/a/b/c`]) {
      const response = request('OPTIONS', path, {
        token: null,
        headers: { origin: 'https://www.example.org', 'access-control-request-method': 'GET' },
      })
      await expectProblem(response, 404, 'route-not-found')
      expect((await response).headers.get('access-control-allow-origin')).toBeNull()
    }
  })

  it('leaves a path no endpoint has answered 404', async () => {
    const site = await ctx.newSite()
    await expectProblem(request('DELETE', `/v1/sites/${site.id}/nothing-here`), 404, 'route-not-found')
    await expectProblem(request('GET', '/v1/nothing-here'), 404, 'route-not-found')
  })
})
