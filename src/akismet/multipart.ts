import { MAX_PARAMETERS } from './form.js'

const MULTIPART = /^\s*multipart\/form-data\s*;/i
const BOUNDARY = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i
// RFC 2046 §5.1.1: a boundary has 1 to 70 characters. Searching a body for a longer one costs its length at each
// place (a boundary of 15 000 characters over a megabyte held the server's thread 2.7 s, before any key was read).
const MAX_BOUNDARY = 70
// A part's headers (its name, perhaps a file name and a type) end well within this after its delimiter: a part of
// a megabyte of header lines is no form field, and Node's parser reads every line of it.
const MAX_PART_HEADERS = 8 * 1024
const HEADERS_END = Buffer.from('\r\n\r\n')

/** Whether a Content-Type names multipart/form-data (a client posting a FormData). */
export const isMultipart = (contentType: string | undefined) => MULTIPART.test(contentType ?? '')

/**
 * The text parts of a multipart/form-data body (files are no Akismet parameter), the first MAX_PARAMETERS of them
 * as a urlencoded form's, names and values as byte strings (each character one byte, to decode in the call's
 * charset); null when the body is no multipart body (a client naming multipart for a urlencoded form, which is
 * then read as one).
 *
 * The body is closed after the parts kept before it is parsed: the parser makes an object of every part, and a
 * megabyte of 15 000 one-byte file parts held the event loop for a second, before any key was looked at.
 */
export async function multipartParts(
  body: Uint8Array,
  contentType: string,
): Promise<[string, string][] | null> {
  const match = BOUNDARY.exec(contentType)
  const boundary = match?.[1] ?? match?.[2]
  if (!boundary || boundary.length > MAX_BOUNDARY) return null
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  const delimiter = Buffer.from(`--${boundary}`)
  // The delimiter after part MAX_PARAMETERS (the closing one, or the opening of a part too many), if any.
  let cut = -1
  for (let found = 0; found <= MAX_PARAMETERS; found++) {
    cut = bytes.indexOf(delimiter, cut + 1)
    if (cut === -1) break
    if (!headersEndNear(bytes, cut + delimiter.length)) return null
  }
  const bounded =
    cut === -1 ? bytes : Buffer.concat([bytes.subarray(0, cut), Buffer.from(`--${boundary}--\r\n`)])
  try {
    const parts: [string, string][] = []
    // Read as Latin-1, each byte one character, and the parts' bytes given back as they came: the parser would
    // read them as UTF-8 and lose what a client wrote in its site's charset (akismetFormOfParts decodes them).
    const asBytes = Buffer.from(bounded.toString('latin1'), 'utf8')
    const form = await new Response(asBytes, { headers: { 'content-type': contentType } }).formData()
    for (const [name, value] of form) {
      if (typeof value === 'string') parts.push([name, value])
    }
    return parts
  } catch {
    return null
  }
}

/**
 * Whether the part whose delimiter ends at `from` has its headers' end within MAX_PART_HEADERS, or is the closing
 * delimiter (`--` after it).
 */
function headersEndNear(bytes: Buffer, from: number): boolean {
  if (bytes[from] === 0x2d && bytes[from + 1] === 0x2d) return true
  const end = bytes.indexOf(HEADERS_END, from)
  return end !== -1 && end - from <= MAX_PART_HEADERS
}
