import { z } from 'zod'
import { entityDef, entityNames, type EntityDef, type FieldValue } from '../entities'
import { objectSchema } from '../entities/fields'
import { method } from './define'

export type RecordRow = Record<string, FieldValue>
export type RecordKey = string | number

export interface RecordPage {
  rows: RecordRow[]
  /** Rows matching the search and filters, for the list's scroll height. */
  total: number
}

export interface DependentCount {
  table: string
  label: string
  rows: number
}

export interface DeletePreview {
  title: string
  /** Records deleted with it (a workout's sets, a member's check-ins and events). */
  goesWith: DependentCount[]
  /** Records that prevent the deletion (an exercise with logged sets). */
  blockedBy: DependentCount[]
}

const entity = z.enum(entityNames, { message: 'Unknown kind of record' })
const key = z.union([z.number().int(), z.string().min(1).max(200)], {
  message: 'A record key is a number or text',
})

const sortable = (def: EntityDef) => new Set([def.key, ...def.fields.map((f) => f.name)])

const listInput = z
  .object({
    entity,
    search: z.string().max(200).optional(),
    sort: z.string().max(64).optional(),
    direction: z.enum(['asc', 'desc']).optional(),
    filters: z
      .record(z.string().max(64), z.union([z.string().max(500), z.number(), z.null()]))
      .optional(),
    offset: z.number().int().min(0).max(100_000_000).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict()
  .superRefine((input, ctx) => {
    const columns = sortable(entityDef(input.entity))
    if (input.sort !== undefined && !columns.has(input.sort)) {
      ctx.addIssue({ code: 'custom', path: ['sort'], message: `Cannot sort by "${input.sort}"` })
    }
    for (const name of Object.keys(input.filters ?? {})) {
      if (!columns.has(name))
        ctx.addIssue({
          code: 'custom',
          path: ['filters', name],
          message: `Cannot filter by "${name}"`,
        })
    }
  })

const schemaCache = new Map<string, z.ZodType>()
function valuesSchema(def: EntityDef, mode: 'create' | 'update') {
  const cacheKey = `${def.name}:${mode}`
  let schema = schemaCache.get(cacheKey)
  if (!schema) {
    schema = objectSchema(def.fields, mode)
    schemaCache.set(cacheKey, schema)
  }
  return schema
}

/** Validates `values` with the entity's own schema; a problem is reported on the field itself. */
function checkValues<T extends { entity: EntityDef['name']; values: Record<string, unknown> }>(
  mode: 'create' | 'update',
) {
  return (input: T, ctx: z.RefinementCtx): T & { values: Record<string, FieldValue> } => {
    const def = entityDef(input.entity)
    if (def.readOnly) {
      ctx.addIssue({
        code: 'custom',
        path: ['entity'],
        message: `${def.plural} are derived or imported, not typed in`,
      })
      return z.NEVER
    }
    const result = valuesSchema(def, mode).safeParse(input.values)
    if (!result.success) {
      for (const issue of result.error.issues) {
        const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : []
        const field = unknownKeys[0] ?? issue.path[0]
        ctx.addIssue({
          code: 'custom',
          path: field === undefined ? [] : [String(field)],
          message:
            unknownKeys.length > 0
              ? `${def.label} has no field "${unknownKeys[0]}"`
              : issue.message,
        })
      }
      return z.NEVER
    }
    return { ...input, values: result.data as Record<string, FieldValue> }
  }
}

const values = z.record(z.string(), z.unknown())
const createInput = z.object({ entity, values }).strict().transform(checkValues('create'))
const updateInput = z.object({ entity, key, values }).strict().transform(checkValues('update'))
const oneRecord = z.object({ entity, key }).strict()
const undoInput = z.object({ token: z.string().min(1).max(100) }).strict()

export const recordsMethods = {
  'records.list': method<typeof listInput, RecordPage>(listInput),
  'records.get': method<typeof oneRecord, RecordRow>(oneRecord),
  'records.create': method<typeof createInput, RecordRow>(createInput),
  'records.update': method<typeof updateInput, RecordRow>(updateInput),
  /** What a deletion would take with it, said before it happens. */
  'records.deletePreview': method<typeof oneRecord, DeletePreview>(oneRecord),
  /** Deletes a record with everything that goes with it; the token undoes it. */
  'records.delete': method<typeof oneRecord, { undoToken: string; removed: number }>(oneRecord),
  'records.undo': method<typeof undoInput, { restored: number }>(undoInput),
}
