import { blogEntities } from './blog'
import type { EntityDef } from './define'
import { fitnessEntities } from './fitness'
import { mediaEntities } from './media'
import { analyticsEntities, studioEntities } from './studio'

/** Every kind of record the app lists and edits, in the order the sections show them. */
export const entities: readonly EntityDef[] = [
  ...fitnessEntities,
  ...mediaEntities,
  ...blogEntities,
  ...studioEntities,
  ...analyticsEntities,
]

export const entityNames = entities.map((e) => e.name) as [
  EntityDef['name'],
  ...EntityDef['name'][],
]

const byName = new Map(entities.map((e) => [e.name as string, e]))

export function entityDef(name: string): EntityDef {
  const def = byName.get(name)
  if (!def) throw new Error(`Unknown record kind "${name}"`)
  return def
}

export type { EntityDef, EntityModule } from './define'
export type { FieldSpec, FieldValue, Quantity } from './fields'
