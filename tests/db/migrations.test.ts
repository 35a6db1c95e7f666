import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { drizzle } from 'drizzle-orm/pglite'
import { migrate } from 'drizzle-orm/pglite/migrator'
import { afterAll, describe, expect, it } from 'vitest'
import { migrationsFolder } from '../../src/db/migrate.js'

type Journal = { entries: { tag: string }[] }

/** The committed migrations up to (not including) `tag`, as a folder of their own. */
function migrationsBefore(tag: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'vigil-migrations-'))
  cpSync(migrationsFolder, folder, { recursive: true })
  const journalPath = join(folder, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as Journal
  const at = journal.entries.findIndex((entry) => entry.tag === tag)
  expect(at).toBeGreaterThan(0)
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }))
  return folder
}

const folders: string[] = []
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true })
})

describe('migration 0015 (learned_in_server_corpus)', () => {
  it('reads true for comments learned before it, when every decision taught both corpora, and null for new ones', async () => {
    const client = await PGlite.create({ extensions: { pg_trgm } })
    const db = drizzle(client)
    const earlier = migrationsBefore('0015_learned_in_server_corpus')
    folders.push(earlier)
    await migrate(db, { migrationsFolder: earlier })
    await client.exec(`
      insert into sites (id, name, created_at, updated_at) values ('le-quotidien', 'Le Quotidien', now(), now());
      insert into comments (id, site_id, article_id, author_name, content, content_hash, status, score, reasons,
        learned_as, learned_tokens, created_at, updated_at)
      values ('01900000-0000-7000-8000-000000000001', 'le-quotidien', 'a', 'Amélie', 'Merci', 'h1', 'approved', 0,
        '[]', 'ham', '{merci}', now(), now());`)

    await migrate(db, { migrationsFolder })
    await client.exec(`
      insert into comments (id, site_id, article_id, author_name, content, content_hash, status, score, reasons,
        created_at, updated_at)
      values ('01900000-0000-7000-8000-000000000002', 'le-quotidien', 'a', 'Bo', 'Bonjour', 'h2', 'pending', 0,
        '[]', now(), now());`)
    const { rows } = await client.query<{ content: string; learned_in_server_corpus: boolean | null }>(
      'select content, learned_in_server_corpus from comments order by id',
    )
    expect(rows).toEqual([
      { content: 'Merci', learned_in_server_corpus: true },
      { content: 'Bonjour', learned_in_server_corpus: null },
    ])
    await client.close()
  })
})
