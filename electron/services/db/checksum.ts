import type BetterSqlite3 from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { tableNames } from '../../../shared/schema'

/** Each value with its storage type, so 1 (INTEGER), 1.0 (REAL) and '1' (TEXT) differ. */
function encode(value: unknown): string {
  if (value === null) return 'n'
  if (typeof value === 'bigint') return `i${value}`
  if (typeof value === 'number') return `r${value}`
  if (typeof value === 'string') return `t${JSON.stringify(value)}`
  if (Buffer.isBuffer(value)) return `b${value.toString('hex')}`
  throw new TypeError(`Unexpected SQLite value of type ${typeof value}`)
}

function orderBy(sqlite: BetterSqlite3.Database, table: string) {
  const columns = sqlite.prepare(`SELECT name, pk FROM pragma_table_info(?)`).all(table) as {
    name: string
    pk: number
  }[]
  const key = columns
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => `"${c.name}"`)
  return key.length > 0 ? key.join(', ') : 'rowid'
}

/**
 * SHA-256 over the contents of every table of the schema (shared/schema.ts `tables`): each
 * table's name, column names and rows in primary-key order, all columns. Two databases with the
 * same data give the same checksum, whatever their file layout; the migration bookkeeping table
 * is not part of the data.
 */
export function databaseChecksum(
  sqlite: BetterSqlite3.Database,
  which: readonly string[] = tableNames,
): string {
  const hash = createHash('sha256')
  for (const table of which) {
    const statement = sqlite
      .prepare(`SELECT * FROM "${table}" ORDER BY ${orderBy(sqlite, table)}`)
      .raw(true)
      .safeIntegers(true)
    hash.update(
      `table ${table} ${statement
        .columns()
        .map((c) => c.name)
        .join(',')}\n`,
    )
    for (const row of statement.iterate() as IterableIterator<unknown[]>) {
      hash.update(`${row.map(encode).join(',')}\n`)
    }
  }
  return hash.digest('hex')
}
