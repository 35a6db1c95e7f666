import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** Uniformly random lowercase letters and digits (rejection sampling keeps every character equally likely). */
export function randomToken(length: number): string {
  let out = ''
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 252 && out.length < length) out += ALPHABET[byte % 36]
    }
  }
  return out
}

export const sha256Hex = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex')

/** Compares two secrets in time that depends only on their (hashed) length, never on where they differ. */
export function secretsEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a, 'utf8').digest()
  const right = createHash('sha256').update(b, 'utf8').digest()
  return timingSafeEqual(left, right)
}
