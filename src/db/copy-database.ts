import { type SQL, sql } from 'drizzle-orm'
import { type DatabaseHandle, type Executor, rowsOf } from './client.js'
import { quotedIdentifier } from './identifiers.js'

/**
 * Copies everything Vigil keeps from one migrated database into another migrated and unused one: how a site that
 * started on the embedded database moves to a PostgreSQL server (`npm run copy-to-postgres`). Every durable
 * table of the schema is copied whole, the instance's secrets included (the IP and e-mail hashes, the form tokens
 * and the keys' hashes stay valid), in one transaction on the target: it ends with everything or nothing. The
 * rate-limit counters (an unlogged table: counts of the last minutes) are left behind.
 *
 * Rows travel as JSON in batches walked by primary key, so memory holds one batch whatever the database's size,
 * and the target reads them with the types of its own columns.
 */

/** Rows per batch, at most. */
const BATCH_ROWS = 1_000
/**
 * A batch's JSON, at most (or one row, when a row alone is longer). A comment can take tens of kilobytes of JSON
 * (20 000 characters of any script, control characters escaped as six in it, through either API): a thousand
 * of them took over a gigabyte of memory, and past some 300 MB the embedded engine failed "out of memory".
 */
const BATCH_BYTES = 16 * 1024 * 1024

type BatchLimits = { rows: number; bytes: number }

export type CopiedTable = { table: string; rows: number }

export class CopyRefused extends Error {
  override name = 'CopyRefused'
}

/** Thrown, the target's transaction rolled back, when the copy's `interrupted` signal fires before the commit. */
export class CopyInterrupted extends Error {
  override name = 'CopyInterrupted'
  constructor() {
    super('interrupted before the end: nothing was copied, the target is as it was')
  }
}

type Table = { name: string; columns: string[]; key: string[] }

/** A table of the schema the copy reads and writes, by its quoted name. */
const qualified = (table: string) => `public.${quotedIdentifier(table)}`
const list = (names: readonly string[], prefix = '') =>
  names.map((name) => prefix + quotedIdentifier(name)).join(', ')

async function rows<T>(db: Executor, query: SQL | string): Promise<T[]> {
  return rowsOf<T>(await db.execute(typeof query === 'string' ? sql.raw(query) : query))
}

/** The schema's durable tables with their stored columns (not generated ones) and primary key, parents first. */
async function tablesOf(db: Executor): Promise<Table[]> {
  const tables = await rows<{ name: string; columns: string[]; key: string[] | null }>(
    db,
    `select c.relname as name,
       array(select a.attname::text from pg_attribute a
             where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
             order by a.attnum) as columns,
       array(select a.attname::text from pg_index i
             join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey::int2[])
             where i.indrelid = c.oid and i.indisprimary
             order by array_position(i.indkey::int2[], a.attnum)) as key
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relpersistence = 'p' and not c.relispartition
     order by c.relname`,
  )
  const references = await rows<{ child: string; parent: string }>(
    db,
    `select child.relname as child, parent.relname as parent
     from pg_constraint k
     join pg_class child on child.oid = k.conrelid
     join pg_class parent on parent.oid = k.confrelid
     join pg_namespace n on n.oid = child.relnamespace
     where k.contype = 'f' and n.nspname = 'public' and k.conrelid <> k.confrelid`,
  )
  return parentsFirst(
    tables.map((table) => ({ name: table.name, columns: table.columns, key: table.key ?? [] })),
    references,
  )
}

/** `tables` in an order where every table comes after the tables its foreign keys name. */
function parentsFirst(tables: Table[], references: { child: string; parent: string }[]): Table[] {
  const ordered: Table[] = []
  const placed = new Set<string>()
  const place = (table: Table, path: Set<string>) => {
    if (placed.has(table.name) || path.has(table.name)) return
    path.add(table.name)
    for (const { parent } of references.filter((reference) => reference.child === table.name)) {
      const parentTable = tables.find((candidate) => candidate.name === parent)
      if (parentTable) place(parentTable, path)
    }
    placed.add(table.name)
    ordered.push(table)
  }
  for (const table of tables) place(table, new Set())
  return ordered
}

