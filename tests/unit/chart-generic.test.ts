import { describe, expect, it } from 'vitest'
import { columnsChart, matrixCells, pivotChart } from '../../renderer/src/charts/builders/generic'
import { inPersonUnits } from '../../renderer/src/charts/builders/units'

const report = (columns: string[], rows: (string | number | boolean | null)[][]) => ({
  name: 'test',
  columns,
  rows,
  notes: [],
})

describe('columnsChart', () => {
  const genres = report(
    ['period', 'genre', 'hours'],
    [
      ['2026-01', 'Drama', 3],
      ['2026-01', 'Comedy', 1],
      ['2026-02', 'Drama', 2],
      ['2026-02', 'Horror', 5],
    ],
  )

  it('draws a dataset per column and tables exactly those numbers', () => {
    const built = columnsChart(genres, 'genre', [{ column: 'hours', label: 'Hours' }])
    expect(built.labels).toEqual(['Drama', 'Comedy', 'Drama', 'Horror'])
    expect(built.datasets[0]?.data).toEqual([3, 1, 2, 5])
    expect(built.table).toEqual({
      columns: ['genre', 'hours'],
      rows: [
        ['Drama', 3],
        ['Comedy', 1],
        ['Drama', 2],
        ['Horror', 5],
      ],
    })
  })

  it('adds up rows with the same x, and keeps the largest when asked', () => {
    const built = columnsChart(genres, 'genre', [{ column: 'hours', label: 'Hours' }], {
      sum: true,
      top: 2,
    })
    // A tie keeps the order of first appearance; Comedy, the smallest, is left out.
    expect(built.table.rows).toEqual([
      ['Drama', 5],
      ['Horror', 5],
    ])
  })

  it('leaves out rows that do not pass, and keeps empty cells as gaps', () => {
    const withTotal = report(
      ['genre', 'games'],
      [
        ['RPG', 2],
        ['(all)', 2],
        ['Puzzle', null],
      ],
    )
    const built = columnsChart(withTotal, 'genre', [{ column: 'games', label: 'Games' }], {
      where: (row) => row.genre !== '(all)',
    })
    expect(built.labels).toEqual(['RPG', 'Puzzle'])
    expect(built.datasets[0]?.data).toEqual([2, null])
  })

  it('puts a line on the right axis when the spec says so', () => {
    const built = columnsChart(genres, 'genre', [
      { column: 'hours', label: 'Hours' },
      { column: 'hours', label: 'Again', type: 'line', axis: 'y2' },
    ])
    expect(built.datasets[1]).toMatchObject({ type: 'line', yAxisID: 'y2' })
  })
})

describe('pivotChart', () => {
  const byPlatform = report(
    ['period', 'platform', 'hours'],
    [
      ['w1', 'Netflix', 4],
      ['w1', 'Steam', 10],
      ['w2', 'Netflix', 2],
      ['w2', 'Max', 1],
      ['w2', 'Library', 1],
    ],
  )

  it('makes a dataset per value, largest first, with zeros where a period has none', () => {
    const built = pivotChart(byPlatform, 'period', 'platform', 'hours')
    expect(built.datasets.map((d) => d.label)).toEqual(['Steam', 'Netflix', 'Max', 'Library'])
    expect(built.table).toEqual({
      columns: ['period', 'Steam', 'Netflix', 'Max', 'Library'],
      rows: [
        ['w1', 10, 4, 0, 0],
        ['w2', 0, 2, 1, 1],
      ],
    })
  })

  it('adds the smallest series up as Other past the limit, keeping the totals', () => {
    const built = pivotChart(byPlatform, 'period', 'platform', 'hours', { limit: 2 })
    expect(built.table.columns).toEqual(['period', 'Steam', 'Netflix', 'Other'])
    expect(built.table.rows).toEqual([
      ['w1', 10, 4, 0],
      ['w2', 0, 2, 2],
    ])
  })

  it('follows a given order for known series', () => {
    const built = pivotChart(byPlatform, 'period', 'platform', 'hours', {
      order: ['Library', 'Netflix'],
    })
    expect(built.datasets.map((d) => d.label)).toEqual(['Library', 'Netflix', 'Steam', 'Max'])
  })
})

describe('matrixCells', () => {
  it('keeps the given axis order and marks incomplete cells faint', () => {
    const built = matrixCells(
      report(
        ['cohort', 'month', 'pct', 'complete'],
        [
          ['2026-01', 0, 100, true],
          ['2026-01', 1, 40, false],
        ],
      ),
      'month',
      'cohort',
      'pct',
      { xOrder: ['0', '1', '2'], complete: 'complete' },
    )
    expect(built.xLabels).toEqual(['0', '1', '2'])
    expect(built.cells.map((c) => c.faint)).toEqual([false, true])
    expect(built.table.rows).toEqual([
      ['2026-01', '0', 100, 'yes'],
      ['2026-01', '1', 40, 'no'],
    ])
  })
})

describe('inPersonUnits', () => {
  const weights = report(['date', 'weight_kg', 'waist_cm', 'reps'], [['2026-01-01', 100, 80, 5]])

  it('converts and renames kilogram and centimetre columns for a person in pounds', () => {
    const shown = inPersonUnits(weights, { weightUnit: 'lb' })
    expect(shown.columns).toEqual(['date', 'weight_lb', 'waist_in', 'reps'])
    expect(shown.rows[0]).toEqual(['2026-01-01', 220.46, 31.5, 5])
  })

  it('leaves a report in kilograms as it is', () => {
    expect(inPersonUnits(weights, { weightUnit: 'kg' })).toEqual(weights)
  })
})
