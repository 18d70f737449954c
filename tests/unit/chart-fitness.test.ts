import { describe, expect, it } from 'vitest'
import {
  bodyWeightChart,
  e1rmChart,
  goalsChart,
  weightGoal,
  workoutDays,
} from '../../renderer/src/charts/builders/fitness'

const report = (columns: string[], rows: (string | number | boolean | null)[][]) => ({
  columns,
  rows,
})

describe('e1rmChart', () => {
  const weeks = report(
    ['period', 'person', 'exercise', 'sets', 'best_e1rm_kg'],
    [
      ['2026-01-05', 'Me', 'Squat', 5, 100],
      ['2026-01-05', 'Me', 'Curl', 1, 20],
      ['2026-01-12', 'Me', 'Squat', 5, 98],
      ['2026-01-19', 'Me', 'Squat', 5, 105],
      ['2026-01-19', 'Me', 'Row', 3, null],
    ],
  )

  it('draws the most trained exercises and marks each new best as a personal record', () => {
    const built = e1rmChart(weeks, 'kg', 1)
    expect(built.datasets.map((d) => d.label)).toEqual(['Squat'])
    expect(built.datasets[0]?.data).toEqual([100, 98, 105])
    expect(built.records).toEqual([
      { exercise: 'Squat', period: '2026-01-05', value: 100 },
      { exercise: 'Squat', period: '2026-01-19', value: 105 },
    ])
    expect(built.table.rows.map((row) => row.at(-1))).toEqual(['Squat', '', 'Squat'])
  })

  it('leaves gaps for weeks an exercise was not done', () => {
    const built = e1rmChart(weeks, 'kg', 2)
    expect(built.datasets[1]?.label).toBe('Curl')
    expect(built.datasets[1]?.data).toEqual([20, null, null])
  })
})

describe('bodyWeightChart', () => {
  const days = report(
    ['date', 'person', 'weight_lb', 'weight_7d_avg_lb'],
    [
      ['2026-01-01', 'Me', 200, 200],
      ['2026-01-02', 'Me', null, 200],
      ['2026-01-03', 'Me', 198, 199],
    ],
  )

  it('has weigh-ins, the moving average and a flat goal line in the person’s unit', () => {
    const built = bodyWeightChart(days, 'lb', 190)
    expect(built.datasets.map((d) => d.label)).toEqual(['Weigh-ins', '7-day average', 'Goal'])
    expect(built.datasets[0]?.data).toEqual([200, null, 198])
    expect(built.datasets[2]?.data).toEqual([190, 190, 190])
    expect(built.table.columns).toEqual(['date', 'weight_lb', 'weight_7d_avg_lb', 'goal_lb'])
  })

  it('has no goal line without a goal', () => {
    expect(bodyWeightChart(days, 'lb', null).datasets).toHaveLength(2)
  })
})

describe('weightGoal and goalsChart', () => {
  const goals = report(
    ['goal_type', 'status', 'measure', 'target_value', 'pct_done', 'pct_time_elapsed'],
    [
      ['strength', 'active', 'e1rm_kg (Squat)', 150, 40, 120],
      ['weight_loss', 'active', 'body_weight_kg', 80, 50, 25],
    ],
  )

  it('finds the active body-weight target, converted to pounds when asked', () => {
    expect(weightGoal(goals, 'kg')).toBe(80)
    expect(weightGoal(goals, 'lb')).toBe(176.4)
    expect(weightGoal(report(['measure'], []), 'kg')).toBeNull()
  })

  it('caps shares at 100%', () => {
    const built = goalsChart(goals)
    expect(built.datasets[1]?.data).toEqual([100, 25])
    expect(built.labels[1]).toBe('weight loss: body_weight_kg')
  })
})

describe('workoutDays', () => {
  it('lists every day of the range with its workouts', () => {
    const days = workoutDays(
      report(['date'], [['2026-03-30'], ['2026-03-30'], ['2026-04-01']]),
      '2026-03-29',
      '2026-04-01',
    )
    expect(days).toEqual([
      { date: '2026-03-29', entries: 0 },
      { date: '2026-03-30', entries: 2 },
      { date: '2026-03-31', entries: 0 },
      { date: '2026-04-01', entries: 1 },
    ])
  })
})
