import { isUuid } from '../db/uuid.js'
import { invalidField } from '../errors.js'

/** A position in a list ordered by (createdAt, id): the last item a page returned. */
export type Cursor = { createdAt: Date; id: string }

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString('base64url')
}

export function decodeCursor(value: string): Cursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[]
    const date = new Date(String(createdAt))
    if (
      typeof createdAt === 'string' &&
      !Number.isNaN(date.getTime()) &&
      typeof id === 'string' &&
      isUuid(id)
    ) {
      return { createdAt: date, id }
    }
  } catch {
    // fall through to the error below
  }
  throw invalidField('cursor', 'is not a cursor this service returned')
}
