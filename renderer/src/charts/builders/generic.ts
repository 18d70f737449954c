import type { ChartData } from 'chart.js'
import type { ReportCell, ReportResult } from '../../../../shared/reports'
import type { MatrixCell } from '../MatrixChart'
import { seriesColor, withAlpha } from '../palette'
import type { ChartTable } from '../types'
import { distinct, namedRows, num, text } from './report-rows'

// Builders any report can feed: a dataset per column, a dataset per value of a column, or a
// matrix. Each returns the chart's data and the table of exactly what it draws.

type Report = Pick<ReportResult, 'columns' | 'rows'>
type Row = Record<string, ReportCell>

export interface SeriesSpec {
  column: string
  label: string
  /** The right-hand axis (a second unit). */
  axis?: 'y2'
  /** A line among bars (or bars among lines). */
  type?: 'bar' | 'line'
}

export interface CategoryOptions {
  /** Only rows that pass (the `(all)` total row of a per-genre report, say, left out). */
  where?: (row: Row) => boolean
  /** Rows with the same x are added up (several people's workouts on one day). */
  sum?: boolean
  /** Keep the largest `limit` x values by the first series, in that order (bar rankings). */
  top?: number
}

export type Dataset = ChartData<'bar' | 'line', (number | null)[], string>['datasets'][number]

export interface Built {
  labels: string[]
  datasets: Dataset[]
  table: ChartTable
}

const valueOf = (cell: ReportCell | undefined): number | null =>
  cell === null || cell === undefined || cell === '' ? null : num(cell)

function dataset(label: string, values: (number | null)[], index: number, spec?: SeriesSpec) {
  const color = seriesColor(label, index)
  const line = spec?.type === 'line'
  return {
    label,
    data: values,
    borderColor: color,
    backgroundColor: line ? color : withAlpha(color, 0.8),
    ...(spec?.axis ? { yAxisID: spec.axis } : {}),
    ...(spec?.type ? { type: spec.type } : {}),
    ...(line ? { pointRadius: 0, borderWidth: 2, spanGaps: true } : {}),
  } as Dataset
}

/** One dataset per column, x along the first axis. */
export function columnsChart(
  result: Report,
  x: string,
  series: readonly SeriesSpec[],
  options: CategoryOptions = {},
): Built {
  let rows = namedRows(result).rows.filter((r) => options.where?.(r) ?? true)
  if (options.sum) {
    const byX = new Map<string, Row>()
    for (const row of rows) {
      const key = text(row[x])
      const total = byX.get(key)
      if (!total) byX.set(key, { ...row })
      else for (const s of series) total[s.column] = num(total[s.column]) + num(row[s.column])
    }
    rows = [...byX.values()]
  }
  if (options.top !== undefined && series[0]) {
    const first = series[0].column
    rows = [...rows].sort((a, b) => num(b[first]) - num(a[first])).slice(0, options.top)
  }
  const labels = rows.map((r) => text(r[x]))
  const values = series.map((s) => rows.map((r) => valueOf(r[s.column])))
  return {
    labels,
    datasets: series.map((s, i) => dataset(s.label, values[i] ?? [], i, s)),
    table: {
      columns: [x, ...series.map((s) => s.column)],
      rows: labels.map((label, r) => [label, ...values.map((v) => v[r] ?? null)]),
    },
  }
}

export interface PivotOptions {
  /** Series in this order (others after, by size); absent: by total, largest first. */
  order?: readonly string[]
  /** At most this many series; the rest are added up as "Other". */
  limit?: number
  where?: (row: Row) => boolean
}

/** One dataset per value of `by` (platforms, body parts…): `value` at each x. */
export function pivotChart(
  result: Report,
  x: string,
  by: string,
  value: string,
  options: PivotOptions = {},
): Built {
  const rows = namedRows(result).rows.filter((r) => options.where?.(r) ?? true)
  const labels = distinct(rows.map((r) => text(r[x])))
  const totals = new Map<string, number>()
  for (const r of rows) totals.set(text(r[by]), (totals.get(text(r[by])) ?? 0) + num(r[value]))
  const ranked = [...totals.keys()].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0))
  const order = options.order
    ? [
        ...options.order.filter((k) => totals.has(k)),
        ...ranked.filter((k) => !options.order?.includes(k)),
      ]
    : ranked
  const limit = options.limit ?? order.length
  const kept = order.slice(0, limit)
  const other = order.length > limit ? 'Other' : null
  const seriesOf = (key: string) => (kept.includes(key) ? key : (other ?? key))
  const names = other ? [...kept, other] : kept
  const cells = new Map<string, number>()
  for (const r of rows) {
    const key = `${text(r[x])}|${seriesOf(text(r[by]))}`
    cells.set(key, (cells.get(key) ?? 0) + num(r[value]))
  }
  const round = (v: number) => Math.round(v * 100) / 100
  const values = names.map((name) => labels.map((l) => round(cells.get(`${l}|${name}`) ?? 0)))
  return {
    labels,
    datasets: names.map((name, i) => dataset(name, values[i] ?? [], i)),
    table: {
      columns: [x, ...names],
      rows: labels.map((label, r) => [label, ...values.map((v) => v[r] ?? 0)]),
    },
  }
}

export interface MatrixOptions {
  xOrder?: readonly string[]
  yOrder?: readonly string[]
  /** The column that says a cell is complete (false: drawn faint). */
  complete?: string
}

/** Cells of a heatmap: x and y from two columns, strength from a third. */
export function matrixCells(
  result: Report,
  x: string,
  y: string,
  value: string,
  options: MatrixOptions = {},
) {
  const rows = namedRows(result).rows
  const xLabels = options.xOrder ? [...options.xOrder] : distinct(rows.map((r) => text(r[x])))
  const yLabels = options.yOrder ? [...options.yOrder] : distinct(rows.map((r) => text(r[y])))
  const cells: MatrixCell[] = rows.map((r) => {
    const complete = options.complete ? r[options.complete] : true
    return {
      x: text(r[x]),
      y: text(r[y]),
      v: num(r[value]),
      faint: complete === false || complete === 'false' || complete === 0,
    }
  })
  const table: ChartTable = {
    columns: [y, x, value, ...(options.complete ? [options.complete] : [])],
    rows: cells.map((c) => [c.y, c.x, c.v, ...(options.complete ? [!c.faint ? 'yes' : 'no'] : [])]),
  }
  return { xLabels, yLabels, cells, table }
}
