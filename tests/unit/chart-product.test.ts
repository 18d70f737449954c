import { describe, expect, it } from 'vitest'
import {
  activeDaysChart,
  activityChart,
  freshnessChart,
  lifecycleChart,
  retentionMatrix,
  sessionsChart,
  stickinessHistogram,
  tiersChart,
  workChart,
} from '../../renderer/src/charts/builders/product'
import { OKABE_ITO, seriesColor, withAlpha } from '../../renderer/src/charts/palette'

const report = (columns: string[], rows: (string | number | boolean | null)[][]) => ({
  columns,
  rows,
})

/** Every dataset's drawn y values, in dataset order. */
const drawn = (data: { datasets: { data: unknown[] }[] }) =>
  data.datasets.map((d) =>
    d.data.map((point) => (typeof point === 'number' ? point : (point as { y: number }).y)),
  )

describe('activity chart', () => {
  const result = report(
    ['date', 'dau', 'wau', 'mau', 'stickiness'],
    [
      ['2026-01-01', 2, 5, 9, 0.2222],
      ['2026-01-02', 3, 6, 9, 0.3333],
    ],
  )

  it('draws DAU, WAU and MAU in people and stickiness in percent on its own axis', () => {
    const { data, table } = activityChart(result)
    expect(data.datasets.map((d) => d.label)).toEqual(['DAU', 'WAU', 'MAU', 'Stickiness'])
    expect(drawn(data)).toEqual([
      [2, 3],
      [5, 6],
      [9, 9],
      [22.2, 33.3],
    ])
    expect(data.datasets.map((d) => (d as { yAxisID?: string }).yAxisID)).toEqual([
      'y',
      'y',
      'y',
      'y2',
    ])
    expect(table.columns).toEqual(['date', 'dau', 'wau', 'mau', 'stickiness_pct'])
    expect(table.rows[1]).toEqual(['2026-01-02', 3, 6, 9, 33.3])
  })

  it('reads columns by name, whatever their order', () => {
    const shuffled = report(
      ['stickiness', 'mau', 'date', 'wau', 'dau'],
      result.rows.map(([date, dau, wau, mau, s]) => [
        s ?? null,
        mau ?? null,
        date ?? null,
        wau ?? null,
        dau ?? null,
      ]),
    )
    expect(activityChart(shuffled).table).toEqual(activityChart(result).table)
  })

  it('keeps each series in its own colour on every page', () => {
    const { data } = activityChart(result)
    expect(data.datasets[0]?.borderColor).toBe(seriesColor('dau'))
    expect(new Set(data.datasets.map((d) => d.borderColor)).size).toBe(4)
  })
})

describe('sessions chart', () => {
  it('draws sessions as bars and their average length in minutes', () => {
    const { data, table } = sessionsChart(
      report(['date', 'sessions', 'avg_duration_s', 'users'], [['2026-01-01', 4, 150, 3]]),
    )
    expect(drawn(data)).toEqual([[4], [2.5]])
    expect(table.rows).toEqual([['2026-01-01', 4, 2.5, 3]])
  })
})

describe('tiers chart', () => {
  it('stacks Casual to Power per month and fills missing tiers with zero', () => {
    const { data, table } = tiersChart(
      report(
        ['month', 'tier', 'users'],
        [
          ['2026-01', 'Casual', 5],
          ['2026-01', 'Power', 1],
          ['2026-02', 'Core', 2],
        ],
      ),
    )
    expect(data.labels).toEqual(['2026-01', '2026-02'])
    expect(data.datasets.map((d) => d.label)).toEqual(['Casual', 'Regular', 'Core', 'Power'])
    expect(drawn(data)).toEqual([
      [5, 0],
      [0, 0],
      [0, 2],
      [1, 0],
    ])
    expect(table.rows).toEqual([
      ['2026-01', 5, 0, 0, 1],
      ['2026-02', 0, 0, 2, 0],
    ])
  })
})

