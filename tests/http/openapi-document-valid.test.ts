import { describe, expect, it } from 'vitest'
import { json, useTestApp } from '../helpers/app.js'
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
