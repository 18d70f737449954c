import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  dateKeyOf,
  isoWeekNumber,
  isoWeekday,
  localHourOf,
  nextDateKey,
  zonedTimeToEpoch,
} from '../../shared/time'

const utc = (iso: string) => Date.parse(iso)

describe('dateKeyOf: the local calendar day of an instant', () => {
  it.each([
    ['2025-03-30T21:59:59.999Z', 'Europe/Berlin', 20250330], // 23:59:59 CEST
    ['2025-03-30T22:00:00.000Z', 'Europe/Berlin', 20250331],
    ['2025-10-26T22:59:59.000Z', 'Europe/Berlin', 20251026], // 23:59 CET after the fall-back
    ['2025-10-26T23:00:00.000Z', 'Europe/Berlin', 20251027],
    ['2025-01-01T04:59:00.000Z', 'America/New_York', 20241231],
    ['2025-01-01T05:00:00.000Z', 'America/New_York', 20250101],
    ['2024-12-31T18:29:00.000Z', 'Asia/Kolkata', 20241231], // +05:30
    ['2024-12-31T18:30:00.000Z', 'Asia/Kolkata', 20250101],
    ['2025-06-15T12:00:00.000Z', 'UTC', 20250615],
  ])('%s in %s is %d', (instant, zone, expected) => {
    expect(dateKeyOf(utc(instant), zone)).toBe(expected)
  })

  it('agrees with Intl for random instants and zones (the cache never changes an answer)', () => {
    const zones = [
      'Europe/Berlin',
      'America/Los_Angeles',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'UTC',
    ]
    fc.assert(
      fc.property(
        fc.integer({ min: utc('2000-01-01T00:00:00Z'), max: utc('2040-01-01T00:00:00Z') }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          const parts = new Intl.DateTimeFormat('en-CA', {
            timeZone: zone,
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
          }).format(new Date(ms))
          expect(dateKeyOf(ms, zone)).toBe(Number(parts.replaceAll('-', '')))
        },
      ),
      { numRuns: 3000 },
    )
  })
})

describe('localHourOf: the local wall-clock hour of an instant', () => {
  it.each([
    ['2025-03-30T00:59:59.999Z', 'Europe/Berlin', 1], // the last CET second before the jump
    ['2025-03-30T01:00:00.000Z', 'Europe/Berlin', 3], // 02:00 is skipped
    ['2025-10-26T00:30:00.000Z', 'Europe/Berlin', 2], // first 02:30 (CEST)
    ['2025-10-26T01:30:00.000Z', 'Europe/Berlin', 2], // second 02:30 (CET)
    ['2025-06-01T12:14:00.000Z', 'Asia/Kathmandu', 17], // +05:45
  ])('%s in %s is hour %i', (iso, zone, hour) => {
    expect(localHourOf(utc(iso), zone)).toBe(hour)
  })

  it('agrees with Intl for random instants and zones (the offset cache never changes an answer)', () => {
    const zones = ['Europe/Berlin', 'America/Los_Angeles', 'Australia/Lord_Howe', 'Asia/Kathmandu']
    fc.assert(
      fc.property(
        fc.integer({ min: utc('2000-01-01T00:00:00Z'), max: utc('2040-01-01T00:00:00Z') }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          const hour = new Intl.DateTimeFormat('en-GB', {
            timeZone: zone,
            hour: '2-digit',
            hourCycle: 'h23',
          }).format(new Date(ms))
          expect(localHourOf(ms, zone)).toBe(Number(hour))
        },
      ),
      { numRuns: 3000 },
    )
  })
})

describe('the offset cache around clock changes', () => {
  // Random instants seldom land on a day with a clock change, where the cache changes strategy:
  // every 7 minutes through the months with changes (north and south) checks those days.
  it('dateKeyOf and localHourOf agree with Intl every 7 minutes through March–April and October–November 2025', () => {
    const zones = ['Europe/Berlin', 'America/Los_Angeles', 'Australia/Lord_Howe', 'Asia/Kathmandu']
    const windows = [
      [utc('2025-03-01T00:00:00Z'), utc('2025-05-01T00:00:00Z')],
      [utc('2025-10-01T00:00:00Z'), utc('2025-12-01T00:00:00Z')],
    ] as const
    for (const zone of zones) {
      const intl = new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        hourCycle: 'h23',
      })
      let checked = 0
      for (const [from, to] of windows) {
        for (let ms = from; ms < to; ms += 7 * 60_000) {
          const parts = Object.fromEntries(
            intl.formatToParts(new Date(ms)).map((part) => [part.type, part.value]),
          )
          const key = Number(`${parts.year}${parts.month}${parts.day}`)
          if (dateKeyOf(ms, zone) !== key || localHourOf(ms, zone) !== Number(parts.hour))
            expect([
              zone,
              new Date(ms).toISOString(),
              dateKeyOf(ms, zone),
              localHourOf(ms, zone),
            ]).toEqual([zone, new Date(ms).toISOString(), key, Number(parts.hour)])
          checked++
        }
      }
      expect(checked).toBeGreaterThan(25_000)
    }
  })
})

describe('zonedTimeToEpoch: a local wall-clock time to an instant', () => {
  it('round-trips ordinary times', () => {
    expect(zonedTimeToEpoch({ year: 2025, month: 7, day: 1, hour: 9 }, 'America/New_York')).toBe(
      utc('2025-07-01T13:00:00Z'),
    )
    expect(zonedTimeToEpoch({ year: 2025, month: 1, day: 1 }, 'Asia/Kolkata')).toBe(
      utc('2024-12-31T18:30:00Z'),
    )
  })
  it('moves a time skipped by the spring-forward jump forward by the jump', () => {
    expect(
      zonedTimeToEpoch({ year: 2025, month: 3, day: 30, hour: 2, minute: 30 }, 'Europe/Berlin'),
    ).toBe(utc('2025-03-30T01:30:00Z'))
  })
  it('takes the earlier of a time that happens twice', () => {
    expect(
      zonedTimeToEpoch({ year: 2025, month: 10, day: 26, hour: 2, minute: 30 }, 'Europe/Berlin'),
    ).toBe(utc('2025-10-26T00:30:00Z'))
  })
})

describe('calendar arithmetic', () => {
  it('nextDateKey crosses months, years and leap days', () => {
    expect(nextDateKey(20241231)).toBe(20250101)
    expect(nextDateKey(20240228)).toBe(20240229)
    expect(nextDateKey(20250228)).toBe(20250301)
  })
  it('ISO weekday and week numbers at year boundaries', () => {
    expect(isoWeekday(20250101)).toBe(3)
    expect(isoWeekday(20250105)).toBe(7)
    expect(isoWeekNumber(20201231)).toBe(53)
    expect(isoWeekNumber(20210103)).toBe(53)
    expect(isoWeekNumber(20210104)).toBe(1)
    expect(isoWeekNumber(20241230)).toBe(1)
  })
  it('a week number is the same for the seven days from a Monday', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), (offset) => {
        let key = 20000103 // a Monday
        for (let i = 0; i < offset; i++) key = nextDateKey(key)
        while (isoWeekday(key) !== 1) key = nextDateKey(key)
        const week = isoWeekNumber(key)
        let day = key
        for (let i = 0; i < 6; i++) {
          day = nextDateKey(day)
          expect(isoWeekNumber(day)).toBe(week)
        }
      }),
      { numRuns: 50 },
    )
  })
})
