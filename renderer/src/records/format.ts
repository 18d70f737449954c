import type { FieldSpec, FieldValue } from '../../../shared/entities'
import type { RecordRow } from '../../../shared/contract/records'
import type { Settings } from '../../../shared/settings'
import { toDisplayUnit, unitOf } from '../../../shared/units'

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 })
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' })
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
})

export const humanize = (value: string) => value.replaceAll('_', ' ')

/** The unit shown beside a field's value, if any. */
export function unitLabel(field: FieldSpec, settings: Settings): string | undefined {
  return field.quantity ? unitOf(field.quantity, settings) : field.unit
}

function formatJson(text: string) {
  try {
    const parsed: unknown = JSON.parse(text)
    if (Array.isArray(parsed)) return parsed.join(', ')
    if (parsed && typeof parsed === 'object') {
      return Object.entries(parsed)
        .map(([name, value]) => `${humanize(name)}: ${String(value)}`)
        .join(', ')
    }
  } catch {
    // shown as stored
  }
  return text
}

/** A cell as a person reads it: dates in their locale, units in their system. */
export function formatCell(field: FieldSpec, row: RecordRow, settings: Settings): string {
  const value: FieldValue | undefined = row[field.name]
  if (value === null || value === undefined || value === '') return ''
  if (field.kind === 'reference') return String(row[`${field.name}__label`] ?? value)
  switch (field.kind) {
    case 'date':
      return dateFormat.format(new Date(`${String(value)}T00:00:00Z`))
    case 'datetime':
      return dateTimeFormat.format(new Date(String(value)))
    case 'boolean':
      return value ? 'Yes' : 'No'
    case 'enum':
      return humanize(String(value))
    case 'json':
    case 'tags':
      return formatJson(String(value))
    case 'integer':
    case 'decimal': {
      const shown = field.quantity
        ? toDisplayUnit(Number(value), field.quantity, settings)
        : Number(value)
      const unit = unitLabel(field, settings)
      return unit ? `${numberFormat.format(shown)} ${unit}` : numberFormat.format(shown)
    }
    default:
      return String(value)
  }
}
