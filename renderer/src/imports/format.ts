import type { FieldType } from '../../../shared/imports'
import { CallError } from '../client'

export const count = new Intl.NumberFormat()

/** A file size a person reads at a glance: 812 bytes, 14 KB, 9.6 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${count.format(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`
  const units = ['KB', 'MB', 'GB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  const digits = value < 10 ? 1 : 0
  return `${value.toLocaleString(undefined, { maximumFractionDigits: digits })} ${units[unit]}`
}

/** An ISO instant in the person's locale and (when known) the app's time zone. */
export function formatWhen(iso: string, timeZone?: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(date)
}

/** What went wrong, in the service's words; never a stack trace. */
export function messageOf(error: unknown): string {
  return error instanceof CallError
    ? error.info.message
    : 'Something went wrong inside Logbook. Nothing was changed; try again.'
}

const TYPE_NAMES: Record<FieldType, string> = {
  text: 'text',
  number: 'number',
  integer: 'whole number',
  date: 'date',
  datetime: 'date and time',
  duration: 'duration',
  boolean: 'yes / no',
  id: 'id',
  unit: 'unit',
}

export function typeName(type: FieldType): string {
  return TYPE_NAMES[type]
}

/** "1 row", "3 rows". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count.format(n)} ${n === 1 ? one : many}`
}
