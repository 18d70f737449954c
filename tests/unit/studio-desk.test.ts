import { describe, expect, it } from 'vitest'
import {
  emptyDraft,
  validateDraft,
  type SeriesDraft,
} from '../../renderer/src/sections/studio/series-form'
import {
  clock,
  defaultClass,
  entryState,
  freePlaces,
  matchState,
  phaseLabel,
  shiftDate,
  todayIn,
  zoneNote,
} from '../../renderer/src/sections/studio/studio-format'
import type { RosterEntry, StudioClass } from '../../shared/contract/studio'

const MIN = 60_000

const cls = (datetime: string, over: Partial<StudioClass> = {}): StudioClass => ({
  sessionId: datetime,
  classCode: 'VIN',
  className: 'Vinyasa',
  instructorName: null,
  locationId: 'L1',
  locationName: 'Central',
  datetime,
  durationMins: 60,
  capacity: 20,
  releaseTimestamp: null,
  seriesId: null,
  booked: 0,
  checkedIn: 0,
  placesTaken: 0,
  ...over,
})

describe('the desk’s reading of classes', () => {
  const morning = cls('2025-03-04T07:00:00.000Z')
  const evening = cls('2025-03-04T18:30:00.000Z')
  const at = (iso: string) => Date.parse(iso)

  it('chooses the first class not yet over, else the last one', () => {
    expect(defaultClass([morning, evening], at('2025-03-04T06:00:00Z'))).toBe(morning)
    expect(defaultClass([morning, evening], at('2025-03-04T07:59:00Z'))).toBe(morning)
    expect(defaultClass([morning, evening], at('2025-03-04T08:00:00Z'))).toBe(evening)
    expect(defaultClass([morning, evening], at('2025-03-04T22:00:00Z'))).toBe(evening)
    expect(defaultClass([], 0)).toBeNull()
  })

  it('says where a class stands', () => {
    const start = Date.parse(evening.datetime)
    expect(phaseLabel(evening, start - 3 * 60 * MIN)).toBe('Upcoming')
    expect(phaseLabel(evening, start - 25 * MIN + 1)).toBe('Starts in 25 min')
    expect(phaseLabel(evening, start)).toBe('In progress')
    expect(phaseLabel(evening, start + 60 * MIN)).toBe('Ended')
  })

  it('shows times in the studio’s zone, not the browser’s', () => {
    expect(clock(evening.datetime, 'Europe/London', 'en-GB')).toBe('18:30')
    expect(clock(evening.datetime, 'America/New_York', 'en-GB')).toBe('13:30')
    expect(zoneNote('Europe/London', 'Europe/London')).toBeNull()
    expect(zoneNote('America/New_York', 'Europe/London')).toBe('Times in America/New York')
  })

  it('counts free places, never below zero', () => {
    expect(freePlaces(cls('x', { capacity: 10, placesTaken: 7 }))).toBe(3)
    expect(freePlaces(cls('x', { capacity: 10, placesTaken: 12 }))).toBe(0)
    expect(freePlaces(cls('x', { capacity: null }))).toBeNull()
  })

  it('moves between calendar days and knows today in a zone', () => {
    expect(shiftDate('2025-03-01', -1)).toBe('2025-02-28')
    expect(shiftDate('2024-12-31', 1)).toBe('2025-01-01')
    const instant = Date.parse('2025-03-10T11:30:00Z')
    expect(todayIn('Pacific/Auckland', instant)).toBe('2025-03-11')
    expect(todayIn('UTC', instant)).toBe('2025-03-10')
  })
})

describe('the state of a person on the list', () => {
  const entry = (over: Partial<RosterEntry>): RosterEntry => ({
    userId: 'M1',
    name: 'Ana',
    email: null,
    phone: null,
    bookingId: null,
    bookingStatus: null,
    bookedAt: null,
    attendanceId: null,
    checkedInAt: null,
    walkIn: false,
    ...over,
  })

  it.each([
    [{ bookingStatus: 'booked' as const }, 'expected'],
    [{ bookingStatus: 'booked' as const, attendanceId: 'a' }, 'checked_in'],
    [{ attendanceId: 'a', walkIn: true }, 'walk_in'],
    [{ bookingStatus: 'late_cancel' as const }, 'late_cancel'],
    [{ bookingStatus: 'no_show' as const }, 'no_show'],
  ])('%o is %s', (over, state) => {
    expect(entryState(entry(over))).toBe(state)
  })

  it('labels search results by what they have in the class', () => {
    expect(matchState({ bookingStatus: null, checkedIn: false })).toBeNull()
    expect(matchState({ bookingStatus: 'booked', checkedIn: true })).toBe('Checked in')
    expect(matchState({ bookingStatus: 'booked', checkedIn: false })).toBe('Booked')
    expect(matchState({ bookingStatus: 'late_cancel', checkedIn: false })).toBe('Late cancel')
  })
})

describe('the series form', () => {
  const filled: SeriesDraft = {
    ...emptyDraft('2025-03-16'),
    classCode: 'YIN',
    className: 'Yin Yoga',
    locationId: 'L1',
  }

  it('turns the typed text into the contract’s input', () => {
    const result = validateDraft({ ...filled, instructorName: '  ', releaseDaysBefore: '' })
    expect(result).toEqual({
      ok: true,
      input: {
        classCode: 'YIN',
        className: 'Yin Yoga',
        instructorName: null,
        instructorId: null,
        locationId: 'L1',
        firstDate: '2025-03-16',
        startTime: '18:00',
        weeks: 10,
        durationMins: 60,
        capacity: 20,
        releaseDaysBefore: null,
      },
    })
  })

  it('reports each field’s first problem under its own name', () => {
    const result = validateDraft({
      ...filled,
      className: '',
      weeks: 'ten',
      capacity: '0',
      firstDate: '2025-02-30',
      locationId: '',
    })
    expect(result).toEqual({
      ok: false,
      errors: {
        className: 'Class name is required',
        weeks: 'Number of weeks must be a number',
        capacity: 'Capacity must be at least 1 place',
        firstDate: 'First date is not a real calendar date',
        locationId: 'Choose a location',
      },
    })
  })
})
