import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'

/**
 * Holds every answer the suite sees to the API description the service publishes: clients generate their code
 * from `/openapi.json`, so a status it does not list, another media type, or a body its schema refuses is a broken
 * contract even when the test that caused it passes.
 */

type Schema = Record<string, unknown>
type MediaType = { schema?: Schema }
type DocumentedResponse = {
  headers?: Record<string, { required?: boolean }>
  content?: Record<string, MediaType>
}
type Operation = {
  requestBody?: { content?: Record<string, MediaType> }
  responses?: Record<string, DocumentedResponse>
}
export type ApiDocument = {
  paths: Record<string, Record<string, Operation>>
  webhooks?: Record<string, Record<string, Operation>>
  components?: { schemas?: Record<string, Schema> }
}

const DEFINITIONS = 'https://vigil.invalid/openapi.json'
// ajv-formats is CommonJS with a default export: under NodeNext its namespace is what `import` gives.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

/** The document's references into components, pointed at the copy of them the validator holds. */
function retarget(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(retarget)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string' && inner.startsWith('#/components/schemas/')
        ? `${DEFINITIONS}#/$defs/${inner.slice('#/components/schemas/'.length)}`
        : retarget(inner),
    ]),
  )
}

/**
 * The schemas with every object closed to properties it does not name (`unevaluatedProperties: false`), so that a
 * field the document does not list fails the check: a reader's address in a webhook, say. The published document
 * stays open, as receivers of a later version need. Objects that are a branch of an `allOf` stay open (the
 * composition is closed instead), and so do the components such a branch names, which are closed where another
 * schema names them instead (`unevaluatedProperties` beside a `$ref` counts what the reference evaluated).
 */
function closed(document: ApiDocument) {
  const openComponents = new Set<string>()
  const findBranches = (node: unknown) => {
    if (node === null || typeof node !== 'object') return
    for (const branch of (node as { allOf?: Schema[] }).allOf ?? []) {
      const ref = branch.$ref
      if (typeof ref === 'string') openComponents.add(ref.slice(ref.lastIndexOf('/') + 1))
    }
    for (const inner of Object.values(node)) findBranches(inner)
  }
  findBranches(document)
  const close = (node: unknown, branch: boolean): unknown => {
    if (Array.isArray(node)) return node.map((inner) => close(inner, false))
    if (node === null || typeof node !== 'object') return node
    const copy: Schema = Object.fromEntries(
      Object.entries(node).map(([key, inner]) => [
        key,
        key === 'allOf' && Array.isArray(inner)
          ? inner.map((part) => close(part, true))
          : close(inner, false),
      ]),
    )
    const ref = copy.$ref
    const namesOpen = typeof ref === 'string' && openComponents.has(ref.slice(ref.lastIndexOf('/') + 1))
    const composed = 'properties' in copy || 'allOf' in copy || namesOpen
    if (composed && !branch && !('additionalProperties' in copy) && !('unevaluatedProperties' in copy))
      copy.unevaluatedProperties = false
    return copy
  }
  const schemas = Object.entries(document.components?.schemas ?? {})
  return {
    components: Object.fromEntries(
      schemas.map(([name, schema]) => [name, close(schema, openComponents.has(name))]),
    ),
    schema: (schema: Schema) => close(schema, false) as Schema,
  }
}

type Template = { path: string; pattern: RegExp; literals: number }

function templatesOf(document: ApiDocument): Template[] {
  return Object.keys(document.paths)
    .map((path) => {
      const segments = path.split('/')
      const pattern = segments
        .map((segment) =>
          /^\{[^}]+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&'),
        )
        .join('/')
      return {
        path,
        pattern: new RegExp(`^${pattern}$`),
        literals: segments.filter((segment) => !segment.startsWith('{')).length,
      }
    })
    .sort((a, b) => b.literals - a.literals)
}

export type ConformanceChecker = {
  /** Rejects when the answer to `method url` is not as the document describes that operation's answers. */
  response(method: string, url: string, response: Response): Promise<void>
  /** Throws when a webhook body is not as the document's `webhooks` describe its event type. */
  webhook(payload: unknown): void
}

