import { TextDecoder } from 'node:util'

/** Turns the bytes of a form's percent-escapes into text. */
export type BodyDecoder = { decode(bytes: Uint8Array): string }

/**
 * What the WHATWG Encoding Standard's windows-1252 index gives for the bytes 0x80–0x9F (the rest of the charset is
 * Latin-1): € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ, and for the five bytes it leaves undefined the
 * C1 control of the same value, as the standard says.
 */
const C1_AS_WINDOWS_1252 = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d,
  0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x9d, 0x017e, 0x0178,
].map((code) => String.fromCharCode(code))

const C1 = /[\u0080-\u009f]/g

/**
 * windows-1252, the charset the WHATWG standard reads for `ISO-8859-1`, `latin1` and `us-ascii` too, as browsers
 * do: Node 20's TextDecoder reads it as Latin-1, so a French WordPress site's "l’Europe" or "5 €" (0x92, 0x80)
 * came out as invisible control characters, stored, scored and shown to moderators that way.
 */
const windows1252: BodyDecoder = {
  decode: (bytes) =>
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      .toString('latin1')
      .replace(C1, (char) => C1_AS_WINDOWS_1252[char.charCodeAt(0) - 0x80] as string),
}

/** The decoder for a charset label, or UTF-8's for a label this runtime does not know. */
export function decoderForCharset(label: string | undefined): BodyDecoder {
  let decoder: TextDecoder
  try {
    decoder = new TextDecoder(label || 'utf-8')
  } catch {
    return new TextDecoder('utf-8')
  }
  return decoder.encoding === 'windows-1252' ? windows1252 : decoder
}
