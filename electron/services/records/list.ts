import { sql, type RawBuilder } from 'kysely'
import type { EntityDef } from '../../../shared/entities'
import type { RecordKey, RecordPage, RecordRow } from '../../../shared/contract/records'
import { LogbookError } from '../../../shared/errors'
import type { DatabaseHandle } from '../db/open'
import { columnSpec, columnSql, fieldOf, recordColumns } from './columns'
import { foreignKeyGraph } from './graph'
import { notFound, referenceTarget, storedKey } from './keys'

type Sql = RawBuilder<unknown>

export interface ListQuery {
  search?: string | undefined
  sort?: string | undefined
  direction?: 'asc' | 'desc' | undefined
  filters?: Record<string, string | number | null> | undefined
  offset: number
  limit: number
}

const LABEL_SUFFIX = '__label'
const DIRECTION = { asc: sql.raw('ASC'), desc: sql.raw('DESC') } as const

const ref = (table: string, alias: string, column: string) => {
  columnSql(table, column)
  return sql.ref(`${alias}.${column}`)
}

/** `%`, `_` and the escape character itself match only themselves. */
export function likePattern(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** One scalar subquery per reference field: the referenced record's label, as `<field>__label`. */
function labelColumns(handle: DatabaseHandle, def: EntityDef, alias: string): Sql[] {
  const graph = foreignKeyGraph(handle.sqlite)
  const columns: Sql[] = []
  for (const field of def.fields) {
    const target = referenceTarget(graph, def.name, field)
    if (!target) continue
    columns.push(
      sql`(SELECT ${ref(target.table, 'r', target.labelColumn)} FROM ${sql.table(target.table)} AS r
           WHERE ${ref(target.table, 'r', target.column)} = ${ref(def.name, alias, field.name)}) AS ${sql.id(field.name + LABEL_SUFFIX)}`,
    )
  }
  return columns
}

function searchCondition(handle: DatabaseHandle, def: EntityDef, search: string): Sql | null {
  const text = search.trim()
  if (text === '' || def.search.length === 0) return null
  const pattern = likePattern(text)
  const graph = foreignKeyGraph(handle.sqlite)
  const parts: Sql[] = []
  for (const column of def.search) {
    parts.push(sql`${ref(def.name, 't', column)} LIKE ${pattern} ESCAPE '\\'`)
    // A reference is also found by what it shows: a booking by its member's name.
    const field = fieldOf(def, column)
    const target = field ? referenceTarget(graph, def.name, field) : null
    if (target) {
      parts.push(
        sql`${ref(def.name, 't', column)} IN (SELECT ${ref(target.table, 'r', target.column)} FROM ${sql.table(target.table)} AS r
             WHERE ${ref(target.table, 'r', target.labelColumn)} LIKE ${pattern} ESCAPE '\\')`,
      )
    }
  }
  return sql`(${sql.join(parts, sql` OR `)})`
}

/** A filter value in the column's own type, so `'1'` finds the integer 1. */
function filterValue(table: string, column: string, value: string | number) {
  const type = columnSpec(table, column)?.type
  if (type === 'TEXT') return String(value)
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value)
  }
  return value
}

function whereClause(handle: DatabaseHandle, def: EntityDef, query: ListQuery): Sql {
  const allowed = new Set(recordColumns(def))
  const conditions: Sql[] = []
  const search = query.search === undefined ? null : searchCondition(handle, def, query.search)
  if (search) conditions.push(search)
  for (const [column, value] of Object.entries(query.filters ?? {})) {
    if (!allowed.has(column)) {
      throw new LogbookError('invalid_input', `Cannot filter by "${column}"`, `filters.${column}`)
    }
    const target = ref(def.name, 't', column)
    conditions.push(
      value === null
        ? sql`${target} IS NULL`
        : sql`${target} = ${filterValue(def.name, column, value)}`,
    )
  }
  return conditions.length === 0 ? sql`` : sql`WHERE ${sql.join(conditions, sql` AND `)}`
}

/** Sort column, direction and the key as tiebreak, so pages never overlap or skip rows. */
function ordering(def: EntityDef, query: ListQuery, alias: string): Sql {
  const sort = query.sort ?? def.defaultSort.field
  const direction = DIRECTION[query.direction ?? (query.sort ? 'asc' : def.defaultSort.direction)]
  if (!recordColumns(def).includes(sort)) {
    throw new LogbookError('invalid_input', `Cannot sort by "${sort}"`, 'sort')
  }
  const terms = [sql`${ref(def.name, alias, sort)} ${direction}`]
  if (sort !== def.key) terms.push(sql`${ref(def.name, alias, def.key)} ${direction}`)
  return sql.join(terms)
}

function selectedColumns(def: EntityDef, alias: string): Sql {
  return sql.join(recordColumns(def).map((column) => ref(def.name, alias, column)))
}

/** One page of records matching the search and filters, with the total for the scroll height. */
export async function listRecords(
  handle: DatabaseHandle,
  def: EntityDef,
  query: ListQuery,
): Promise<RecordPage> {
  const where = whereClause(handle, def, query)
  const table = sql.table(def.name)
  const counted = await sql<{
    total: number
  }>`SELECT count(*) AS total FROM ${table} AS t ${where}`.execute(handle.db)
  const total = counted.rows[0]?.total ?? 0
  if (total === 0 || query.offset >= total) return { rows: [], total }
  // The page is cut on keys alone (a deep page sorts small records), then its rows are read
  // and labelled, so label lookups run for the page's rows only.
  const page = sql`SELECT ${ref(def.name, 't', def.key)} AS k FROM ${table} AS t ${where}
    ORDER BY ${ordering(def, query, 't')} LIMIT ${query.limit} OFFSET ${query.offset}`
  const labels = labelColumns(handle, def, 'p')
  const result =
    await sql<RecordRow>`SELECT ${selectedColumns(def, 'p')}${labels.length > 0 ? sql`, ${sql.join(labels)}` : sql``}
    FROM (${page}) AS page JOIN ${table} AS p ON ${ref(def.name, 'p', def.key)} = page.k
    ORDER BY ${ordering(def, query, 'p')}`.execute(handle.db)
  return { rows: result.rows, total }
}

/** One record with the same columns as a list row, or undefined. */
export async function findRecord(
  handle: DatabaseHandle,
  def: EntityDef,
  key: RecordKey,
): Promise<RecordRow | undefined> {
  const stored = storedKey(def, key)
  if (stored === null) return undefined
  const labels = labelColumns(handle, def, 'p')
  const result =
    await sql<RecordRow>`SELECT ${selectedColumns(def, 'p')}${labels.length > 0 ? sql`, ${sql.join(labels)}` : sql``}
    FROM ${sql.table(def.name)} AS p WHERE ${ref(def.name, 'p', def.key)} = ${stored}`.execute(
      handle.db,
    )
  return result.rows[0]
}

export async function getRecord(handle: DatabaseHandle, def: EntityDef, key: RecordKey) {
  const row = await findRecord(handle, def, key)
  if (!row) throw notFound(def, key)
  return row
}

/** What names a record in messages: its title field (a reference's label), else label and key. */
export function recordTitle(def: EntityDef, row: RecordRow): string {
  const value = row[def.titleField + LABEL_SUFFIX] ?? row[def.titleField]
  if (value !== null && value !== undefined && String(value).trim() !== '') return String(value)
  return `${def.label} ${String(row[def.key])}`
}
