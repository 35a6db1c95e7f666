import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { integerArray, textArray } from '../../src/db/array-literals.js'
import { rowsOf } from '../../src/db/client.js'
import { createTestDatabase, type TestDatabase } from '../helpers/db.js'

let database: TestDatabase
beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(() => database.dispose())

const roundTrip = async (literal: string, type: 'text[]' | 'integer[]') => {
  const cast = type === 'text[]' ? sql`${literal}::text[]` : sql`${literal}::integer[]`
  const [row] = rowsOf<{ value: unknown[] }>(await database.db.execute(sql`select ${cast} as value`))
  return row?.value
}

describe('array literals bound as one parameter', () => {
  it('carry any text through, quotes, backslashes, commas, braces and every script included', async () => {
    const values = [
      'plain',
      'a,b',
      '{x}',
      'say "hi"',
      'back\\slash',
      '',
      ' spaced ',
      'NULL',
      'Привет',
      '안녕',
      '🙂',
    ]
    expect(await roundTrip(textArray(values), 'text[]')).toEqual(values)
    expect(await roundTrip(textArray([]), 'text[]')).toEqual([])
  })

  it('carry integers, negative ones included', async () => {
    expect(await roundTrip(integerArray([0, -1, 67108863]), 'integer[]')).toEqual([0, -1, 67108863])
  })
})
