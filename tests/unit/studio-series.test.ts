import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, calendarColumns } from '../../electron/services/studio/calendar'
import { localDayRange } from '../../electron/services/studio/day'
import { planSeries } from '../../electron/services/studio/series-plan'
import { dateKeyOf, localParts } from '../../shared/time'

const iso = (ms: number) => new Date(ms).toISOString()

describe('planSeries', () => {
  it('keeps 07:00 local in New York across the March change (EST → EDT)', () => {
    const plan = planSeries(
      { firstDate: '2025-03-02', startTime: '07:00', weeks: 3, releaseDaysBefore: null },
      'America/New_York',
    )
    expect(plan.map((p) => iso(p.startMs))).toEqual([
      '2025-03-02T12:00:00.000Z',
      '2025-03-09T11:00:00.000Z',
      '2025-03-16T11:00:00.000Z',
    ])
    expect(plan.map((p) => p.key)).toEqual([20250302, 20250309, 20250316])
    expect(
      plan.every((p) => p.localTime === '07:00' && p.note === null && p.releaseMs === null),
    ).toBe(true)
  })

  it('keeps 18:00 local in Sydney across the April change (AEDT → AEST)', () => {
    const plan = planSeries(
      { firstDate: '2025-03-30', startTime: '18:00', weeks: 2, releaseDaysBefore: 2 },
      'Australia/Sydney',
    )
    expect(plan.map((p) => iso(p.startMs))).toEqual([
      '2025-03-30T07:00:00.000Z',
      '2025-04-06T08:00:00.000Z',
    ])
    // Released two days before at 18:00 local: 4 April is still daylight time.
    expect(plan.map((p) => (p.releaseMs === null ? null : iso(p.releaseMs)))).toEqual([
      '2025-03-28T07:00:00.000Z',
      '2025-04-04T07:00:00.000Z',
    ])
  })

  it('moves a start inside the spring-forward gap to the first time that exists, and says so', () => {
    const [, gap] = planSeries(
      { firstDate: '2025-03-02', startTime: '02:30', weeks: 2, releaseDaysBefore: null },
      'America/New_York',
    )
    expect(gap).toMatchObject({ key: 20250309, localTime: '03:30' })
    expect(gap!.note).toBe(
      '02:30 does not exist on this day (the clocks go forward), so the class starts at 03:30.',
    )
  })

  it('lands every session on the same weekday and local wall time (property)', () => {
    const zones = ['Europe/London', 'America/Los_Angeles', 'Australia/Lord_Howe', 'Asia/Kolkata']
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }),
        fc.integer({ min: 5, max: 22 }),
        fc.constantFrom(0, 15, 30, 45),
        fc.constantFrom(...zones),
        (date, hour, minute, zone) => {
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`
          const plan = planSeries(
            {
              firstDate: iso(date.getTime()).slice(0, 10),
              startTime: time,
              weeks: 30,
              releaseDaysBefore: 3,
            },
            zone,
          )
          const weekday = calendarColumns(plan[0]!.key).day_of_week
          for (const p of plan) {
            const local = localParts(p.startMs, zone)
            expect([local.hour, local.minute]).toEqual([hour, minute])
            expect(dateKeyOf(p.startMs, zone)).toBe(p.key)
            expect(calendarColumns(p.key).day_of_week).toBe(weekday)
            expect(p.releaseMs).toBeLessThan(p.startMs)
          }
        },
      ),
      { numRuns: 60 },
    )
  })
})

describe('calendarColumns', () => {
  it.each([
    [20250316, { week_number: 11, year: 2025, month: 3, day_of_week: 'Sunday', is_weekend: 1 }],
    [20250317, { week_number: 12, year: 2025, month: 3, day_of_week: 'Monday', is_weekend: 0 }],
    // ISO week 1 of 2025 begins on Monday 30 December 2024; the year column is the calendar's.
    [20241230, { week_number: 1, year: 2024, month: 12, day_of_week: 'Monday', is_weekend: 0 }],
    [20210101, { week_number: 53, year: 2021, month: 1, day_of_week: 'Friday', is_weekend: 0 }],
    [20250104, { week_number: 1, year: 2025, month: 1, day_of_week: 'Saturday', is_weekend: 1 }],
  ])('%d', (key, expected) => {
    expect(calendarColumns(key)).toEqual(expected)
  })

  it('addDays crosses months and years', () => {
    expect(addDays(20241229, 7)).toBe(20250105)
    expect(addDays(20250301, -1)).toBe(20250228)
    expect(addDays(20240301, -1)).toBe(20240229)
  })
})

describe('localDayRange', () => {
  it('spans 23 hours on the spring-forward day and 25 on the fall-back day', () => {
    const spring = localDayRange('2025-03-30', 'Europe/London')
    expect([iso(spring.fromMs), iso(spring.toMs)]).toEqual([
      '2025-03-30T00:00:00.000Z',
      '2025-03-30T23:00:00.000Z',
    ])
    const autumn = localDayRange('2025-10-26', 'Europe/London')
    expect((autumn.toMs - autumn.fromMs) / 3_600_000).toBe(25)
  })

  it('starts at local midnight in zones ahead of UTC', () => {
    expect(iso(localDayRange('2025-03-10', 'Pacific/Auckland').fromMs)).toBe(
      '2025-03-09T11:00:00.000Z',
    )
  })
})
