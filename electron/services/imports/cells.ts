import type { RowProblem } from '../../../shared/imports'
import { parseNumber, type NumberOptions } from '../csv/numbers'
import type { BoundColumns, ParseOutcome } from './types'

interface NumberRule {
  required?: boolean
  min?: number
  max?: number
  integer?: boolean
}

/**
 * One row's cells by field key, collecting a problem (line, column, value, reason) for every
 * value that does not read, so a row reports all its problems at once.
 */
export class RowCells {
  readonly problems: RowProblem[] = []

  constructor(
    private readonly columns: BoundColumns,
    private readonly header: readonly string[],
    private readonly row: readonly string[],
    readonly line: number,
    private readonly numberOptions: NumberOptions = {},
  ) {}

  has(key: string) {
    return this.columns.has(key)
  }

  /** The cell as written (untrimmed), '' when the field has no column or the row is short. */
  raw(key: string): string {
    const index = this.columns.get(key)
    return index === undefined ? '' : (this.row[index] ?? '')
  }

  columnName(key: string) {
    const index = this.columns.get(key)
    return index === undefined ? '' : (this.header[index] ?? `column ${index + 1}`)
  }

  /** Records a problem with a field's value; always returns null so callers can `return`. */
  problem(key: string, reason: string, value = this.raw(key)): null {
    this.problems.push({ line: this.line, column: this.columnName(key), value, reason })
    return null
  }

  /** A problem with the row as a whole. */
  rowProblem(reason: string): null {
    this.problems.push({ line: this.line, column: '', value: '', reason })
    return null
  }

  /** Trimmed text, null when blank; a required blank or a too-long value is a problem. */
  text(key: string, rule: { required?: boolean; max?: number } = {}): string | null {
    const value = this.raw(key).trim()
    if (value === '') return rule.required ? this.problem(key, 'is empty') : null
    if (rule.max !== undefined && value.length > rule.max) {
      return this.problem(key, `is longer than ${rule.max} characters`, value.slice(0, 80))
    }
    return value
  }

  number(key: string, rule: NumberRule = {}): number | null {
    const raw = this.raw(key)
    const parsed = parseNumber(raw, this.numberOptions)
    if (!parsed.ok) return this.problem(key, parsed.reason)
    const value = parsed.value
    if (value === null) return rule.required ? this.problem(key, 'is empty') : null
    if (rule.integer && !Number.isInteger(value)) return this.problem(key, 'is not a whole number')
    if (rule.min !== undefined && value < rule.min) {
      return this.problem(key, `is below ${rule.min}`)
    }
    if (rule.max !== undefined && value > rule.max) {
      return this.problem(key, `is above ${rule.max}`)
    }
    return value
  }

  /** What parse returns: the record when no cell had a problem. */
  outcome<R>(record: R): ParseOutcome<R> {
    return this.problems.length > 0
      ? { kind: 'reject', problems: this.problems }
      : { kind: 'record', record }
  }
}