/** A checker for one published document. Paths the document does not describe (Akismet's, say) are let through. */
export function conformanceChecker(document: ApiDocument): ConformanceChecker {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  const strict = closed(document)
  ajv.addSchema({ $id: DEFINITIONS, $defs: retarget(strict.components) as Schema })
  const templates = templatesOf(document)
  const validators = new Map<string, ValidateFunction>()
  const validate = (where: string, schema: Schema, value: unknown) => {
    let validator = validators.get(where)
    if (!validator) {
      validator = ajv.compile(retarget(strict.schema(schema)) as Schema)
      validators.set(where, validator)
    }
    if (validator(value)) return
    const problems = (validator.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`)
    fail(
      where,
      `the body does not match its schema: ${problems.join('; ')}\n${JSON.stringify(value).slice(0, 500)}`,
    )
  }

  const webhook = (payload: unknown) => {
    const type = (payload as { type?: unknown } | null)?.type
    const where = `webhook ${String(type)}`
    const event = typeof type === 'string' ? document.webhooks?.[type]?.post : undefined
    const schema = event?.requestBody?.content?.['application/json']?.schema
    validate(where, schema ?? fail(where, 'no such event in the document'), payload)
  }

  const response = async (method: string, url: string, answer: Response) => {
    const path = new URL(url, 'http://localhost').pathname
    const template = templates.find((candidate) => candidate.pattern.test(path))
    // HEAD is answered as GET, without the body.
    const operation =
      template && document.paths[template.path]?.[method === 'HEAD' ? 'get' : method.toLowerCase()]
    if (!template || !operation) {
      // The API's own paths are all described: none of the others may succeed there (the checks in front of
      // every route, a body too large or a wrong key, still refuse before "no such endpoint"). CORS preflights
      // are the exception.
      if (path.startsWith('/v1/') && method !== 'OPTIONS' && answer.status < 400)
        fail(
          `${method} ${path} → ${answer.status}`,
          'an answer from an endpoint the document does not describe',
        )
      return
    }
    const where = `${method} ${template.path} → ${answer.status}`
    const responses = operation.responses ?? {}
    const status = String(answer.status)
    const documented =
      responses[status] ??
      responses[`${status[0]}XX`] ??
      (answer.status >= 500 ? responses.default : undefined) ??
      fail(where, 'status not documented')
    for (const [name, header] of Object.entries(documented.headers ?? {})) {
      if (header.required && !answer.headers.has(name)) fail(where, `no ${name} header`)
    }
    const body = method === 'HEAD' ? '' : await answer.clone().text()
    const mediaType = (answer.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
    if (body === '') {
      const bodiless = method === 'HEAD' || answer.status === 204 || answer.status === 304
      if (documented.content && !bodiless) fail(where, 'an empty body where one is documented')
      return
    }
    const content = documented.content ?? fail(where, `a ${mediaType} body where none is documented`)
    const media =
      content[mediaType] ?? fail(where, `${mediaType} is not among ${Object.keys(content).join(', ')}`)
    if (media.schema && mediaType.endsWith('json'))
      validate(`${where} ${mediaType}`, media.schema, JSON.parse(body))
  }

  return { response, webhook }
}

let current: ConformanceChecker | undefined

/** The checker of the app this test file built (useTestApp), for helpers that receive what it sends. */
export const currentChecker = () => current

export function setCurrentChecker(checker: ConformanceChecker) {
  current = checker
}

/** The answer, once held to the document of this file's app: for tests that call an app of their own. */
export async function conforming(method: string, url: string, pending: Response | Promise<Response>) {
  const answer = await pending
  const checker = current ?? fail(`${method} ${url}`, 'no document to hold it to (useTestApp loads it)')
  await checker.response(method, url, answer)
  return answer
}

function fail(where: string, problem: string): never {
  throw new Error(`${where}: not as /openapi.json describes it: ${problem}`)
}
