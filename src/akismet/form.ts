import { TextDecoder } from 'node:util'
import { type BodyDecoder, decoderForCharset } from './charset.js'
import { PROTOCOL_PARAMETERS, WORDPRESS_HONEYPOT } from './parameters.js'

/**
 * An Akismet request's parameters. Clients send `application/x-www-form-urlencoded` whatever their Content-Type
 * says, with `+` or `%20` for spaces, and arrays as `name[]`, `name[0]` (raw or percent-encoded) or a repeated
 * name: all of them read the same here.
 */
export type AkismetForm = {
  /** The first value of a parameter, or undefined. */
  get(name: string): string | undefined
  /** Every value of a parameter, in order. */
  list(name: string): string[]
  /** Every parameter: a single value as a string, several as an array. */
  toRecord(): Record<string, string | string[]>
}

// `name[]` or `name[12]`; any other bracketed name (`a[b]`) is kept whole.
const ARRAY_NAME = /^(.+)\[(\d*)\]$/
/** Enough for a WordPress check with every `HTTP_*` header and `POST_*` field; beyond it, a client misbehaves. */
export const MAX_PARAMETERS = 500

/** Strips what PostgreSQL text cannot hold (NUL, lone surrogates) from a value as sent. */
const storable = (value: string) => value.replaceAll('\u0000', '').toWellFormed()

const CHARSET = /(?:^|&)blog_charset=([^&]*)/i
const CONTENT_TYPE_CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i

/**
 * The decoder for a source: its `blog_charset` (WordPress sends its site's), else the charset its Content-Type
 * names, else UTF-8; UTF-8 too for a charset this runtime does not know.
 */
function decoderFor(source: string, fallback: string | undefined): BodyDecoder {
  const named = CHARSET.exec(source)?.[1]?.replaceAll('+', ' ').trim()
  try {
    return decoderForCharset(named ? decodeURIComponent(named) : fallback)
  } catch {
    // A malformed escape in the charset's name (decodeURIComponent).
    return decoderForCharset('utf-8')
  }
}

const encoder = new TextEncoder()

/** The value of a hexadecimal digit's character code, or -1. */
function hexDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30
  if (code >= 0x41 && code <= 0x46) return code - 0x37
  if (code >= 0x61 && code <= 0x66) return code - 0x57
  return -1
}

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true })
const PLUS = 0x2b
const PERCENT = 0x25

/**
 * Percent-decodes one name or value (`+` as a space) into bytes, then text in the body's charset; a stray `%` stays
 * as it is. One pass over the character codes into one buffer sized for the worst case (every character as UTF-8):
 * never a copy of the whole part per kind of escape (replacing a megabyte of `+` took 200 ms, before any key was
 * looked at), never spread into an array (a long run of plain text would overflow the call stack). A part with no
 * `%` is text as sent, whatever the charset: only escapes stand for bytes.
 */
function decodeComponent(part: string, decoder: BodyDecoder): string {
  const hasEscapes = part.includes('%')
  if (!hasEscapes && !part.includes('+')) return part
  const bytes = new Uint8Array(Buffer.byteLength(part, 'utf8'))
  let length = 0
  const end = part.length
  for (let at = 0; at < end; at++) {
    const code = part.charCodeAt(at)
    if (code === PLUS) {
      bytes[length++] = 0x20
      continue
    }
    if (code === PERCENT) {
      const high = hexDigit(part.charCodeAt(at + 1))
      const low = high < 0 ? -1 : hexDigit(part.charCodeAt(at + 2))
      if (low >= 0) {
        bytes[length++] = high * 16 + low
        at += 2
        continue
      }
    }
    if (code < 0x80) {
      bytes[length++] = code
      continue
    }
    // A run of other characters (a surrogate pair stays whole), encoded at once.
    let runEnd = at + 1
    while (runEnd < end && part.charCodeAt(runEnd) >= 0x80) runEnd++
    length += encoder.encodeInto(part.slice(at, runEnd), bytes.subarray(length)).written
    at = runEnd - 1
  }
  return (hasEscapes ? decoder : utf8).decode(bytes.subarray(0, length))
}

