import type BetterSqlite3 from 'better-sqlite3'
import type { ScopeTable } from './scope'

/** Replaces a person's identifying values in the bookkeeping tables with this. */
export const REMOVED = '[removed]'

/** Columns that identify whoever a row belongs to, cleared on an anonymised person's rows. */
export const IDENTIFYING_ROW_COLUMNS = ['ip_address', 'user_agent'] as const

/** Columns of `users` that say who a person is: emptied when they are anonymised. */
export const IDENTIFYING_PERSON_COLUMNS = [
  'email',
  'name',
  'first_name',
  'last_name',
  'phone_number',
  'date_of_birth',
  'city',
] as const

const NAMING_COLUMNS = ['user_id', 'username', 'email'] as const
const IDENTITY_COLUMNS = [...NAMING_COLUMNS, 'name', 'first_name', 'last_name', 'phone_number']

/** The person's values worth searching for elsewhere: long enough not to match by chance. */
export function identityStrings(
  person: Readonly<Record<string, unknown>>,
  columns: readonly string[] = IDENTITY_COLUMNS,
): string[] {
  const values = columns
    .map((column) => person[column])
    .filter((v): v is string => typeof v === 'string' && v.trim().length >= 3)
  // Longest first, so an email is replaced whole before the username inside it.
  return [...new Set(values)].sort((a, b) => b.length - a.length)
}

/**
 * The import registry and the audit log can hold a person's values: an import's natural keys and
 * the before-images it keeps for undo, and the audit's field changes. For a person deleted or
 * anonymised: the registry's entries for their rows (and any natural key holding their id, username or
 * email) go, so
 * undoing an old import no longer touches them; every JSON string in the audit log and the
 * before-images equal to one of their values becomes "[removed]". Run before their rows change,
 * while `scope` still finds them.
 */
export function forgetInBookkeeping(
  sqlite: BetterSqlite3.Database,
  scope: readonly ScopeTable[],
  id: number,
  person: Readonly<Record<string, unknown>>,
) {
  const identity = identityStrings(person)
  for (const s of scope) {
    if (isWithoutRowid(sqlite, s.table)) continue
    for (const registry of ['import_keys', 'import_rows']) {
      sqlite
        .prepare(
          `DELETE FROM ${registry} WHERE table_name = @table
             AND row_id IN (SELECT rowid FROM "${s.table}" WHERE ${s.where})`,
        )
        .run({ table: s.table, id })
    }
  }
  const naturalKey = sqlite.prepare(`DELETE FROM import_keys WHERE instr(natural_key, ?) > 0`)
  const beforeImage = sqlite.prepare(
    `UPDATE import_rows SET before_json = replace(before_json, @from, @to)
     WHERE instr(before_json, @from) > 0`,
  )
  const audit = sqlite.prepare(
    `UPDATE audit_log SET changes = replace(changes, @from, @to) WHERE instr(changes, @from) > 0`,
  )
  const auditKey = sqlite.prepare(`UPDATE audit_log SET row_key = @to WHERE row_key = @from`)
  const to = JSON.stringify(REMOVED)
  // Only values that name one person: a name inside another row's key (a film title) is not theirs.
  for (const value of identityStrings(person, NAMING_COLUMNS)) naturalKey.run(value)
  for (const value of identity) {
    beforeImage.run({ from: JSON.stringify(value), to })
    audit.run({ from: JSON.stringify(value), to })
    auditKey.run({ from: value, to: REMOVED })
  }
}

export function isWithoutRowid(sqlite: BetterSqlite3.Database, table: string) {
  const listed = sqlite.prepare('SELECT wr FROM pragma_table_list(?)').get(table) as
    { wr: number } | undefined
  return listed?.wr === 1
}
