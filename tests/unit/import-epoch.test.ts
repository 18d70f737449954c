import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  civilKey,
  daysFromCivil,
  EventTimeReader,
} from '../../electron/services/imports/parse/epoch'
import { dateKeyOf, zonedTimeToEpoch } from '../../shared/time'

const BERLIN = 'Europe/Berlin'

/** What the reader makes of one cell: [epoch ms, µs below it] or the reason it refused. */
function read(text: string, reportingZone = BERLIN, localZone = 'UTC') {
  const reader = new EventTimeReader(reportingZone, localZone)
  const reason = reader.read(text)
  return reason === null ? [reader.ms, reader.micros] : reason
}

describe('epoch numbers, told apart by magnitude (per value)', () => {
  // 2025-01-01T00:00:00Z is 1735689600 s (55 years × 365 days + 14 leap days = 20089 days).
  it.each([
    ['1735689600', 1_735_689_600_000, 0], // seconds: 10 digits
    ['1735689600.25', 1_735_689_600_250, 0],
    ['1735689600.123456', 1_735_689_600_123, 456],
    ['1735689600123', 1_735_689_600_123, 0], // milliseconds: 13 digits
    ['1735689600123.5', 1_735_689_600_123, 500],
    ['1735689600123456', 1_735_689_600_123, 456], // microseconds: 16 digits
    ['1735689600123456789', 1_735_689_600_123, 456], // nanoseconds: 19 digits
    ['32503679999', 32_503_679_999_000, 0], // seconds up to 11 digits (2999-12-31T23:59:59Z)…
    ['100000000000', 100_000_000_000, 0], // …and from 12 digits on, milliseconds (1973-03-03)
    ['32503679999999', 32_503_679_999_999, 0], // milliseconds up to 14 digits…
    ['100000000000000', 100_000_000_000, 0], // …and from 15 digits on, microseconds (1973)
    ['0', 0, 0],
    ['  1735689600  ', 1_735_689_600_000, 0],
    ['0001735689600', 1_735_689_600_000, 0], // leading zeros do not make it larger
  ])('%s', (text, ms, micros) => {
    expect(read(text)).toEqual([ms, micros])
  })

  it('reads microseconds and nanoseconds without a double losing digits', () => {
    // 2^53 + 1 µs would round to 2^53 through Number; the reader slices digits instead.
    expect(read('9007199254740993')).toEqual([9_007_199_254_740, 993])
    expect(read('9007199254740993999')).toEqual([9_007_199_254_740, 993])
  })

  it.each([
    ['-5', /before 1970/],
    ['99999999999', /after the year 2999/], // the largest seconds (year 5138)
    ['99999999999999', /after the year 2999/], // the largest milliseconds
    ['-1735689600', /before 1970/],
    ['123456789012345678901', /too large for an epoch time/],
    ['1.2.3', /not a date and time/],
    ['1e12', /not a date and time/],
    ['', /is empty/],
    ['   ', /is empty/],
  ])('refuses %j', (text, reason) => {
    expect(read(text)).toMatch(reason)
  })
})