/** Collects parameters into an AkismetForm, in the order they come (the body's values first). */
function formBuilder() {
  const values = new Map<string, string[]>()
  // Names sent in array form (`a[]`, `a[0]`) stay arrays even with one value.
  const arrays = new Set<string>()
  // The N of each value sent as `name[N]`, by position in its list.
  const indexes = new Map<string, (number | undefined)[]>()
  let count = 0
  /** Adds one parameter; its value is only decoded when it is kept. */
  const add = (rawName: string, rawValue: () => string) => {
    // Past the cap, the protocol's own parameters are still read, once each: WordPress sends `api_key` last, and
    // a client forwarding hundreds of headers would otherwise lose the honeypot or `is_test` it sent after them.
    if (++count > MAX_PARAMETERS && (values.has(rawName) || !isProtocolParameter(rawName))) return
    const array = ARRAY_NAME.exec(rawName)
    const name = storable(array?.[1] ?? rawName)
    if (array) arrays.add(name)
    const list = values.get(name) ?? []
    list.push(storable(rawValue()))
    values.set(name, list)
    if (array?.[2]) {
      const positions = indexes.get(name) ?? []
      positions[list.length - 1] = Number(array[2])
      indexes.set(name, positions)
    }
  }
  /**
   * Puts a list whose every value came as `name[N]` in the order of its indexes: PHP builds the array by index,
   * and nothing stops a client from sending `comment_context[1]` before `comment_context[0]`.
   */
  const inIndexOrder = () => {
    for (const [name, positions] of indexes) {
      const list = values.get(name) ?? []
      // A hole: some values came as `name[]` or `name`, and have no index to be ordered by.
      if (positions.length !== list.length || positions.includes(undefined)) continue
      const byIndex = list.map((value, at) => ({ value, index: positions[at] as number }))
      values.set(
        name,
        byIndex.sort((a, b) => a.index - b.index).map((entry) => entry.value),
      )
    }
    indexes.clear()
  }
  const isProtocolParameter = (name: string) =>
    PROTOCOL_PARAMETERS.has(name) ||
    name === WORDPRESS_HONEYPOT ||
    name === values.get('honeypot_field_name')?.[0]
  const form = (): AkismetForm => {
    inIndexOrder()
    return {
      get: (name) => values.get(name)?.[0],
      list: (name) => values.get(name) ?? [],
      toRecord: () =>
        Object.fromEntries(
          [...values].map(([name, list]) => [
            name,
            list.length === 1 && !arrays.has(name) ? (list[0] as string) : list,
          ]),
        ),
    }
  }
  return { add, form }
}

/** Adds the pairs of a urlencoded body or query string, decoded in its charset. */
function addEncoded(add: ReturnType<typeof formBuilder>['add'], source: string, charset: string | undefined) {
  const decoder = decoderFor(source, charset)
  for (const pair of source.split('&')) {
    if (!pair) continue
    const equals = pair.indexOf('=')
    const rawName = decodeComponent(equals < 0 ? pair : pair.slice(0, equals), decoder)
    add(rawName, () => (equals < 0 ? '' : decodeComponent(pair.slice(equals + 1), decoder)))
  }
}

/**
 * Parses a urlencoded body, then a query string, into one set of parameters (the body's values first). The body
 * is decoded in the charset its `blog_charset` names, else the one its Content-Type names.
 */
export function parseAkismetForm(body: string, query = '', contentType?: string): AkismetForm {
  const { add, form } = formBuilder()
  addEncoded(add, body, CONTENT_TYPE_CHARSET.exec(contentType ?? '')?.[1])
  addEncoded(add, query, undefined)
  return form()
}

/**
 * The parameters of a multipart/form-data body, as a client building its call with FormData sends them (Akismet,
 * in PHP, reads those as it reads a urlencoded form), then of the query string.
 */
export function akismetFormOfParts(
  parts: readonly [string, string][],
  query = '',
  contentType?: string,
): AkismetForm {
  const { add, form } = formBuilder()
  // Byte strings (multipart.ts), decoded as a urlencoded body is: in its blog_charset, else its Content-Type's.
  const named = parts.find(([name]) => name === 'blog_charset')?.[1]?.trim()
  const decoder = decoderForCharset(named || CONTENT_TYPE_CHARSET.exec(contentType ?? '')?.[1])
  const decode = (bytes: string) => decoder.decode(Buffer.from(bytes, 'latin1'))
  for (const [name, value] of parts) add(decode(name), () => decode(value))
  addEncoded(add, query, undefined)
  return form()
}
