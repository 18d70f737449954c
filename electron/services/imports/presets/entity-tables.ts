import { entities, type EntityDef, type FieldSpec } from '../../../../shared/entities'
import { fieldSchema } from '../../../../shared/entities/fields'
import type { FieldType } from '../../../../shared/imports'
import { LogbookError } from '../../../../shared/errors'
import { parseNumber } from '../../csv/numbers'
import { describeConstraintError } from '../../records/constraints'
import { deriveValues, type Values } from '../../records/derive'
import { generatedKey } from '../../records/keys'
import { normaliseHeader } from '../columns'
import { RowCells } from '../cells'
import type { BoundPreset, FieldSpec as ImportField, PresetDefinition } from '../types'

// "Any other CSV": one preset per kind of record the app lets a person type in, whose fields are
// the record's own fields, found by their column name or label and validated by the same zod
// schema as the form. The person maps the columns in the preview; a file whose header already
// names the fields is recognised by `auto`, below every app's own preset.

const TYPE_OF: Record<FieldSpec['kind'], FieldType> = {
  text: 'text',
  longtext: 'text',
  integer: 'integer',
  decimal: 'number',
  date: 'date',
  datetime: 'datetime',
  enum: 'text',
  boolean: 'boolean',
  json: 'text',
  tags: 'text',
  reference: 'id',
}

const YES = new Set(['1', 'yes', 'y', 'true', 'x'])
const NO = new Set(['0', 'no', 'n', 'false'])

/** The cell as the field's schema expects it: numbers and yes/no parsed, text as written. */
function cellInput(field: FieldSpec, raw: string): unknown {
  const text = raw.trim()
  if (text === '') return null
  if (field.kind === 'integer' || field.kind === 'decimal') {
    const parsed = parseNumber(text)
    return parsed.ok ? parsed.value : text
  }
  if (field.kind === 'reference' && field.reference?.valueType === 'integer') {
    return /^\d+$/.test(text) ? Number(text) : text
  }
  if (field.kind === 'boolean') {
    const folded = text.toLowerCase()
    return YES.has(folded) ? 1 : NO.has(folded) ? 0 : text
  }
  return text
}

function unitNote(field: FieldSpec) {
  if (field.quantity === 'weight') return ' (kg)'
  if (field.quantity === 'bodyLength') return ' (cm)'
  return field.unit ? ` (${field.unit})` : ''
}

function importFields(def: EntityDef): ImportField[] {
  return def.fields.map((field) => ({
    key: field.name,
    label: `${def.label}: ${field.label}${unitNote(field)}`,
    type: TYPE_OF[field.kind],
    aliases: [field.name, field.label, `${field.label}${unitNote(field)}`],
    required: field.required ?? false,
  }))
}

/** Scope and key of a row: its table and every value, so the same row imported twice is one. */
function naturalKey(def: EntityDef, values: Values) {
  const key = JSON.stringify(def.fields.map((f) => values[f.name] ?? null))
  return { scope: `table:${def.name}`, key }
}

function bindEntity(
  def: EntityDef,
  columns: ReadonlyMap<string, number>,
  header: readonly string[],
): BoundPreset<Values> {
  return {
    parse(row, line) {
      const cells = new RowCells(columns, header, row, line)
      const values: Values = {}
      for (const field of def.fields) {
        if (!cells.has(field.name)) continue
        const parsed = fieldSchema(field).safeParse(cellInput(field, cells.raw(field.name)))
        if (parsed.success) values[field.name] = parsed.data
        else cells.problem(field.name, parsed.error.issues[0]?.message ?? 'is not valid')
      }
      return cells.outcome(values)
    },
    write(record, tx) {
      const key = naturalKey(def, record)
      if (tx.findKey(key) !== undefined) return 'duplicate'
      const row: Values = { ...record }
      deriveValues(
        { sqlite: tx.sqlite, timeZone: tx.timeZone, now: new Date(tx.now).toISOString() },
        def,
        row,
        null,
      )
      if (def.ownedBy === 'owner') row.user_id = tx.owner().id
      if (def.keyKind === 'generated') row[def.key] = generatedKey(def)
      const present = Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null))
      try {
        tx.insert(def.name, present, key)
      } catch (error) {
        const described = describeConstraintError(tx.sqlite, def, error, row)
        throw described instanceof LogbookError ? described : error
      }
      return 'inserted'
    },
  }
}

function entityPreset(def: EntityDef): PresetDefinition<Values> {
  const fields = importFields(def)
  return {
    name: `table:${def.name}`,
    label: `${def.plural} (any CSV)`,
    description: `Any CSV whose columns you map onto ${def.plural.toLowerCase()}: each row becomes one record, checked like the form checks it. Weights in kg, lengths in cm, dates YYYY-MM-DD.`,
    targets: def.ownedBy === 'owner' ? [def.name, 'users'] : [def.name],
    fields,
    detect(header) {
      const names = new Set(header.map(normaliseHeader))
      const matched = fields.filter((f) =>
        f.aliases.some((alias) => typeof alias === 'string' && names.has(normaliseHeader(alias))),
      )
      const required = fields.filter((f) => f.required)
      if (matched.length < 2 || !required.every((f) => matched.includes(f))) return null
      const share = matched.length / Math.max(header.length, 1)
      if (share < 0.6) return null
      const shown = matched
        .slice(0, 4)
        .map((f) => `“${f.key}”`)
        .join(', ')
      // Below any app's own preset: a file that fits one of those is that app's export.
      return {
        score: 0.5 * share,
        reason: `${def.plural}: ${matched.length} of its ${header.length} columns are ${def.label.toLowerCase()} fields (${shown})`,
      }
    },
    bind: (columns, header) => bindEntity(def, columns, header),
  }
}

export const entityTablePresets: PresetDefinition[] = entities
  .filter((def) => !def.readOnly)
  .map((def) => entityPreset(def) as PresetDefinition)
