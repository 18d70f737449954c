import type { TableName } from '../schema'
import type { FieldSpec } from './fields'

export type EntityModule = 'fitness' | 'media' | 'blog' | 'studio' | 'analytics'

/**
 * One kind of record a person can list, find, enter, edit and delete. The same description
 * drives the generic handlers (records.*) and the generic list and form in the renderer.
 */
export interface EntityDef {
  /** The contract's name for it: the table's name. */
  name: TableName
  module: EntityModule
  label: string
  plural: string
  key: string
  /** `rowid`: SQLite numbers it; `generated`: a text id made from `keyPrefix` on create. */
  keyKind: 'rowid' | 'generated'
  keyPrefix?: string
  fields: readonly FieldSpec[]
  /** The field that names a record in lists, pickers and messages. */
  titleField: string
  search: readonly string[]
  defaultSort: { field: string; direction: 'asc' | 'desc' }
  /** Records belong to the app's owner: `user_id` (users.id) is set on create. */
  ownedBy?: 'owner'
  /** The action a new record logs in the event table (it counts as activity). */
  createAction?: { type: string; category: string }
  /** Derived or imported only: listed and filtered, never typed in. */
  readOnly?: boolean
  /** Fields offered as exact-match filters above the list. */
  filters?: readonly string[]
}

export function defineEntity(def: EntityDef): EntityDef {
  const names = new Set(def.fields.map((f) => f.name))
  for (const field of [def.titleField, ...def.search, ...(def.filters ?? [])]) {
    if (!names.has(field) && field !== def.key)
      throw new Error(`${def.name}: unknown field ${field}`)
  }
  return def
}
