import type { ChartData } from 'chart.js'
import type { ReportResult } from '../../../../shared/reports'
import { seriesColor, withAlpha } from '../palette'
import type { ChartTable } from '../types'
import { distinct, namedRows, num, round, text } from './report-rows'

// Data builders for the Analytics page: a report's result in, Chart.js data and the table of
// exactly what is drawn out. Pure, so they are unit-tested without a canvas.

export interface Built<T extends 'line' | 'bar'> {
  data: ChartData<T, { x: string; y: number }[] | number[], string>
  table: ChartTable
}

type Report = Pick<ReportResult, 'columns' | 'rows'>

const TIERS = ['Casual', 'Regular', 'Core', 'Power'] as const

/** DAU, WAU, MAU (people, left axis) and stickiness (%, right axis) per day. */
export function activityChart(result: Report): Built<'line'> {
  const { rows } = namedRows(result)
  const table: ChartTable = {
    columns: ['date', 'dau', 'wau', 'mau', 'stickiness_pct'],
    rows: rows.map((r) => [
      text(r.date),
      num(r.dau),
      num(r.wau),
      num(r.mau),
      round(num(r.stickiness) * 100),
    ]),
  }
  const series = (label: string, column: number, axis = 'y') => ({
    label,
    data: table.rows.map((row) => ({ x: String(row[0]), y: Number(row[column]) })),
    borderColor: seriesColor(label),
    backgroundColor: seriesColor(label),
    yAxisID: axis,
    pointRadius: 0,
    borderWidth: 2,
    tension: 0.2,
    ...(axis === 'y2' ? { borderDash: [4, 3] } : {}),
  })
  return {
    data: {
      datasets: [
        series('DAU', 1),
        series('WAU', 2),
        series('MAU', 3),
        series('Stickiness', 4, 'y2'),
      ],
    },
    table,
  }
}

/** Sessions per day (bars) and their average length in minutes (line, right axis). */
export function sessionsChart(result: Report): Built<'bar'> {
  const { rows } = namedRows(result)
  const table: ChartTable = {
    columns: ['date', 'sessions', 'avg_duration_min', 'users'],
    rows: rows.map((r) => [
      text(r.date),
      num(r.sessions),
      round(num(r.avg_duration_s) / 60),
      num(r.users),
    ]),
  }
  return {
    data: {
      datasets: [
        {
          type: 'bar',
          label: 'Sessions',
          data: table.rows.map((row) => ({ x: String(row[0]), y: Number(row[1]) })),
          backgroundColor: withAlpha(seriesColor('sessions'), 0.75),
          yAxisID: 'y',
        },
        {
          // A line dataset inside a bar chart: Chart.js mixes them per dataset.
          type: 'line' as 'bar',
          label: 'Average length',
          data: table.rows.map((row) => ({ x: String(row[0]), y: Number(row[2]) })),
          borderColor: seriesColor('average'),
          backgroundColor: seriesColor('average'),
          yAxisID: 'y2',
        },
      ],
    },
    table,
  }
}

/** People per tier per month, stacked Casual → Power. */
export function tiersChart(result: Report): Built<'bar'> {
  const { rows } = namedRows(result)
  const months = distinct(rows.map((r) => text(r.month)))
  const users = new Map(rows.map((r) => [`${text(r.month)}|${text(r.tier)}`, num(r.users)]))
  const table: ChartTable = {
    columns: ['month', ...TIERS.map((t) => t.toLowerCase())],
    rows: months.map((m) => [m, ...TIERS.map((t) => users.get(`${m}|${t}`) ?? 0)]),
  }
  return {
    data: {
      labels: months,
      datasets: TIERS.map((tier, i) => ({
        label: tier,
        data: table.rows.map((row) => Number(row[i + 1])),
        backgroundColor: seriesColor(tier),
        stack: 'tiers',
      })),
    },
    table,
  }
}

/** New, returning and resurrecting people above zero; dormant below it. */
export function lifecycleChart(result: Report): Built<'bar'> {
  const { rows } = namedRows(result)
  const table: ChartTable = {
    columns: ['period', 'new', 'returning', 'resurrecting', 'dormant'],
    rows: rows.map((r) => [
      text(r.period),
      num(r.new),
      num(r.returning),
      num(r.resurrecting),
      0 - Math.abs(num(r.dormant)),
    ]),
  }
  const labels = table.rows.map((row) => String(row[0]))
  const kinds = ['New', 'Returning', 'Resurrecting', 'Dormant']
  return {
    data: {
      labels,
      datasets: kinds.map((kind, i) => ({
        label: kind,
        data: table.rows.map((row) => Number(row[i + 1])),
        backgroundColor: seriesColor(kind),
        stack: 'lifecycle',
      })),
    },
    table,
  }
}

/** How many people were active on exactly N days of each period, one bar series per period. */
export function activeDaysChart(result: Report): Built<'bar'> {
  const { rows } = namedRows(result)
  const periods = distinct(rows.map((r) => text(r.period)))
  const maxDays = Math.max(0, ...rows.map((r) => num(r.days_active)))
  const days = Array.from({ length: maxDays }, (_, i) => i + 1)
  const users = new Map(rows.map((r) => [`${text(r.period)}|${num(r.days_active)}`, num(r.users)]))
  const table: ChartTable = {
    columns: ['days_active', ...periods],
    rows: days.map((d) => [d, ...periods.map((p) => users.get(`${p}|${d}`) ?? 0)]),
  }
  return {
    data: {
      labels: days.map(String),
      datasets: periods.map((period, i) => ({
        label: period,
        data: table.rows.map((row) => Number(row[i + 1])),
        backgroundColor: seriesColor(period, i),
      })),
    },
    table,
  }
}

