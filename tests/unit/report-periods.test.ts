import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  civilOfDay,
  dayOfIso,
  endOfOrdinal,
  isoOfDay,
  labelOfOrdinal,
  monthLabelOfOrdinal,
  lengthOfOrdinal,
  ordinalLookup,
  ordinalOf,
  startOfOrdinal,
} from '../../electron/services/reports/periods'
import { assignTiers, quantile7 } from '../../electron/services/reports/tier-rules'

const DAY = 86_400_000

describe('report periods', () => {
  it('day numbers agree with the calendar', () => {
    fc.assert(
      fc.property(fc.integer({ min: -800_000, max: 800_000 }), (day) => {
        const date = new Date(day * DAY)
        expect(civilOfDay(day)).toEqual({
          year: date.getUTCFullYear(),
          month: date.getUTCMonth() + 1,
          day: date.getUTCDate(),
        })
        if (date.getUTCFullYear() >= 1000 && date.getUTCFullYear() <= 9999) {
          expect(dayOfIso(isoOfDay(day))).toBe(day)
        }
      }),
    )
  })

  it('reads only real dates', () => {
    expect(dayOfIso('2024-02-29')).toBe(19_782)
    expect(dayOfIso('2023-02-29')).toBeNull()
    expect(dayOfIso('2024-13-01')).toBeNull()
    expect(dayOfIso('2024-1-01')).toBeNull()
    expect(dayOfIso('yesterday')).toBeNull()
  })

  it('weeks are ISO weeks from Monday; months are calendar months', () => {
    const day = (iso: string) => dayOfIso(iso) as number
    // 2024-12-30 is a Monday (ISO week 1 of 2025); 2025-01-05 the Sunday of that week.
    const week = ordinalOf(day('2025-01-01'), 'week')
    expect(isoOfDay(startOfOrdinal(week, 'week'))).toBe('2024-12-30')
    expect(isoOfDay(endOfOrdinal(week, 'week'))).toBe('2025-01-05')
    expect(ordinalOf(day('2025-01-05'), 'week')).toBe(week)
    expect(ordinalOf(day('2025-01-06'), 'week')).toBe(week + 1)
    expect(labelOfOrdinal(week, 'week')).toBe('2024-12-30')
    const feb = ordinalOf(day('2024-02-10'), 'month')
    expect(labelOfOrdinal(feb, 'month')).toBe('2024-02-01')
    expect(monthLabelOfOrdinal(feb)).toBe('2024-02')
    expect(lengthOfOrdinal(feb, 'month')).toBe(29)
    expect(monthLabelOfOrdinal(feb - 2)).toBe('2023-12')
    expect(isoOfDay(endOfOrdinal(feb + 10, 'month'))).toBe('2024-12-31')
    expect(labelOfOrdinal(ordinalOf(day('2024-03-31'), 'day'), 'day')).toBe('2024-03-31')
  })

  it('the month lookup table agrees with ordinalOf, inside and outside its span', () => {
    const lookup = ordinalLookup(19_700, 19_800, 'month')
    for (let d = 19_600; d < 19_900; d++) expect(lookup(d)).toBe(ordinalOf(d, 'month'))
  })
})

describe('tier rules', () => {
  it('quantile by linear interpolation (type 7)', () => {
    expect(quantile7([1, 2, 5], 0.9)).toBeCloseTo(4.4)
    expect(quantile7([3], 0.9)).toBe(3)
    expect(quantile7([1, 2, 3, 4], 0.5)).toBe(2.5)
  })

  it('Casual, Regular, Core by active days; Power at the Core quantile', () => {
    const t = { regularMinDays: 6, coreMinDays: 16, powerQuantile: 0.9 }
    const m = (userKey: number, activeDays: number, actions: number) => ({
      userKey,
      month: 202405,
      activeDays,
      actionsOnActiveDays: actions,
    })
    const months = [m(1, 5, 5), m(2, 6, 6), m(3, 15, 15), m(4, 16, 16), m(5, 20, 40), m(6, 16, 80)]
    const tiers = assignTiers(months, t)
    expect(months.map((x) => tiers.get(x))).toEqual([
      'Casual',
      'Regular',
      'Regular',
      'Core',
      'Core',
      'Power',
    ])
  })
})
