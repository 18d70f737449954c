import type { ReportCell, ReportInfo, ReportResult } from '../../../shared/reports'
import type { Frame } from './frame'

// Building a report's rows: the `segment` column after the first one when rows are grouped.

export interface Row {
  first: ReportCell
  /** Index into frame.people.segments. */
  segment: number
  values: ReportCell[]
}

export function columnsOf(info: Pick<ReportInfo, 'columns'>, grouped: boolean): string[] {
  const [first = '', ...rest] = info.columns
  return grouped ? [first, 'segment', ...rest] : [first, ...rest]
}

export function tableOf(
  info: Pick<ReportInfo, 'name' | 'columns'>,
  frame: Frame,
  rows: readonly Row[],
  notes: readonly string[] = [],
): ReportResult {
  const grouped = frame.people.segment !== null
  const labels = frame.people.segments
  return {
    name: info.name,
    columns: columnsOf(info, grouped),
    rows: rows.map((row) =>
      grouped ? [row.first, labels[row.segment] ?? '', ...row.values] : [row.first, ...row.values],
    ),
    notes: [...frame.notes, ...notes],
  }
}

/** `value` rounded to `digits` decimals. */
export function round(value: number, digits: number): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

/** a ÷ b rounded to `digits` decimals, or null when b is 0. */
export function ratio(a: number, b: number, digits = 4): number | null {
  return b === 0 ? null : round(a / b, digits)
}

/** Segment indexes 0 … n − 1. */
export function segmentIndexes(frame: Frame): number[] {
  return frame.people.segments.map((_, i) => i)
}

/** array[index] += by (typed arrays start at zero). */
export function bump(array: Int32Array | Float64Array, index: number, by = 1) {
  array[index] = (array[index] ?? 0) + by
}