export interface RetentionCell {
  x: number
  y: string
  /** Share of the cohort, 0–1. */
  v: number
  complete: boolean
  active: number
}

/** The cohort × period matrix; incomplete cells kept apart so they can be drawn hatched. */
export function retentionMatrix(result: Report) {
  const { rows } = namedRows(result)
  const cohorts = distinct(rows.map((r) => text(r.cohort)))
  const periods = distinct(rows.map((r) => num(r.period))).sort((a, b) => a - b)
  const cells: RetentionCell[] = rows.map((r) => ({
    x: num(r.period),
    y: text(r.cohort),
    v: num(r.rate),
    complete: r.complete === true || r.complete === 1 || r.complete === 'true',
    active: num(r.active),
  }))
  const sizes = new Map(rows.map((r) => [text(r.cohort), num(r.cohort_size)]))
  const table: ChartTable = {
    columns: ['cohort', 'cohort_size', 'period', 'active', 'rate_pct', 'complete'],
    rows: cells.map((c) => [
      c.y,
      sizes.get(c.y) ?? 0,
      c.x,
      c.active,
      round(c.v * 100),
      c.complete ? 'yes' : 'no',
    ]),
  }
  return { cohorts, periods, cells, table }
}

/** Sessions per length bucket, in the report's bucket order. */
export function sessionLengthsChart(result: Report): Built<'bar'> {
  const { rows } = namedRows(result)
  const table: ChartTable = {
    columns: ['duration', 'sessions', 'share_pct'],
    rows: rows.map((r) => [text(r.duration), num(r.sessions), round(num(r.share) * 100)]),
  }
  return {
    data: {
      labels: table.rows.map((row) => String(row[0])),
      datasets: [
        {
          label: 'Sessions',
          data: table.rows.map((row) => Number(row[1])),
          backgroundColor: withAlpha(seriesColor('sessions'), 0.75),
        },
      ],
    },
    table,
  }
}

export const TRANSITION_TIERS = ['Inactive', ...TIERS] as const

/** Moves from last month's tier to this month's, summed over the months shown. */
export function tierTransitionsMatrix(result: Report) {
  const { rows } = namedRows(result)
  const totals = new Map<string, number>()
  for (const r of rows) {
    const key = `${text(r.from_tier)}|${text(r.to_tier)}`
    totals.set(key, (totals.get(key) ?? 0) + num(r.users))
  }
  const cells = TRANSITION_TIERS.flatMap((from) =>
    TRANSITION_TIERS.map((to) => ({ x: to, y: from, v: totals.get(`${from}|${to}`) ?? 0 })),
  )
  const table: ChartTable = {
    columns: ['from_tier', 'to_tier', 'users'],
    rows: cells.filter((c) => c.v > 0).map((c) => [c.y, c.x, c.v]),
  }
  return { cells, max: Math.max(0, ...cells.map((c) => c.v)), table }
}

/**
 * People active on exactly N days of a period (bars) and on N or more (line), for the last
 * whole period of the result (the final one may still be running).
 */
export function stickinessHistogram(result: Report) {
  const { rows } = namedRows(result)
  const periods = distinct(rows.map((r) => text(r.period)))
  const period = periods.length >= 2 ? periods[periods.length - 2] : periods[0]
  const mine = rows.filter((r) => text(r.period) === period)
  const table: ChartTable = {
    columns: ['days', 'users', 'users_at_least'],
    rows: mine.map((r) => [num(r.days), num(r.users), num(r.users_at_least)]),
  }
  return {
    period: period ?? null,
    labels: table.rows.map((row) => String(row[0])),
    datasets: [
      {
        label: 'Exactly N days',
        data: table.rows.map((row) => Number(row[1])),
        backgroundColor: withAlpha(seriesColor('exactly', 0), 0.8),
      },
      {
        type: 'line' as const,
        label: 'N days or more',
        data: table.rows.map((row) => Number(row[2])),
        borderColor: seriesColor('or more', 1),
        backgroundColor: seriesColor('or more', 1),
        pointRadius: 2,
      },
    ],
    table,
  }
}

/** Work time in hours (bars) and tasks completed (line, right axis) per period. */
export function workChart(result: Report) {
  const { rows } = namedRows(result)
  const table: ChartTable = {
    columns: [result.columns[0] ?? 'period', 'work_hours', 'tasks_completed'],
    rows: rows.map((r) => [
      text(r[result.columns[0] ?? 'period']),
      round(num(r.work_seconds) / 3600),
      num(r.tasks_completed),
    ]),
  }
  return twoAxes(table, 'Work time', 'Tasks completed')
}

/** Events that arrived late (bars) and the 95th-percentile lag in minutes (line) per day. */
export function freshnessChart(result: Report) {
  const { rows } = namedRows(result)
  const table: ChartTable = {
    columns: ['date', 'late_events', 'p95_lag_min', 'future_events'],
    rows: rows.map((r) => [
      text(r.date),
      num(r.late_events),
      round(num(r.p95_lag_s) / 60),
      num(r.future_events),
    ]),
  }
  return twoAxes(table, 'Late events', 'Lag, 95th percentile')
}

function twoAxes(table: ChartTable, bars: string, line: string) {
  return {
    labels: table.rows.map((row) => String(row[0])),
    datasets: [
      {
        label: bars,
        data: table.rows.map((row) => Number(row[1])),
        backgroundColor: withAlpha(seriesColor(bars, 0), 0.8),
        yAxisID: 'y',
      },
      {
        type: 'line' as const,
        label: line,
        data: table.rows.map((row) => Number(row[2])),
        borderColor: seriesColor(line, 1),
        backgroundColor: seriesColor(line, 1),
        yAxisID: 'y2',
        pointRadius: 0,
      },
    ],
    table,
  }
}
