import { LogbookError } from '../../../shared/errors'
import type { ColumnMapping } from '../../../shared/imports'
import type { BoundColumns, FieldSpec, PresetDefinition } from './types'

/** A header name as compared: no BOM, lower case, inner spaces collapsed, trimmed. */
export function normaliseHeader(name: string) {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase()
}

function matches(alias: string | RegExp, name: string) {
  return typeof alias === 'string' ? normaliseHeader(alias) === name : alias.test(name)
}

/** The first column whose name is one of the field's aliases (aliases tried in order). */
export function findColumn(field: FieldSpec, header: readonly string[]): number | undefined {
  const names = header.map(normaliseHeader)
  for (const alias of field.aliases) {
    const index = names.findIndex((name) => matches(alias, name))
    if (index !== -1) return index
  }
  return undefined
}

/** Names of header columns, normalised, for detect(). */
export function headerSet(header: readonly string[]) {
  return new Set(header.map(normaliseHeader))
}

/**
 * Field → column: by alias, then the person's remap (field key → a column name, or null to feed
 * the field from no column). Two fields never share a column unless the remap says so.
 */
export function bindColumns(
  fields: readonly FieldSpec[],
  header: readonly string[],
  remap: Readonly<Record<string, string | null>> = {},
): Map<string, number> {
  const bound = new Map<string, number>()
  for (const field of fields) {
    if (Object.hasOwn(remap, field.key)) continue
    const index = findColumn(field, header)
    if (index !== undefined && ![...bound.values()].includes(index)) bound.set(field.key, index)
  }
  for (const [key, column] of Object.entries(remap)) {
    if (column === null) continue
    const index = header.indexOf(column)
    if (index !== -1) bound.set(key, index)
  }
  return bound
}

/**
 * A column the import would read whose name another column of the header also has: which one
 * the file means cannot be told, so the import is refused rather than taking the first.
 */
export function assertUnambiguous(
  fileName: string,
  header: readonly string[],
  columns: BoundColumns,
) {
  for (const index of columns.values()) {
    const name = header[index] ?? ''
    const twins = header.flatMap((other, i) => (other.trim() === name.trim() ? [i + 1] : []))
    if (name.trim() !== '' && twins.length > 1) {
      throw new LogbookError(
        'invalid_input',
        `${fileName} has ${twins.length} columns called "${name}" (columns ${twins.join(', ')}): rename one of them and import it again`,
        'mapping',
      )
    }
  }
}

/** Required fields no column feeds, by label. */
export function missingFields(fields: readonly FieldSpec[], columns: BoundColumns) {
  return fields.filter((f) => f.required && !columns.has(f.key)).map((f) => f.label)
}

/** Each column of the file with the field it feeds, for the preview. */
export function describeMapping(
  preset: PresetDefinition,
  header: readonly string[],
  columns: BoundColumns,
): ColumnMapping[] {
  const fieldAt = new Map<number, FieldSpec>()
  for (const field of preset.fields) {
    const index = columns.get(field.key)
    if (index !== undefined) fieldAt.set(index, field)
  }
  return header.map((column, index) => {
    const field = fieldAt.get(index)
    return {
      column,
      index,
      field: field?.key ?? null,
      label: field?.label ?? null,
      type: field?.type ?? null,
    }
  })
}

/**
 * A detect() for presets known by their header: the share of `signature` columns present,
 * null when any of `required` is missing.
 */
export function detectByColumns(
  header: readonly string[],
  required: readonly string[],
  signature: readonly string[],
  what: string,
): { score: number; reason: string } | null {
  const names = headerSet(header)
  const has = (name: string) => names.has(normaliseHeader(name))
  if (!required.every(has)) return null
  const present = signature.filter(has)
  const score = signature.length === 0 ? 1 : present.length / signature.length
  const shown = [...required, ...present.filter((n) => !required.includes(n))].slice(0, 4)
  return { score, reason: `${what}: the header has ${shown.map((n) => `“${n}”`).join(', ')}` }
}
