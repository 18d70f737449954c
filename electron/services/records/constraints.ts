import BetterSqlite3 from 'better-sqlite3'
import type { EntityDef } from '../../../shared/entities'
import { LogbookError } from '../../../shared/errors'
import { columnSql, hasColumn, tableSql } from './columns'
import { columnLabel, joinWords, withArticle } from './labels'

type Values = Readonly<Record<string, unknown>>

const quoted = (value: unknown) => (typeof value === 'string' ? `"${value}"` : String(value))

/** `t.a, t.b` of "UNIQUE constraint failed: t.a, t.b" → [a, b], keeping only this table's columns. */
function failedColumns(table: string, message: string): string[] {
  const list = message.split(':').slice(1).join(':')
  return list
    .split(',')
    .map((part) => part.trim().split('.').pop() ?? '')
    .filter((column) => hasColumn(table, column))
}

/** The stored spelling of a value a NOCASE column matched ("Squat" for "squat"). */
function storedSpelling(
  sqlite: BetterSqlite3.Database,
  table: string,
  column: string,
  value: unknown,
) {
  const found: unknown = sqlite
    .prepare(
      `SELECT ${columnSql(table, column)} FROM ${tableSql(table)} WHERE ${columnSql(table, column)} = ?`,
    )
    .pluck()
    .get(value)
  return found ?? value
}

function uniqueError(
  sqlite: BetterSqlite3.Database,
  def: EntityDef,
  columns: string[],
  values: Values,
) {
  const noun = def.label.toLowerCase()
  const [first] = columns
  if (first === undefined)
    return new LogbookError('conflict', `${withArticle(noun)} like this already exists`)
  if (columns.length > 1) {
    const labels = columns.map((c) => columnLabel(def.name, c).toLowerCase())
    return new LogbookError(
      'conflict',
      `${withArticle(noun)} with this ${joinWords(labels)} already exists`,
      first,
    )
  }
  const given = values[first]
  const value =
    given === undefined || given === null ? given : storedSpelling(sqlite, def.name, first, given)
  const known = value !== undefined && value !== null
  const message =
    first === def.titleField && known
      ? `${withArticle(noun)} named ${quoted(value)} already exists`
      : `${withArticle(noun)} with ${columnLabel(def.name, first).toLowerCase()}${known ? ` ${quoted(value)}` : ' like this'} already exists`
  return new LogbookError('conflict', message, first)
}

const NUMBER = String.raw`-?\d+(?:\.\d+)?`

type Rule = [pattern: RegExp, sentence: (label: string, a: string, b: string) => string]

/** The CHECK forms the migrations use; the first group is always the column. */
const CHECK_RULES: Rule[] = [
  [/^date\((\w+)\) IS \w+$/i, (label) => `${label} is not a real calendar date`],
  [
    new RegExp(`^length\\((\\w+)\\) BETWEEN (${NUMBER}) AND (${NUMBER})$`, 'i'),
    (label, a, b) => `${label} must be ${a} to ${b} characters long`,
  ],
  [
    new RegExp(`^length\\((\\w+)\\) <= (${NUMBER})$`, 'i'),
    (label, a) => `${label} must be at most ${a} characters long`,
  ],
  [
    new RegExp(`^(\\w+) BETWEEN (${NUMBER}) AND (${NUMBER})$`, 'i'),
    (label, a, b) => `${label} must be between ${a} and ${b}`,
  ],
  [new RegExp(`^(\\w+) >= (${NUMBER})$`), (label, a) => `${label} must be at least ${a}`],
  [new RegExp(`^(\\w+) > (${NUMBER})$`), (label, a) => `${label} must be more than ${a}`],
  [new RegExp(`^(\\w+) <= (${NUMBER})$`), (label, a) => `${label} must be at most ${a}`],
  [/^(\w+) IN \((.*)\)$/i, (label, a) => `${label} must be one of: ${a.replace(/'/g, '')}`],
  [/json_valid\((\w+)\)/i, (label) => `${label} is not valid`],
  [/^(\w+) <= (\w+)$/, (label, other) => `${label} cannot be after ${other.toLowerCase()}`],
  [/^(\w+) >= (\w+)$/, (label, other) => `${label} cannot be before ${other.toLowerCase()}`],
  [/^(\w+) <> (\w+)$/, (label, other) => `${label} must differ from ${other.toLowerCase()}`],
]

/** Reads a CHECK expression as a sentence naming the column it is about. */
function checkSentence(table: string, expression: string): { column?: string; message: string } {
  const condition = expression.replace(/^\s*\w+ IS NULL OR\s+/i, '').trim()
  const label = (column: string) => columnLabel(table, column)
  for (const [pattern, sentence] of CHECK_RULES) {
    const [, column = '', a = '', b = ''] = condition.match(pattern) ?? []
    if (!hasColumn(table, column)) continue
    // Comparisons between two columns name the second one by its label too.
    const other = hasColumn(table, a) ? label(a) : a
    return { column, message: sentence(label(column), other, b) }
  }
  const column = (condition.match(/\w+/g) ?? []).find((word) => hasColumn(table, word))
  return column === undefined
    ? { message: 'The database does not accept these values' }
    : { column, message: `${label(column)} has a value the database does not accept` }
}

/**
 * A constraint the database enforced, as a sentence naming the field. Anything else is not a
 * constraint failure and is passed on unchanged.
 */
export function describeConstraintError(
  sqlite: BetterSqlite3.Database,
  def: EntityDef,
  error: unknown,
  values: Values,
): unknown {
  if (!(error instanceof BetterSqlite3.SqliteError)) return error
  const table = def.name
  switch (error.code) {
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
      return uniqueError(sqlite, def, failedColumns(table, error.message), values)
    case 'SQLITE_CONSTRAINT_NOTNULL': {
      const [column] = failedColumns(table, error.message)
      return column === undefined
        ? new LogbookError('invalid_input', 'A required value is missing')
        : new LogbookError('invalid_input', `${columnLabel(table, column)} is required`, column)
    }
    case 'SQLITE_CONSTRAINT_CHECK': {
      const expression = error.message.replace(/^CHECK constraint failed:\s*/, '')
      const { column, message } = checkSentence(table, expression)
      return new LogbookError('invalid_input', message, column)
    }
    case 'SQLITE_CONSTRAINT_DATATYPE': {
      const column = error.message.match(/column \w+\.(\w+)$/)?.[1]
      return column !== undefined && hasColumn(table, column)
        ? new LogbookError(
            'invalid_input',
            `${columnLabel(table, column)} has the wrong type of value`,
            column,
          )
        : new LogbookError('invalid_input', 'A value has the wrong type')
    }
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
      return new LogbookError(
        'invalid_input',
        `${withArticle(def.label.toLowerCase())} can only point to records that exist`,
      )
    default:
      return error.code.startsWith('SQLITE_CONSTRAINT')
        ? new LogbookError('conflict', 'The database refused the change; nothing was changed')
        : error
  }
}
