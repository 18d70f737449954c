import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DAY_SPAN_PAD_MS, DaySpans } from '../../electron/services/rollups/day-span'
import { dateKeyOf } from '../../shared/time'

// The upkeep reads a stored day's events within DaySpans.of(day): every instant whose local day
// is that day must lie inside it, across clock changes and odd offsets.

const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC']
const FROM = Date.UTC(2024, 0, 1)
const TO = Date.UTC(2027, 0, 1)

describe('a stored day’s span of instants', () => {
  it('holds every instant of that local day, and little more', () => {
    for (const zone of ZONES) {
      const spans = new DaySpans(zone)
      fc.assert(
        fc.property(fc.integer({ min: FROM, max: TO }), (ts) => {
          const [from, to] = spans.of(dateKeyOf(ts, zone))
          expect(ts).toBeGreaterThanOrEqual(from)
          expect(ts).toBeLessThan(to)
          // A local day lasts at most 25 hours (26 would need two changes in one day).
          expect(to - from).toBeLessThanOrEqual(25 * 3_600_000 + 2 * DAY_SPAN_PAD_MS)
        }),
        { numRuns: 2_000 },
      )
    }
  })

  it('starts exactly at local midnight (plus the pad) on a clock-change day', () => {
    const spans = new DaySpans('Europe/Berlin')
    // 2025-03-30: Berlin's midnight is 23:00 UTC the day before; the day has 23 hours.
    const [from, to] = spans.of(20250330)
    expect(from + DAY_SPAN_PAD_MS).toBe(Date.UTC(2025, 2, 29, 23))
    expect(to - DAY_SPAN_PAD_MS).toBe(Date.UTC(2025, 2, 30, 22))
  })
})
