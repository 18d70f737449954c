import type { EntityDef } from '../../../shared/entities'
import { entityOfTable, fieldOf } from './columns'

/** "An exercise", "A person". */
export function withArticle(noun: string) {
  return `${/^[aeiou]/i.test(noun) ? 'An' : 'A'} ${noun}`
}

/** A column's label as the form shows it, else its name made readable. */
export function columnLabel(table: string, column: string, def = entityOfTable(table)): string {
  const field = def ? fieldOf(def, column) : undefined
  if (field) return field.label
  const words = column.replace(/_/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** The list label of a table's rows: the entity's plural, else the table's name. */
export function tableLabel(table: string): string {
  return entityOfTable(table)?.plural ?? table
}

/** "3 sets", "1 set", "2 rows of fct_event". */
export function countPhrase(table: string, rows: number): string {
  const def: EntityDef | undefined = entityOfTable(table)
  if (!def) return `${rows} ${rows === 1 ? 'row' : 'rows'} of ${table}`
  return `${rows} ${(rows === 1 ? def.label : def.plural).toLowerCase()}`
}

/** "a, b and c". */
export function joinWords(words: readonly string[]) {
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`
}