/** Why `target` cannot take the copy: another schema than the source's, or data of its own. Null when it can. */
async function refusal(source: Table[], target: Executor): Promise<string | null> {
  const theirs = new Map((await tablesOf(target)).map((table) => [table.name, table]))
  for (const table of source) {
    const other = theirs.get(table.name)
    if (!other || other.columns.join() !== table.columns.join())
      return `the target's table ${table.name} is not the source's: both must be migrated by the same version of Vigil`
  }
  const [used] = await rows<{ used: boolean; ran: boolean }>(
    target,
    `select exists (select 1 from sites) or exists (select 1 from api_keys) as used,
      exists (select 1 from instance_secrets) as ran`,
  )
  if (used?.used) return 'the target database already holds sites or keys: copy into an unused database'
  // A Vigil process makes the instance's secrets as it starts. One still running would go on hashing e-mails and
  // IPs, and signing form tokens, with its own after the copy replaced them: its rows would match nobody's.
  if (used?.ran)
    return 'Vigil has already run on the target database (it holds secrets of its own): stop every Vigil process using it, and copy into a database Vigil has never run on'
  return null
}

type Batch = { count: number; read: number; rows: string; last: string | null }

/** Copies `table` batch by batch, walking its primary key; returns the number of rows. */
async function copyTable(
  source: Executor,
  target: Executor,
  table: Table,
  limits: BatchLimits,
  stopIfInterrupted: () => void,
  onBatch: (copiedSoFar: number) => void,
): Promise<number> {
  const name = sql.raw(qualified(table.name))
  const columns = sql.raw(list(table.columns))
  const keyed = table.key.length > 0
  // Without a primary key (none in Vigil's schema today) there is nothing to walk: the table is read in one batch,
  // whatever its size.
  const order = keyed ? table.key : table.columns
  const keyOrder = sql.raw(list(order, 't.'))
  // Each key value as a scalar of its own column's type: a row comparison of the key with parameters is what
  // the primary key's index can start from, so each batch reads its own rows and not the table again.
  const after = (last: string | null) => {
    if (!keyed || last === null) return sql``
    const bound = table.key.map(
      (column) =>
        sql`(select p.${sql.raw(quotedIdentifier(column))} from jsonb_populate_record(null::${name}, ${last}::jsonb) as p)`,
    )
    return sql`where (${sql.raw(list(table.key, 't.'))}) > (${sql.join(bound, sql`, `)})`
  }
  let copied = 0
  let last: string | null = null
  for (;;) {
    stopIfInterrupted()
    // The rows after `last`, in key order, as many as fit in the batch's bytes (the first one whatever its size).
    const [batch]: Batch[] = await rows<Batch>(
      source,
      sql`with candidates as (
          select to_jsonb(t) as copied_row, row_number() over (order by ${keyOrder}) as position
          from ${name} as t ${after(last)}
          order by ${keyOrder} ${keyed ? sql.raw(`limit ${limits.rows}`) : sql``}),
        sized as (
          select copied_row, position,
            sum(octet_length(copied_row::text)) over (order by position) as bytes_through
          from candidates),
        batch as (
          select copied_row, position from sized
          where position = 1 or bytes_through <= ${sql.raw(keyed ? String(limits.bytes) : `'infinity'::numeric`)})
        select count(*)::int as count, (select count(*)::int from candidates) as read,
          coalesce(jsonb_agg(copied_row order by position), '[]')::text as rows,
          (jsonb_agg(copied_row order by position desc) -> 0)::text as last
        from batch`,
    )
    const count = Number(batch?.count ?? 0)
    if (!batch || count === 0) return copied
    await target.execute(
      // Identity columns (the audit's) keep the copied values; their sequences are moved past them afterwards.
      sql`insert into ${name} (${columns}) overriding system value
        select ${columns} from jsonb_populate_recordset(null::${name}, ${batch.rows}::jsonb)`,
    )
    copied += count
    onBatch(copied)
    // A batch cut short by its bytes is not the table's last.
    if (!keyed || (count === Number(batch.read) && count < limits.rows)) return copied
    last = batch.last
  }
}

/**
 * Sequences behind identity or serial columns (the audit's ids) start after the copied values: the catalog names
 * them in one query, then each is moved past its column's largest value.
 */
async function advanceSequences(target: Executor) {
  const sequences = await rows<{ table: string; column: string; sequence: string }>(
    target,
    `select c.relname as table, a.attname as column, s.sequence
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped,
     lateral (select pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) as sequence) as s
     where n.nspname = 'public' and c.relkind in ('r', 'p') and s.sequence is not null`,
  )
  for (const { table, column, sequence } of sequences) {
    await target.execute(
      sql`select setval(${sequence}::regclass, coalesce(max(${sql.raw(quotedIdentifier(column))}), 0) + 1, false)
        from ${sql.raw(qualified(table))}`,
    )
  }
}

/**
 * A reply may come in a later batch than the comment it answers (their ids come from the clocks of the processes
 * that stored them), and a foreign key is checked at the end of each statement: the keys a table holds to itself
 * are checked at the end of the copy instead, then made immediate again. Returns what puts them back.
 */
