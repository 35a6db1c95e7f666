import { Validator } from '@seriousme/openapi-schema-validator'
import { Ajv2020 } from 'ajv/dist/2020.js'

/**
 * What makes an API description unfit for the code generators clients run on `/openapi.json`: a document the
 * OpenAPI 3.1 meta-schema refuses, a schema JSON Schema 2020-12 refuses (the meta-schema does not look inside
 * Schema Objects), a reference to nothing, a path parameter its template and its parameters do not agree on, or
 * two operations of one operationId (a generator names a method after it).
 */

type Node = Record<string, unknown>
type Parameter = { name?: string; in?: string; $ref?: string; schema?: Node }
type MediaTypes = Record<string, { schema?: Node }>
type Operation = {
  operationId?: string
  parameters?: Parameter[]
  requestBody?: { content?: MediaTypes }
  responses?: Record<string, { content?: MediaTypes; headers?: Record<string, { schema?: Node }> }>
}
type PathItem = { parameters?: Parameter[] } & Partial<Record<(typeof METHODS)[number], Operation>>
type OpenApiDocument = {
  paths?: Record<string, PathItem>
  webhooks?: Record<string, PathItem>
  components?: { schemas?: Record<string, Node> }
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const

/** Every problem of the document, each a line naming where it is; none for a document fit to generate from. */
export async function documentProblems(published: object): Promise<string[]> {
  const document = published as OpenApiDocument
  const verdict = await new Validator().validate(published as Node)
  const structure =
    typeof verdict.errors === 'string'
      ? [verdict.errors]
      : (verdict.errors ?? []).map(
          (error) => `${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`,
        )
  return [
    ...structure,
    ...invalidSchemas(document),
    ...unresolvedReferences(document),
    ...pathParameterMismatches(document),
    ...sharedOperationIds(document),
  ]
}

function operationsOf(items: Record<string, PathItem> | undefined) {
  return Object.entries(items ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item[method]
      return operation ? [{ where: `${method.toUpperCase()} ${path}`, path, item, operation }] : []
    }),
  )
}

const everyOperation = (document: OpenApiDocument) => [
  ...operationsOf(document.paths),
  ...operationsOf(document.webhooks).map((found) => ({ ...found, where: `webhook ${found.where}` })),
]

function invalidSchemas(document: OpenApiDocument): string[] {
  const schemas: [string, Node][] = Object.entries(document.components?.schemas ?? {}).map(
    ([name, schema]) => [`components.schemas.${name}`, schema],
  )
  const add = (where: string, schema: Node | undefined) => {
    if (schema) schemas.push([where, schema])
  }
  for (const { where, item, operation } of everyOperation(document)) {
    for (const parameter of [...(item.parameters ?? []), ...(operation.parameters ?? [])])
      add(`${where} parameter ${parameter.name}`, parameter.schema)
    for (const [type, media] of Object.entries(operation.requestBody?.content ?? {}))
      add(`${where} request ${type}`, media.schema)
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      for (const [type, media] of Object.entries(response.content ?? {}))
        add(`${where} → ${status} ${type}`, media.schema)
      for (const [name, header] of Object.entries(response.headers ?? {}))
        add(`${where} → ${status} header ${name}`, header.schema)
    }
  }
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  return schemas.flatMap(([where, schema]) =>
    ajv.validateSchema(schema)
      ? []
      : [`${where}: not a JSON Schema 2020-12 schema: ${ajv.errorsText(ajv.errors, { dataVar: 'schema' })}`],
  )
}

/** The node a local reference (`#/json/pointer`) names, or undefined. */
function resolve(document: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined
  return ref
    .slice(2)
    .split('/')
    .map((token) => decodeURIComponent(token).replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>(
      (node, token) =>
        node !== null && typeof node === 'object' && Object.hasOwn(node, token)
          ? (node as Node)[token]
          : undefined,
      document,
    )
}

function unresolvedReferences(document: OpenApiDocument): string[] {
  const problems: string[] = []
  const visit = (node: unknown, where: string) => {
    if (node === null || typeof node !== 'object') return
    for (const [key, inner] of Object.entries(node)) {
      if (key === '$ref' && (typeof inner !== 'string' || resolve(document, inner) === undefined))
        problems.push(`${where}: $ref ${JSON.stringify(inner)} names nothing in the document`)
      else visit(inner, `${where}/${key}`)
    }
  }
  visit(document, '#')
  return problems
}

function pathParameterMismatches(document: OpenApiDocument): string[] {
  return operationsOf(document.paths).flatMap(({ where, path, item, operation }) => {
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1])
    const declared = [...(item.parameters ?? []), ...(operation.parameters ?? [])]
      .map((parameter) =>
        parameter.$ref ? (resolve(document, parameter.$ref) as Parameter | undefined) : parameter,
      )
      .filter((parameter) => parameter?.in === 'path')
      .map((parameter) => parameter?.name)
    return [
      ...templated
        .filter((name) => !declared.includes(name))
        .map((name) => `${where}: {${name}} is not declared as a path parameter`),
      ...declared
        .filter((name) => !templated.includes(name))
        .map((name) => `${where}: path parameter ${name} is not in the path`),
      ...declared
        .filter((name, index) => declared.indexOf(name) !== index)
        .map((name) => `${where}: path parameter ${name} is declared twice`),
    ]
  })
}

function sharedOperationIds(document: OpenApiDocument): string[] {
  const seen = new Map<string, string>()
  return everyOperation(document).flatMap(({ where, operation: { operationId } }) => {
    if (operationId === undefined) return []
    const first = seen.get(operationId)
    seen.set(operationId, first ?? where)
    return first ? [`${where}: operationId ${operationId} is also ${first}'s`] : []
  })
}
