import { isUuid } from '../db/uuid.js'
import { invalidField } from '../errors.js'

/** A position in a list ordered by (createdAt, id): the last item a page returned. */
export type Cursor = { createdAt: Date; id: string }

/**
 * The form `encodeCursor` writes (`toISOString`), with years 0001 to 9999 only: JavaScript reads dates from
 * -271821 to +275760, PostgreSQL's timestamptz refuses most of them, and a tampered cursor must be a 400, not a 500.
 */
const ISO_INSTANT = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString('base64url')
}

/** A cursor of another list (a comment's, a key's) names an id that is not one of this list's: `isId` refuses it. */
export function decodeCursor(value: string, isId: (id: string) => boolean = isUuid): Cursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[]
    const instant = typeof createdAt === 'string' ? ISO_INSTANT.exec(createdAt) : null
    const date = new Date(String(createdAt))
    if (
      instant &&
      Number(instant[1]) >= 1 &&
      // Only what encodeCursor wrote reads back the same: no day 30 of February passing as a day of March.
      !Number.isNaN(date.getTime()) &&
      date.toISOString() === createdAt &&
      typeof id === 'string' &&
      isId(id)
    ) {
      return { createdAt: date, id }
    }
  } catch {
    // fall through to the error below
  }
  throw invalidField('cursor', 'is not a cursor this service returned')
}
