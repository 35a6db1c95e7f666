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
