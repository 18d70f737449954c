import type BetterSqlite3 from 'better-sqlite3'
import type { ColumnSpec, TableName, tables } from '../../../shared/schema'

type Spec<T extends TableName> = (typeof tables)[T]
type Value<S> = S extends ColumnSpec
  ? (S['type'] extends 'TEXT' ? string : number) | (S['nullable'] extends true ? null : never)
  : never
type AutoKey = 'id' | 'action_key' | 'event_key' | 'session_key'

/**
 * A row with every column given explicitly, defaults included: column DEFAULTs read the wall
 * clock, which would make the demo database differ from run to run. Only the integer row ids
 * may be left to SQLite.
 */
export type DemoRow<T extends TableName> = {
  [K in Exclude<keyof Spec<T>, AutoKey>]: Value<Spec<T>[K]>
} & { [K in Extract<keyof Spec<T>, AutoKey>]?: number }

/** Prepared INSERTs, one per table and column list, run inside the caller's transaction. */
export class RowWriter {
  private readonly statements = new Map<string, BetterSqlite3.Statement>()

  constructor(private readonly sqlite: BetterSqlite3.Database) {}

  /** Inserts one row and returns its rowid. */
  insert<T extends TableName>(table: T, row: DemoRow<T>): number {
    const columns = Object.keys(row)
    const cacheKey = `${table}(${columns.join(',')})`
    let statement = this.statements.get(cacheKey)
    if (!statement) {
      statement = this.sqlite.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
      )
      this.statements.set(cacheKey, statement)
    }
    return Number(statement.run(row).lastInsertRowid)
  }
}
