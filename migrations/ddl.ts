import { sql, type Kysely } from 'kysely'

// Frozen with the migrations that use it: changing it would change released migrations.
// better-sqlite3 prepares one statement at a time, so each DDL statement runs on its own.
export async function runStatements(db: Kysely<unknown>, statements: readonly string[]) {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

/** `CHECK` clause accepting only a real calendar date written YYYY-MM-DD (or NULL when allowed). */
export function isDate(column: string, nullable = true): string {
  const check = `date(${column}) IS ${column}`
  return nullable ? `CHECK (${column} IS NULL OR ${check})` : `CHECK (${check})`
}

export function isBool(column: string): string {
  return `CHECK (${column} IN (0, 1))`
}

export function oneOf(column: string, values: readonly string[], nullable = true): string {
  const list = values.map((v) => `'${v}'`).join(', ')
  return nullable
    ? `CHECK (${column} IS NULL OR ${column} IN (${list}))`
    : `CHECK (${column} IN (${list}))`
}

/** ISO-8601 UTC text with milliseconds, the format every entry table stores. */
export const NOW = `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`
