import type { ReportCell, ReportResult } from '../../../../shared/reports'

/** A report's rows read by column name, so a builder does not depend on column order. */
export interface NamedRows {
  has(column: string): boolean
  rows: Record<string, ReportCell>[]
}

export function namedRows(result: Pick<ReportResult, 'columns' | 'rows'>): NamedRows {
  const columns = result.columns
  return {
    has: (column) => columns.includes(column),
    rows: result.rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i] ?? null]))),
  }
}

export const num = (cell: ReportCell | undefined): number =>
  typeof cell === 'number' ? cell : typeof cell === 'string' && cell !== '' ? Number(cell) : 0

export const text = (cell: ReportCell | undefined): string =>
  cell === null || cell === undefined ? '' : String(cell)

/** Values in first-seen order. */
export function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)]
}

/** Rounds for display and CSV alike, so the table shows exactly what is drawn. */
export const round = (value: number, digits = 1) => {
  const f = 10 ** digits
  return Math.round(value * f) / f
}
