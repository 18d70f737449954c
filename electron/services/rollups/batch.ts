import type BetterSqlite3 from 'better-sqlite3'

type Value = number | string | null | Uint8Array

/**
 * Inserts rows `rowsPerStatement` at a time with one multi-row INSERT (a statement run costs
 * more than the row it adds); `flush()` writes what is left. Arguments go into one flat array.
 */
export class BatchInsert {
  private readonly full: BetterSqlite3.Statement
  private readonly one: BetterSqlite3.Statement
  private readonly args: Value[] = []
  private readonly width: number
  count = 0

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    table: string,
    columns: readonly string[],
    private readonly rowsPerStatement = 64,
  ) {
    this.width = columns.length
    const row = `(${columns.map(() => '?').join(', ')})`
    const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `
    this.full = sqlite.prepare(
      head + Array.from({ length: rowsPerStatement }, () => row).join(', '),
    )
    this.one = sqlite.prepare(head + row)
  }

  /** Adds one row: exactly as many values as columns. */
  push(...values: Value[]) {
    for (const value of values) this.args.push(value)
    this.count += 1
    if (this.args.length === this.width * this.rowsPerStatement) {
      this.full.run(this.args)
      this.args.length = 0
    }
  }

  flush() {
    for (let at = 0; at < this.args.length; at += this.width) {
      this.one.run(this.args.slice(at, at + this.width))
    }
    this.args.length = 0
    return this.count
  }
}
