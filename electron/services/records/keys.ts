import { randomUUID } from 'node:crypto'
import type { EntityDef, FieldSpec } from '../../../shared/entities'
import type { RecordKey } from '../../../shared/contract/records'
import { LogbookError } from '../../../shared/errors'
import { columnSpec, columnSql, entityOfTable, tableSql } from './columns'
import { foreignKeyOf, type ForeignKeyGraph } from './graph'

/** A key as the key column stores it, or null when it cannot name any row (then: not found). */
export function storedKey(def: EntityDef, key: RecordKey): string | number | null {
  const spec = columnSpec(def.name, def.key)
  if (spec?.type !== 'TEXT') {
    if (typeof key === 'number') return key
    return /^-?\d{1,15}$/.test(key) ? Number(key) : null
  }
  return String(key)
}

export function notFound(def: EntityDef, key: RecordKey) {
  return new LogbookError('not_found', `${def.label} ${key} does not exist`)
}

/** A new text key for `keyKind: 'generated'`, e.g. `loc-6f1c…`. */
export function generatedKey(def: EntityDef): string {
  return `${def.keyPrefix ?? def.name}-${randomUUID()}`
}

export interface ReferenceTarget {
  table: string
  /** The column the field's value matches. */
  column: string
  labelColumn: string
}

/**
 * Where a reference field points. The foreign key in the schema says it (blog_posts.category
 * names blog_categories.category_name, not its id); without one, a text reference to users is
 * users.user_id and anything else is the target entity's key.
 */
export function referenceTarget(
  graph: ForeignKeyGraph,
  table: string,
  field: FieldSpec,
): ReferenceTarget | null {
  const reference = field.reference
  if (field.kind !== 'reference' || !reference) return null
  const key = foreignKeyOf(graph, table, field.name)
  let column: string | undefined
  if (key?.parent === reference.entity) column = key.to[0]
  else if (reference.entity === 'users') column = reference.valueType === 'text' ? 'user_id' : 'id'
  else column = entityOfTable(reference.entity)?.key
  if (column === undefined) return null
  tableSql(reference.entity)
  columnSql(reference.entity, column)
  columnSql(reference.entity, reference.labelField)
  return { table: reference.entity, column, labelColumn: reference.labelField }
}
