import type BetterSqlite3 from 'better-sqlite3'
import { databaseChecksum } from '../../../electron/services/db/checksum'

/**
 * Whether any table changed across a call, without checksumming ~70 tables around every one
 * of thousands of calls. A connection's total_changes() counts every row its statements
 * wrote (even rolled back), data_version moves when another connection (the import worker)
 * commits, schema_version on any DDL: while all three stand still, no table can have changed,
 * and the full checksum (electron/services/db/checksum.ts) is only computed when one moved.
 */
export class TableWatch {
  private cached: { marker: string; checksum: string } | undefined
  private readonly ids = new WeakMap<object, number>()
  private nextId = 1

  constructor(private readonly connection: () => BetterSqlite3.Database) {}

  private marker() {
    const sqlite = this.connection()
    if (!this.ids.has(sqlite)) this.ids.set(sqlite, this.nextId++)
    const changes = sqlite.prepare('SELECT total_changes()').pluck().get() as number
    const data = sqlite.pragma('data_version', { simple: true }) as number
    const schema = sqlite.pragma('schema_version', { simple: true }) as number
    return `${this.ids.get(sqlite)}:${changes}:${data}:${schema}`
  }

  private current() {
    const marker = this.marker()
    if (this.cached?.marker !== marker) {
      this.cached = { marker, checksum: databaseChecksum(this.connection()) }
    }
    return this.cached
  }

  /** Before a call: the state to compare with. */
  before() {
    return this.current()
  }

  /** After a call: whether the tables still hold what they held at `before`. */
  unchangedSince(state: { marker: string; checksum: string }) {
    if (this.marker() === state.marker) return true
    return this.current().checksum === state.checksum
  }
}
