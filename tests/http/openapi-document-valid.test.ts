import { describe, expect, it } from 'vitest'
import { aComment, expectStatus, json, useTestApp } from '../helpers/app.js'
import { documentProblems } from '../helpers/openapi-validity.js'

// Clients generate their code from /openapi.json: before its schemas can describe any answer, the document itself
// must be one a generator can read.

const ctx = useTestApp()

describe('the published API description', () => {
  it('is a valid OpenAPI 3.1 document a code generator can read', async () => {
    const document = await json(ctx.request('GET', '/openapi.json', { token: null }))
    expect((await documentProblems(document)).join('\n')).toBe('')
  })
})

describe('the request schemas it publishes', () => {
  it('say which text may not be empty, as the server refuses it (a comment, its author and article, a name)', async () => {
    const document = await json(ctx.request('GET', '/openapi.json', { token: null }))
    const bodyOf = (path: string) => {
      const schema = document.paths[path].post.requestBody.content['application/json'].schema
      return schema.$ref ? document.components.schemas[schema.$ref.split('/').pop()] : schema
    }
    const comment = bodyOf('/v1/sites/{site}/comments').properties
    for (const field of [comment.articleId, comment.content, comment.author.properties.name])
      expect(field).toMatchObject({ type: 'string', minLength: 1 })
    expect(bodyOf('/v1/sites').properties.name).toMatchObject({ type: 'string', minLength: 1 })
  })
})

describe('what it says a request may hold, as the server reads it', () => {
  it("publishes a reader's e-mail as an address in any script, as intake takes one", async () => {
    const document = await json(ctx.request('GET', '/openapi.json', { token: null }))
    const schema =
      document.paths['/v1/sites/{site}/comments'].post.requestBody.content['application/json'].schema
    const comment = schema.$ref ? document.components.schemas[schema.$ref.split('/').pop()] : schema
    expect(comment.properties.author.properties.email).toMatchObject({ format: 'idn-email', maxLength: 100 })
    await expectStatus(
      ctx.request('POST', `/v1/sites/${(await ctx.newSite()).id}/comments`, {
        body: { ...aComment(), author: { name: 'José', email: 'josé@exämple.org' } },
        token: null,
      }),
      201,
    )
  })

  it("publishes each weight's bounds: a rule keeps its default's sign, learned multiplies from 0 to 3", async () => {
    const document = await json(ctx.request('GET', '/openapi.json', { token: null }))
    const schema =
      document.paths['/v1/sites/{site}/settings'].patch.requestBody.content['application/json'].schema
    const patch = schema.$ref ? document.components.schemas[schema.$ref.split('/').pop()] : schema
    const weights = patch.properties.weights.properties
    expect(weights.honeypot).toEqual({ type: 'number', minimum: 0, maximum: 50 })
    expect(weights['trusted-author']).toEqual({ type: 'number', minimum: -50, maximum: 0 })
    expect(weights.learned).toEqual({ type: 'number', minimum: 0, maximum: 3 })
    const site = await ctx.newSite()
    for (const weights of [{ honeypot: -1 }, { 'trusted-author': 1 }, { learned: 3.5 }])
      await expectStatus(ctx.request('PATCH', `/v1/sites/${site.id}/settings`, { body: { weights } }), 400)
    await expectStatus(
      ctx.request('PATCH', `/v1/sites/${site.id}/settings`, {
        body: { weights: { honeypot: 50, 'trusted-author': -50, learned: 3 } },
      }),
      200,
    )
  })

  it('lists on /metrics the answers it can give besides its own: a 503 while the database is out', async () => {
    const document = await json(ctx.request('GET', '/openapi.json', { token: null }))
    expect(Object.keys(document.paths['/metrics'].get.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '429', '500', '503']),
    )
  })
})