describe('dates and times', () => {
  // 2025-01-31T23:30:00Z = 1735689600 + 30 days + 23.5 h = 1738366200 s.
  const instant = 1_738_366_200_000
  it.each([
    ['2025-01-31T23:30:00Z', instant, 0],
    ['2025-01-31t23:30:00z', instant, 0],
    ['2025-02-01T01:30:00+02:00', instant, 0],
    ['2025-02-01T01:30:00+0200', instant, 0],
    ['2025-02-01T00:30:00+01', instant, 0],
    ['2025-01-31T18:30:00-05:00', instant, 0],
    ['2025-02-01T05:00:00+05:30', instant, 0],
    ['2025-01-31 23:30:00 UTC', instant, 0],
    ['2025-01-31 23:30:00 GMT', instant, 0],
    ['2025-01-31 23:30:00 +00:00', instant, 0],
    ['2025-01-31T23:30:00.5Z', instant + 500, 0],
    ['2025-01-31T23:30:00,25Z', instant + 250, 0],
    ['2025-01-31T23:30:00.123456Z', instant + 123, 456],
    ['2025-01-31T23:30:00.123456789Z', instant + 123, 456],
    ['2025-01-31T23:30Z', instant, 0],
    ['2025/01/31 23:30:00Z', instant, 0],
    ['2025-1-31 23:30:00Z', instant, 0],
    ['2025-01-31T9:05:00Z', instant - (14 * 60 + 25) * 60_000, 0],
    // No zone written: UTC (what Amplitude and server logs write).
    ['2025-01-31 23:30:00', instant, 0],
    ['2025-01-31 23:30:00.000001', instant, 1],
    // A date alone: midnight.
    ['2025-02-01', instant + 30 * 60_000, 0],
    ['1970-01-01T00:00:00Z', 0, 0],
    ['2999-12-31T23:59:59Z', 32_503_679_999_000, 0],
  ])('%s', (text, ms, micros) => {
    expect(read(text)).toEqual([ms, micros])
  })

  it.each([
    ['2025-02-29T00:00:00Z', /not a real calendar day/],
    ['2024-02-30', /not a real calendar day/],
    ['2025-13-01', /not a real calendar day/],
    ['2025-01-31T24:00:00Z', /not a real time of day/],
    ['2025-01-31T23:60:00Z', /not a real time of day/],
    ['2025-01-31T23:30:61Z', /not a real time of day/],
    ['1969-12-31T23:59:59Z', /before 1970/],
    ['1970-01-01T00:30:00+01:00', /before 1970/],
    ['3000-01-01T00:00:00Z', /after the year 2999/],
    ['2025-01-31T23:30:00 CET', /not a date and time/],
    ['2025-01-31T23:30:00+2', /not a date and time/],
    ['31/01/2025 23:30', /not a date and time/],
    ['yesterday', /not a date and time/],
    ['2025-01-31T23:30:00.1234567890Z', /not a date and time/],
  ])('refuses %s', (text, reason) => {
    expect(read(text)).toMatch(reason)
  })

  it('2024-02-29 is a real day (leap year), 2100-02-29 is not', () => {
    expect(read('2024-02-29T12:00:00Z')).toEqual([Date.UTC(2024, 1, 29, 12), 0])
    expect(read('2100-02-29')).toMatch(/not a real calendar day/)
    expect(read('2000-02-29')).toEqual([Date.UTC(2000, 1, 29), 0])
  })

  it('a date column and a time-of-day column', () => {
    const reader = new EventTimeReader(BERLIN)
    expect(reader.readDateAndTime('2025-10-26', '00:30:00')).toBeNull()
    expect(reader.ms).toBe(Date.UTC(2025, 9, 26, 0, 30))
    expect(reader.readDateAndTime(' 2025-10-27 ', ' 09:15:30+01:00 ')).toBeNull()
    expect(reader.ms).toBe(Date.UTC(2025, 9, 27, 8, 15, 30))
    expect(reader.readDateAndTime('2025-10-27', '9:15')).toBeNull()
    expect(reader.ms).toBe(Date.UTC(2025, 9, 27, 9, 15))
    expect(reader.readDateAndTime('27.10.2025', '09:15')).toMatch(/not a date and time/)
    expect(EventTimeReader.isTimeOfDay('09:15')).toBe(true)
    expect(EventTimeReader.isTimeOfDay(' 9:15:00 UTC')).toBe(true)
    expect(EventTimeReader.isTimeOfDay('2025-10-27T09:15')).toBe(false)
    expect(EventTimeReader.isTimeOfDay('1735689600')).toBe(false)
  })

  it('agrees with Date.parse on ISO-8601 with a zone, whatever the instant', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 32_503_679_999_999 }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (ms, offsetMinutes) => {
          const shifted = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23)
          const sign = offsetMinutes < 0 ? '-' : '+'
          const abs = Math.abs(offsetMinutes)
          const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
          const text = `${shifted}${zone}`
          expect(read(text)).toEqual([Date.parse(text), 0])
          // The same instant as epoch milliseconds (12 digits or more from 1973-03-03 on).
          if (ms >= 1e11) expect(read(String(ms))).toEqual([ms, 0])
        },
      ),
    )
  })
})

