import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { rowsOf } from '../../src/db/client.js'
import { useTestApp } from '../helpers/app.js'

/**
 * vigil_uuidv7 (drizzle/0008, 0028) names the rows a statement writes in numbers only the database knows (one
 * webhook delivery per endpoint). Delivery logs are listed newest first by id, so its ids must sort by time and,
 * within a millisecond, in the order they were made, as version 7 UUIDs.
 */
const ctx = useTestApp()

async function idsMadeAt(at: string, count: number): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await ctx.database.db.execute(
      sql`select vigil_uuidv7(${at}::timestamptz)::text as id from generate_series(1, ${count}) order by 1`,
    ),
  )
  return rows.map((row) => row.id)
}

describe('vigil_uuidv7', () => {
  it('makes version 7 UUIDs (RFC 9562) whose first 48 bits are the millisecond given', async () => {
    const at = '2026-12-06T11:30:00.123Z'
    const [id] = await idsMadeAt(at, 1)
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(Number.parseInt((id ?? '').replaceAll('-', '').slice(0, 12), 16)).toBe(Date.parse(at))
  })

  it('orders the ids of one millisecond as they were made, in statement after statement', async () => {
    const at = '2026-12-06T11:30:00.000Z'
    const made: string[] = []
    for (let statement = 0; statement < 5; statement++) {
      const [id] = rowsOf<{ id: string }>(
        await ctx.database.db.execute(sql`select vigil_uuidv7(${at}::timestamptz)::text as id`),
      )
      made.push(id?.id ?? '')
    }
    expect(made).toEqual([...made].sort())
    expect(new Set(made).size).toBe(made.length)
  })

  it('never repeats an id, and sorts a later millisecond after an earlier one', async () => {
    const earlier = await idsMadeAt('2026-12-06T11:30:00.000Z', 200)
    const later = await idsMadeAt('2026-12-06T11:30:00.001Z', 200)
    expect(new Set([...earlier, ...later]).size).toBe(400)
    expect(later.every((id) => id > (earlier.at(-1) ?? ''))).toBe(true)
  })
})
