import type { FieldSpec, FieldValue } from '../../../shared/entities'
import type { RecordRow } from '../../../shared/contract/records'
import type { Settings } from '../../../shared/settings'
import { toCanonicalUnit, toDisplayUnit } from '../../../shared/units'

export interface NamedValue {
  name: string
  value: string
}

/** What an input holds: text for most fields, a tick for yes/no, rows for a JSON target. */
export type FormValue = string | boolean | NamedValue[]
export type FormValues = Record<string, FormValue>

const pad = (n: number) => String(n).padStart(2, '0')

/** An ISO instant as the value of a datetime-local input, in the computer's zone. */
function toLocalInput(iso: string) {
  const d = new Date(iso)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

function namedValues(json: string): NamedValue[] {
  try {
    const parsed: unknown = JSON.parse(json)
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return Object.entries(parsed).map(([name, value]) => ({ name, value: String(value) }))
    }
  } catch {
    // an unreadable target starts empty
  }
  return []
}

export function toFormValue(
  field: FieldSpec,
  value: FieldValue | undefined,
  settings: Settings,
): FormValue {
  // Yes/no columns default to yes in the database (active, core action).
  if (field.kind === 'boolean') return value === null || value === undefined ? true : value === 1
  if (field.kind === 'json') return value ? namedValues(String(value)) : []
  if (value === null || value === undefined) return ''
  switch (field.kind) {
    case 'integer':
    case 'decimal':
      return String(field.quantity ? toDisplayUnit(Number(value), field.quantity, settings) : value)
    case 'datetime':
      return toLocalInput(String(value))
    case 'tags':
      return namedList(String(value))
    default:
      return String(value)
  }
}

function namedList(json: string) {
  try {
    const parsed: unknown = JSON.parse(json)
    if (Array.isArray(parsed)) return parsed.join(', ')
  } catch {
    // shown as stored
  }
  return json
}

/** Back from the inputs to what the contract takes; the shared zod schema then judges it. */
export function fromFormValue(field: FieldSpec, value: FormValue, settings: Settings): unknown {
  if (typeof value === 'boolean') return value
  if (Array.isArray(value)) {
    const filled = value.filter((pair) => pair.name.trim() || pair.value.trim())
    if (filled.length === 0) return null
    return Object.fromEntries(
      filled.map(({ name, value: text }) => [
        name.trim(),
        text.trim() !== '' && !Number.isNaN(Number(text)) ? Number(text) : text.trim(),
      ]),
    )
  }
  if (value.trim() === '') return null
  switch (field.kind) {
    case 'integer':
    case 'decimal': {
      const number = Number(value)
      if (Number.isNaN(number)) return value
      return field.quantity ? toCanonicalUnit(number, field.quantity, settings) : number
    }
    case 'datetime': {
      const date = new Date(value)
      return Number.isNaN(date.getTime()) ? value : date.toISOString()
    }
    case 'reference':
      return field.reference?.valueType === 'integer' ? Number(value) : value
    default:
      return value
  }
}

export function formValuesOf(
  fields: readonly FieldSpec[],
  row: RecordRow | null,
  settings: Settings,
): FormValues {
  return Object.fromEntries(
    fields.map((f) => [f.name, toFormValue(f, row ? row[f.name] : null, settings)]),
  )
}