describe('lifecycle chart', () => {
  it('draws dormant people below zero, whatever sign the report gives', () => {
    const { data } = lifecycleChart(
      report(
        ['period', 'new', 'returning', 'resurrecting', 'dormant'],
        [
          ['2026-01', 3, 0, 0, 0],
          ['2026-02', 1, 2, 0, 1],
          ['2026-03', 0, 1, 1, -2],
        ],
      ),
    )
    expect(drawn(data)[3]).toEqual([0, -1, -2])
    expect(Object.is(drawn(data)[3]?.[0], -0)).toBe(false)
    expect(drawn(data)[0]).toEqual([3, 1, 0])
  })
})

describe('active days chart', () => {
  it('has a bar for every day count from 1 to the most, per period', () => {
    const { data, table } = activeDaysChart(
      report(
        ['period', 'days_active', 'users'],
        [
          ['2026-01', 1, 4],
          ['2026-01', 3, 1],
          ['2026-02', 2, 2],
        ],
      ),
    )
    expect(data.labels).toEqual(['1', '2', '3'])
    expect(table.rows).toEqual([
      [1, 4, 0],
      [2, 0, 2],
      [3, 1, 0],
    ])
  })
})

describe('retention matrix', () => {
  it('keeps incomplete cells apart and shows rates in percent', () => {
    const { cohorts, periods, cells, table } = retentionMatrix(
      report(
        ['cohort', 'cohort_size', 'period', 'active', 'rate', 'complete'],
        [
          ['2026-01', 10, 0, 10, 1, true],
          ['2026-01', 10, 1, 4, 0.4, false],
          ['2026-02', 5, 0, 5, 1, false],
        ],
      ),
    )
    expect(cohorts).toEqual(['2026-01', '2026-02'])
    expect(periods).toEqual([0, 1])
    expect(cells.filter((c) => !c.complete).map((c) => [c.y, c.x])).toEqual([
      ['2026-01', 1],
      ['2026-02', 0],
    ])
    expect(table.rows[1]).toEqual(['2026-01', 10, 1, 4, 40, 'no'])
  })
})

describe('palette', () => {
  it('gives unnamed series Okabe–Ito colours in order, and alpha as rgba', () => {
    expect(seriesColor('something', 0)).toBe(OKABE_ITO.blue)
    expect(seriesColor('something else', 1)).toBe(OKABE_ITO.orange)
    expect(withAlpha('#0072B2', 0.5)).toBe('rgba(0, 114, 178, 0.5)')
  })
})

describe('stickiness histogram, work and freshness charts', () => {
  it('draws the last whole period: exactly N days as bars, N or more as a line', () => {
    const built = stickinessHistogram(
      report(
        ['period', 'days', 'users', 'users_at_least'],
        [
          ['2026-01-05', 1, 4, 6],
          ['2026-01-05', 2, 2, 2],
          ['2026-01-12', 1, 1, 1],
        ],
      ),
    )
    expect(built.period).toBe('2026-01-05')
    expect(built.table.rows).toEqual([
      [1, 4, 6],
      [2, 2, 2],
    ])
    expect(built.datasets.map((d) => d.data)).toEqual([
      [4, 2],
      [6, 2],
    ])
  })

  it('shows work time in hours and lag in minutes, as drawn and exported', () => {
    const work = workChart(
      report(['period', 'work_seconds', 'tasks_completed', 'users'], [['2026-01-01', 5400, 3, 2]]),
    )
    expect(work.table.rows).toEqual([['2026-01-01', 1.5, 3]])
    const fresh = freshnessChart(
      report(
        [
          'date',
          'events',
          'late_events',
          'median_lag_s',
          'p95_lag_s',
          'max_lag_s',
          'future_events',
        ],
        [['2026-01-01', 10, 2, 5, 90, 600, 1]],
      ),
    )
    expect(fresh.table.rows).toEqual([['2026-01-01', 2, 1.5, 1]])
    expect(fresh.datasets[1]).toMatchObject({ yAxisID: 'y2', data: [1.5] })
  })
})
