import type BetterSqlite3 from 'better-sqlite3'
import type { TableName } from '../../../shared/schema'
import { OWNER_USER_ID } from '../demo/owner'
import { findOwner, type Owner } from '../fitness/owner'
import { DERIVED_TABLES } from './upkeep'
import type { ExerciseType, ImportTx, NaturalKey, SqlValue } from './types'

/**
 * The writing side of one import, inside its transaction: every insert and change is logged in
 * `import_rows` (for undo) and every natural key in `import_keys` (for dedupe). Lookups are
 * cached for the length of the import; `forgetCaches` drops them when a savepoint rolls back.
 */
export class ImportWriter implements ImportTx {
  private seq = 0
  private readonly statements = new Map<string, BetterSqlite3.Statement>()
  private readonly exercises = new Map<string, number>()
  private readonly actions = new Set<string>()
  private readonly users = new Set<string>()
  private cachedOwner: Owner | undefined

  constructor(
    readonly sqlite: BetterSqlite3.Database,
    readonly importId: number,
    readonly timeZone: string,
    readonly now: number,
  ) {
    this.seq = sqlite
      .prepare('SELECT coalesce(max(seq), 0) FROM import_rows WHERE import_id = ?')
      .pluck()
      .get(importId) as number
  }

  private statement(sql: string) {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = this.sqlite.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }

  forgetCaches() {
    this.exercises.clear()
    this.actions.clear()
    this.users.clear()
    this.cachedOwner = undefined
  }

  private logRow(table: TableName, rowId: number, before: string | null) {
    this.seq += 1
    this.statement(
      'INSERT INTO import_rows (import_id, seq, table_name, row_id, before_json) VALUES (?, ?, ?, ?, ?)',
    ).run(this.importId, this.seq, table, rowId, before)
  }

  findKey({ scope, key }: NaturalKey): number | undefined {
    return this.statement('SELECT row_id FROM import_keys WHERE scope = ? AND natural_key = ?')
      .pluck()
      .get(scope, key) as number | undefined
  }

  claimKey({ scope, key }: NaturalKey, table: TableName, rowId: number) {
    return (
      this.statement(
        `INSERT INTO import_keys (scope, natural_key, table_name, row_id, import_id)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT (scope, natural_key) DO NOTHING`,
      ).run(scope, key, table, rowId, this.importId).changes > 0
    )
  }

  insert(table: TableName, values: Readonly<Record<string, SqlValue>>, key?: NaturalKey) {
    const columns = Object.keys(values)
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`
    const rowId = Number(this.statement(sql).run(...Object.values(values)).lastInsertRowid)
    this.logRow(table, rowId, null)
    if (key) this.claimKey(key, table, rowId)
    return rowId
  }

  /**
   * Inserts a row unless it collides with one already there (same key or unique value): the
   * row's id, or null when it was a duplicate. Restores of Logbook's own exports use it.
   */
  insertIfNew(table: TableName, values: Readonly<Record<string, SqlValue>>): number | null {
    const columns = Object.keys(values)
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`
    const result = this.statement(sql).run(...Object.values(values))
    if (result.changes === 0) return null
    const rowId = Number(result.lastInsertRowid)
    // Events carry their import in import_id; derived rows are recomputed by the undo.
    if (table !== 'fct_event' && !DERIVED_TABLES.includes(table)) this.logRow(table, rowId, null)
    return rowId
  }

  update(table: TableName, rowId: number, values: Readonly<Record<string, SqlValue>>) {
    const columns = Object.keys(values)
    const before = this.statement(
      `SELECT json_object(${columns.map((c) => `'${c}', ${c}`).join(', ')}) FROM ${table} WHERE rowid = ?`,
    )
      .pluck()
      .get(rowId) as string | undefined
    if (before === undefined) return
    this.statement(
      `UPDATE ${table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE rowid = ?`,
    ).run(...Object.values(values), rowId)
    this.logRow(table, rowId, before)
  }

  owner(): Owner {
    if (this.cachedOwner) return this.cachedOwner
    const found = findOwner(this.sqlite)
    if (found) return (this.cachedOwner = found)
    const taken = this.statement('SELECT 1 FROM users WHERE username = ?').pluck()
    let username = OWNER_USER_ID
    for (let n = 2; taken.get(username) !== undefined; n += 1) username = `${OWNER_USER_ID}${n}`
    const id = this.insert('users', { user_id: OWNER_USER_ID, username, name: 'Me' })
    return (this.cachedOwner = { id, userId: OWNER_USER_ID })
  }

  exerciseId(name: string, type: ExerciseType) {
    const trimmed = name.trim()
    // The column is UNIQUE COLLATE NOCASE, which folds ASCII letters only: look up the same way.
    const folded = trimmed.replace(/[A-Z]/g, (c) => c.toLowerCase())
    const cached = this.exercises.get(folded)
    if (cached !== undefined) return cached
    const found = this.statement(
      'SELECT id FROM fitness_exercises WHERE exercise_name = ? COLLATE NOCASE ORDER BY id LIMIT 1',
    )
      .pluck()
      .get(trimmed) as number | undefined
    const id =
      found ?? this.insert('fitness_exercises', { exercise_name: trimmed, exercise_type: type })
    this.exercises.set(folded, id)
    return id
  }

  ensureAction(actionType: string, category: string) {
    if (this.actions.has(actionType)) return
    const found = this.statement('SELECT action_key FROM dim_actions WHERE action_type = ?')
      .pluck()
      .get(actionType)
    if (found === undefined) {
      this.insert('dim_actions', {
        action_type: actionType,
        action_category: category,
        engagement_weight: 1,
        is_core_action: 1,
      })
    }
    this.actions.add(actionType)
  }

  ensureUser(userId: string, details: Readonly<Record<string, SqlValue>> = {}) {
    if (this.users.has(userId)) return
    const found = this.statement('SELECT id FROM users WHERE user_id = ?').pluck().get(userId)
    if (found === undefined) {
      const taken = this.statement('SELECT 1 FROM users WHERE username = ?').pluck()
      let username = userId
      for (let n = 2; taken.get(username) !== undefined; n += 1) username = `${userId}-${n}`
      this.insert('users', { ...details, user_id: userId, username })
    }
    this.users.add(userId)
  }
}
