import type { CalendarDay } from '../../../../shared/dashboard'
import type { ReportResult } from '../../../../shared/reports'
import { seriesColor, withAlpha } from '../palette'
import type { ChartTable } from '../types'
import type { Built, Dataset } from './generic'
import { distinct, namedRows, num, text } from './report-rows'

type Report = Pick<ReportResult, 'columns' | 'rows'>

/**
 * Best estimated 1RM per period for the most trained exercises, one line each; a point where an
 * exercise beats its best so far is a personal record, drawn larger.
 */
export function e1rmChart(
  result: Report,
  weightUnit: string,
  exercises = 4,
): Built & {
  records: { exercise: string; period: string; value: number }[]
} {
  const column = `best_e1rm_${weightUnit}`
  const rows = namedRows(result).rows.filter((r) => r[column] !== null && r[column] !== '')
  const sets = new Map<string, number>()
  for (const r of rows) sets.set(text(r.exercise), (sets.get(text(r.exercise)) ?? 0) + num(r.sets))
  const chosen = [...sets.keys()]
    .sort((a, b) => (sets.get(b) ?? 0) - (sets.get(a) ?? 0))
    .slice(0, exercises)
  const labels = distinct(rows.map((r) => text(r.period))).sort()
  const records: { exercise: string; period: string; value: number }[] = []
  const datasets: Dataset[] = chosen.map((exercise, i) => {
    const best = new Map<string, number>()
    for (const r of rows) {
      if (text(r.exercise) !== exercise) continue
      const period = text(r.period)
      best.set(period, Math.max(best.get(period) ?? 0, num(r[column])))
    }
    let top = -Infinity
    const radius: number[] = []
    const data = labels.map((period) => {
      const value = best.get(period)
      if (value === undefined) {
        radius.push(0)
        return null
      }
      const record = value > top
      if (record) {
        top = value
        records.push({ exercise, period, value })
      }
      radius.push(record ? 5 : 2)
      return value
    })
    const color = seriesColor(exercise, i)
    return {
      type: 'line',
      label: exercise,
      data,
      borderColor: color,
      backgroundColor: color,
      pointRadius: radius,
      pointStyle: radius.map((r) => (r === 5 ? 'star' : 'circle')),
      spanGaps: true,
      borderWidth: 2,
    } as Dataset
  })
  const table: ChartTable = {
    columns: ['period', ...chosen.map((e) => `${e} (${weightUnit})`), 'personal_records'],
    rows: labels.map((period, p) => [
      period,
      ...datasets.map((d) => (d.data[p] as number | null) ?? null),
      records
        .filter((r) => r.period === period)
        .map((r) => r.exercise)
        .join('; '),
    ]),
  }
  return { labels, datasets, table, records }
}

/** Body weight (points) with its 7-day moving average (line) and the goal, if one is set. */
export function bodyWeightChart(result: Report, weightUnit: string, goal: number | null): Built {
  const { rows } = namedRows(result)
  const weight = `weight_${weightUnit}`
  const average = `weight_7d_avg_${weightUnit}`
  const labels = rows.map((r) => text(r.date))
  const value = (cell: unknown) => (typeof cell === 'number' ? cell : null)
  const weights = rows.map((r) => value(r[weight]))
  const averages = rows.map((r) => value(r[average]))
  const datasets: Dataset[] = [
    {
      type: 'line',
      label: 'Weigh-ins',
      data: weights,
      borderColor: 'transparent',
      backgroundColor: withAlpha(seriesColor('weight'), 0.6),
      pointRadius: 3,
      showLine: false,
    } as Dataset,
    {
      type: 'line',
      label: '7-day average',
      data: averages,
      borderColor: seriesColor('average'),
      backgroundColor: seriesColor('average'),
      pointRadius: 0,
      borderWidth: 2,
      spanGaps: true,
    } as Dataset,
  ]
  if (goal !== null) {
    datasets.push({
      type: 'line',
      label: 'Goal',
      data: labels.map(() => goal),
      borderColor: seriesColor('goal'),
      backgroundColor: seriesColor('goal'),
      borderDash: [6, 4],
      pointRadius: 0,
      borderWidth: 1.5,
    } as Dataset)
  }
  return {
    labels,
    datasets,
    table: {
      columns: ['date', weight, average, ...(goal !== null ? [`goal_${weightUnit}`] : [])],
      rows: labels.map((date, i) => [
        date,
        weights[i] ?? null,
        averages[i] ?? null,
        ...(goal !== null ? [goal] : []),
      ]),
    },
  }
}

/** The target weight of the active body-weight goal, in the person's unit; null without one. */
export function weightGoal(goals: Report, weightUnit: string): number | null {
  const target = `target_value`
  const goal = namedRows(goals).rows.find(
    (g) => text(g.measure).startsWith('body_weight') && text(g.status) === 'active',
  )
  if (!goal || typeof goal[target] !== 'number') return null
  // The goal report gives kilograms (its measure says so); the chart shows the person's unit.
  return weightUnit === 'lb' ? Math.round((goal[target] / 0.45359237) * 10) / 10 : goal[target]
}

/** Goals as bars: share done, beside the share of their time gone. */
export function goalsChart(result: Report): Built {
  const { rows } = namedRows(result)
  const labels = rows.map((g) => `${text(g.goal_type).replace(/_/g, ' ')}: ${text(g.measure)}`)
  const done = rows.map((g) => Math.max(0, Math.min(100, num(g.pct_done))))
  const elapsed = rows.map((g) => Math.max(0, Math.min(100, num(g.pct_time_elapsed))))
  return {
    labels,
    datasets: [
      { label: 'Done', data: done, backgroundColor: seriesColor('done', 2) } as Dataset,
      {
        label: 'Time gone',
        data: elapsed,
        backgroundColor: withAlpha(seriesColor('time', 6), 0.5),
      } as Dataset,
    ],
    table: {
      columns: ['goal', 'pct_done', 'pct_time_elapsed'],
      rows: labels.map((label, i) => [label, done[i] ?? 0, elapsed[i] ?? 0]),
    },
  }
}

/** Days in [from, to] with how many workouts each had, for the frequency calendar. */
export function workoutDays(result: Report, from: string, to: string): CalendarDay[] {
  const perDay = new Map<string, number>()
  for (const r of namedRows(result).rows) {
    const date = text(r.date)
    perDay.set(date, (perDay.get(date) ?? 0) + 1)
  }
  const days: CalendarDay[] = []
  for (
    let ms = Date.parse(`${from}T00:00:00Z`);
    ms <= Date.parse(`${to}T00:00:00Z`);
    ms += 86_400_000
  ) {
    const date = new Date(ms).toISOString().slice(0, 10)
    days.push({ date, entries: perDay.get(date) ?? 0 })
  }
  return days
}
