import { describe, expect, it } from 'vitest'
import {
  distanceUnit,
  formatKm,
  toKg,
  toKm,
  unitInHeader,
  weightUnit,
} from '../../electron/services/imports/parse/units'
import {
  parseDayMonthYear,
  parseWallClock,
} from '../../electron/services/imports/presets/fitness-dates'
import { joinNotes, workoutMinutes } from '../../electron/services/imports/presets/fitness-sets'

const ZONE = 'Europe/Berlin'

describe('units', () => {
  it('converts pounds and miles exactly, to four decimals of a kg and to the metre', () => {
    // 135 × 0.45359237 = 61.23496995
    expect(toKg(135, 'lb')).toBe(61.235)
    // Hevy prints 40 kg as 88.18 lb: 88.18 × 0.45359237 = 39.99777…
    expect(toKg(88.18, 'lb')).toBe(39.9978)
    expect(toKg(62.5, 'kg')).toBe(62.5)
    // 2.4 × 1.609344 = 3.8624256
    expect(toKm(2.4, 'mi')).toBe(3.862)
    expect(toKm(5000, 'm')).toBe(5)
    expect(toKm(1000, 'ft')).toBe(0.305)
  })

  it('reads units as exports spell them', () => {
    expect(['kg', 'KGS', 'lbs', 'lb', 'Pounds', ''].map(weightUnit)).toEqual([
      'kg',
      'kg',
      'lb',
      'lb',
      'lb',
      undefined,
    ])
    expect(['mi.', 'mi', 'Miles', 'meters', 'm', 'km', 'ft', 'stone'].map(distanceUnit)).toEqual([
      'mi',
      'mi',
      'mi',
      'm',
      'm',
      'km',
      'ft',
      undefined,
    ])
  })

  it('finds the unit in a column name', () => {
    expect(unitInHeader('Weight (lbs)')).toBe('lbs')
    expect(unitInHeader('Weight(kg)')).toBe('kg')
    expect(unitInHeader('Distance (meters)')).toBe('meters')
    expect(unitInHeader('weight_kg')).toBe('kg')
    expect(unitInHeader('distance_miles')).toBe('miles')
    expect(unitInHeader('mi.')).toBe('mi.')
    expect(unitInHeader('Weight')).toBeUndefined()
  })

  it('writes distances for the notes', () => {
    expect(formatKm(5)).toBe('5 km')
    expect(formatKm(3.8624256)).toBe('3.862 km')
  })
})

describe('workout start times', () => {
  it('reads Strong’s local time as wall-clock time in the zone', () => {
    const parsed = parseWallClock('2024-03-04 18:02:11', ZONE)
    expect(parsed).toEqual({
      ok: true,
      value: {
        // 18:02:11 in Berlin in winter is 17:02:11 UTC
        epochMs: Date.UTC(2024, 2, 4, 17, 2, 11),
        day: '2024-03-04',
        stamp: '2024-03-04 18:02:11',
      },
    })
  })

  it('reads a 12-hour clock, with a narrow no-break space before PM', () => {
    const parsed = parseWallClock('2024-05-20 6:30:00\u202fPM', ZONE)
    expect(parsed.ok && parsed.value.stamp).toBe('2024-05-20 18:30:00')
    const midnight = parseWallClock('2024-05-20 12:05:00 AM', ZONE)
    expect(midnight.ok && midnight.value.stamp).toBe('2024-05-20 00:05:00')
    expect(parseWallClock('2024-05-20 13:05:00 PM', ZONE).ok).toBe(false)
  })

  it('refuses days that do not exist', () => {
    const parsed = parseWallClock('2024-02-30 10:00:00', ZONE)
    expect(parsed).toEqual({
      ok: false,
      reason: '"2024-02-30 10:00:00" is not a real calendar day',
    })
  })

  it('reads Hevy’s day-month-year times, padded or not', () => {
    const a = parseDayMonthYear('8 Apr 2026, 16:50', ZONE)
    // Summer time in Berlin: UTC+2
    expect(a).toEqual({
      ok: true,
      value: {
        epochMs: Date.UTC(2026, 3, 8, 14, 50),
        day: '2026-04-08',
        stamp: '2026-04-08 16:50:00',
      },
    })
    const b = parseDayMonthYear('02 Jul 2025, 17:56', ZONE)
    expect(b.ok && b.value.stamp).toBe('2025-07-02 17:56:00')
    const c = parseDayMonthYear('2025-07-02 17:56:00', ZONE)
    expect(c.ok && c.value.stamp).toBe('2025-07-02 17:56:00')
    const bad = parseDayMonthYear('31 Feb 2025, 10:00', ZONE)
    expect(bad.ok).toBe(false)
    expect(parseDayMonthYear('8 Foo 2026, 16:50', ZONE).ok).toBe(false)
  })
})

describe('workout helpers', () => {
  it('rounds workout lengths to minutes and drops a timer left running over a day', () => {
    expect(workoutMinutes(3720)).toBe(62)
    expect(workoutMinutes(89)).toBe(1)
    expect(workoutMinutes(null)).toBeNull()
    expect(workoutMinutes(0)).toBeNull()
    expect(workoutMinutes(1440 * 60)).toBe(1440)
    expect(workoutMinutes(1441 * 60)).toBeNull()
  })

  it('joins notes, leaving out empty parts and unifying line breaks', () => {
    expect(joinNotes(['warm-up', null, ' ', 'RPE 8'])).toBe('warm-up; RPE 8')
    expect(joinNotes([null, ''])).toBeNull()
    expect(joinNotes(['Easy pace\r\nkept HR low'])).toBe('Easy pace\nkept HR low')
  })
})
