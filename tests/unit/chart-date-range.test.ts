import { describe, expect, it } from 'vitest'
import { checkCustomRange, presetRange } from '../../renderer/src/charts/date-range'

describe('date range presets', () => {
  it('count back from today, today included', () => {
    expect(presetRange('30d', '2026-03-01')).toEqual({
      preset: '30d',
      from: '2026-01-31',
      to: '2026-03-01',
    })
    expect(presetRange('90d', '2026-03-31').from).toBe('2026-01-01')
    expect(presetRange('12m', '2026-02-28')).toMatchObject({ from: '2025-03-01', to: '2026-02-28' })
    expect(presetRange('ytd', '2026-11-22')).toMatchObject({ from: '2026-01-01' })
    expect(presetRange('all', '2026-11-22')).toEqual({ preset: 'all' })
  })

  it('cover 30 days across a leap day', () => {
    const { from } = presetRange('30d', '2024-03-15')
    expect(from).toBe('2024-02-15')
  })
})

describe('custom ranges', () => {
  it('accept open ends and refuse reversed or unreal days', () => {
    expect(checkCustomRange('2026-01-01', '2026-02-01')).toBeNull()
    expect(checkCustomRange('', '2026-02-01')).toBeNull()
    expect(checkCustomRange('2026-02-01', '2026-01-01')).toBe('The first day is after the last')
    expect(checkCustomRange('2026-13-01', '')).toBe('The first day is not a date')
  })
})