describe('wall-clock times in a zone with summer time (the localZone option)', () => {
  it.each([
    ['2025-03-30 01:59', Date.UTC(2025, 2, 30, 0, 59)], // CET
    ['2025-03-30 02:30', Date.UTC(2025, 2, 30, 1, 30)], // skipped: moved forward (03:30 CEST)
    ['2025-03-30 03:00', Date.UTC(2025, 2, 30, 1, 0)], // CEST
    ['2025-10-26 02:30', Date.UTC(2025, 9, 26, 0, 30)], // happens twice: the first
    ['2025-10-26 03:00', Date.UTC(2025, 9, 26, 2, 0)], // CET again
    ['2025-07-01 12:00:05.5', Date.UTC(2025, 6, 1, 10, 0, 5, 500)],
  ])('%s in Berlin', (text, ms) => {
    expect(read(text, BERLIN, BERLIN)).toEqual([ms, 0])
  })

  it('agrees with zonedTimeToEpoch for any minute, in zones with odd offsets and jumps', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu']
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...zones),
        (wall, zone) => {
          const d = new Date(Math.floor(wall / 60_000) * 60_000)
          const local = {
            year: d.getUTCFullYear(),
            month: d.getUTCMonth() + 1,
            day: d.getUTCDate(),
            hour: d.getUTCHours(),
            minute: d.getUTCMinutes(),
          }
          const text = d.toISOString().slice(0, 16).replace('T', ' ')
          expect(read(text, zone, zone)).toEqual([zonedTimeToEpoch(local, zone), 0])
        },
      ),
      { numRuns: 300 },
    )
  })

  it('one reader across a clock change gives the same answers as fresh readers', () => {
    const reader = new EventTimeReader('UTC', BERLIN)
    const start = Date.UTC(2025, 9, 25, 20, 0)
    for (let m = 0; m < 12 * 60; m += 7) {
      const text = new Date(start + m * 60_000).toISOString().slice(0, 16)
      expect(reader.read(text)).toBeNull()
      expect([reader.ms, reader.micros]).toEqual(read(text, 'UTC', BERLIN))
    }
  })
})

describe('dateKey: the day in the reporting zone', () => {
  it.each([
    [Date.UTC(2025, 2, 29, 23, 0), BERLIN, 20250330],
    [Date.UTC(2025, 2, 29, 22, 59, 59, 999), BERLIN, 20250329],
    [Date.UTC(2025, 9, 26, 22, 59), BERLIN, 20251026],
    [Date.UTC(2025, 9, 26, 23, 0), BERLIN, 20251027],
    [Date.UTC(2025, 0, 1, 4, 59), 'America/New_York', 20241231],
    [Date.UTC(2024, 11, 31, 18, 30), 'Asia/Kolkata', 20250101],
    [0, 'UTC', 19700101],
    [0, 'America/New_York', 19691231],
  ])('%d in %s is %d', (ms, zone, key) => {
    expect(new EventTimeReader(zone).dateKey(ms)).toBe(key)
  })

  it('equals dateKeyOf for instants in any order (the per-day cache never changes an answer)', () => {
    const zones = ['Europe/Berlin', 'America/Los_Angeles', 'Australia/Lord_Howe', 'Asia/Kathmandu']
    const readers = new Map(zones.map((zone) => [zone, new EventTimeReader(zone)]))
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          expect(readers.get(zone)?.dateKey(ms)).toBe(dateKeyOf(ms, zone))
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('equals dateKeyOf minute by minute across both clock changes of a year', () => {
    const reader = new EventTimeReader(BERLIN)
    for (const day of [Date.UTC(2025, 2, 29), Date.UTC(2025, 9, 25)]) {
      for (let ms = day; ms < day + 3 * 86_400_000; ms += 60_000) {
        expect(reader.dateKey(ms)).toBe(dateKeyOf(ms, BERLIN))
      }
    }
  })
})

describe('calendar arithmetic', () => {
  it('daysFromCivil and civilKey agree with Date for every day from 1970 to 3000', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 376_199 }), (days) => {
        const d = new Date(days * 86_400_000)
        const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]
        expect(daysFromCivil(y, m, day)).toBe(days)
        expect(civilKey(days)).toBe(y * 10_000 + m * 100 + day)
      }),
      { numRuns: 2000 },
    )
  })
})