async function deferSelfReferences(tx: Executor): Promise<() => Promise<void>> {
  const constraints = await rows<{ table: string; name: string }>(
    tx,
    `select c.relname as table, k.conname as name
     from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
     where k.contype = 'f' and k.conrelid = k.confrelid and not k.condeferrable and n.nspname = 'public'`,
  )
  const alter = (constraint: { table: string; name: string }, how: string) =>
    tx.execute(
      sql.raw(
        `alter table ${qualified(constraint.table)} alter constraint ${quotedIdentifier(constraint.name)} ${how}`,
      ),
    )
  for (const constraint of constraints) await alter(constraint, 'deferrable initially deferred')
  return async () => {
    // Checked now, every row copied: a reply whose comment is missing fails the copy here.
    await tx.execute(sql.raw('set constraints all immediate'))
    for (const constraint of constraints) await alter(constraint, 'not deferrable')
  }
}

/** The number of rows of each of `tables`. */
async function counts(db: Executor, tables: Table[]): Promise<Map<string, number>> {
  const result = new Map<string, number>()
  for (const table of tables) {
    const [row] = await rows<{ count: number }>(
      db,
      `select count(*)::int as count from ${qualified(table.name)}`,
    )
    result.set(table.name, Number(row?.count ?? 0))
  }
  return result
}

/**
 * Copies every durable table of `source` into `target`, both migrated by this version, `target` unused (no site,
 * no key: what its migrations or a first start put there is replaced). Nothing else may write to either meanwhile.
 * Throws CopyRefused, having changed nothing, when the target cannot take it; the rows of every table are counted
 * again on both sides before the commit, which a difference prevents.
 */
export async function copyDatabase(
  source: DatabaseHandle,
  target: DatabaseHandle,
  options: {
    onTable?: (copied: CopiedTable) => void
    /** After each batch: the rows of `table` copied so far (a table of millions takes minutes). */
    onProgress?: (progress: CopiedTable) => void
    batchRows?: number
    batchBytes?: number
    interrupted?: AbortSignal
  } = {},
): Promise<CopiedTable[]> {
  // Checked inside the target's transaction: throwing there rolls everything back.
  const stopIfInterrupted = () => {
    if (options.interrupted?.aborted) throw new CopyInterrupted()
  }
  const tables = await tablesOf(source.db)
  const unfit = await refusal(tables, target.db)
  if (unfit) throw new CopyRefused(unfit)
  const limits = { rows: options.batchRows ?? BATCH_ROWS, bytes: options.batchBytes ?? BATCH_BYTES }
  const copied: CopiedTable[] = []
  await target.db.transaction(async (tx) => {
    copied.length = 0
    // The transaction waits on the source between its statements, batch after batch: a server (database, role)
    // with idle_in_transaction_session_timeout would end it midway; and a statement_timeout set for the web
    // application's sake would stop the truncate, the counts or the ANALYZE of a large copy. Both off for this
    // transaction alone (SET LOCAL).
    await tx.execute(
      sql.raw(
        `select set_config('idle_in_transaction_session_timeout', '0', true), set_config('statement_timeout', '0', true)`,
      ),
    )
    // Held to the commit: a Vigil process started on the target meanwhile waits instead of adding a site, or its
    // own secrets, and then reads the copied ones.
    await tx.execute(sql.raw('lock table sites, api_keys, instance_secrets in exclusive mode'))
    const why = await refusal(tables, tx)
    if (why) throw new CopyRefused(why)
    await tx.execute(sql.raw(`truncate table ${list(tables.map((table) => table.name))} cascade`))
    const restore = await deferSelfReferences(tx)
    for (const table of tables) {
      const entry = {
        table: table.name,
        rows: await copyTable(source.db, tx, table, limits, stopIfInterrupted, (rows) =>
          options.onProgress?.({ table: table.name, rows }),
        ),
      }
      copied.push(entry)
      options.onTable?.(entry)
    }
    await restore()
    await advanceSequences(tx)
    // Counted before the commit, so that a copy found short is rolled back; and by then a Vigil started on the
    // target could already have added rows of its own.
    const [before, after] = [await counts(source.db, tables), await counts(tx, tables)]
    const differing = tables.filter((table) => before.get(table.name) !== after.get(table.name))
    if (differing.length > 0)
      throw new Error(
        `the copy's row counts differ from the source's in ${differing.map((t) => t.name).join(', ')}: nothing was copied`,
      )
    // Fresh statistics, or the first plans would take the copied tables for empty ones. In the transaction (which
    // ANALYZE counts its own rows in), so that nothing after the commit can fail a copy that was made.
    await tx.execute(
      sql.raw(
        `analyze ${list(
          tables.map((table) => table.name),
          'public.',
        )}`,
      ),
    )
    stopIfInterrupted()
  })
  return copied
}
