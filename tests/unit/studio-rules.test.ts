import { describe, expect, it } from 'vitest'
import {
  isLateCancel,
  sortRoster,
  whyNoNoShow,
  whyNoRoomForWalkIn,
  whyNotBookable,
  whyNotCancellable,
  type ClassTiming,
} from '../../electron/services/studio/rules'
import type { RosterEntry } from '../../shared/contract/studio'

const HOUR = 3_600_000
const START = Date.parse('2025-03-04T18:30:00Z')
const ZONE = 'Europe/London'

const timing = (overrides: Partial<ClassTiming> = {}): ClassTiming => ({
  className: 'Barre',
  startMs: START,
  releaseMs: START - 7 * 24 * HOUR,
  capacity: 10,
  placesTaken: 3,
  ...overrides,
})

describe('late cancels', () => {
  it.each([
    [13, false],
    [12.01, false],
    [12, true], // exactly at the window's edge counts as inside it
    [1, true],
    [0.01, true],
  ])('%d hours before the start with a 12-hour window: late %s', (hours, late) => {
    expect(isLateCancel(START, START - hours * HOUR, 12)).toBe(late)
  })

  it('a zero-hour window makes no cancel before the start late', () => {
    expect(isLateCancel(START, START - 1000, 0)).toBe(false)
  })
})

describe('booking', () => {
  it('is open between release and start while there is room', () => {
    expect(whyNotBookable(timing(), START - HOUR, ZONE)).toBeNull()
    expect(
      whyNotBookable(timing({ releaseMs: null, capacity: null }), START - HOUR, ZONE),
    ).toBeNull()
  })

  it('names the moment bookings open, in the studio’s zone', () => {
    expect(whyNotBookable(timing(), START - 8 * 24 * HOUR, ZONE)).toBe(
      'Bookings for Barre open on Tue 25 Feb at 18:30.',
    )
    expect(whyNotBookable(timing(), START - 8 * 24 * HOUR, 'Asia/Tokyo')).toBe(
      'Bookings for Barre open on Wed 26 Feb at 03:30.',
    )
  })

  it('refuses a full class, and one that has started (whatever else holds)', () => {
    expect(whyNotBookable(timing({ placesTaken: 10 }), START - HOUR, ZONE)).toBe(
      'Barre is full: all 10 places are taken.',
    )
    expect(whyNotBookable(timing({ placesTaken: 10 }), START, ZONE)).toBe(
      'Barre started at 18:30, so it can no longer be booked. Check the member in instead.',
    )
  })

  it('lets walk-ins in only while a place is free', () => {
    expect(whyNoRoomForWalkIn(timing({ placesTaken: 9 }))).toBeNull()
    expect(whyNoRoomForWalkIn(timing({ capacity: null, placesTaken: 99 }))).toBeNull()
    expect(whyNoRoomForWalkIn(timing({ placesTaken: 10 }))).toMatch(/^Barre is full: all 10/)
  })
})

describe('cancel and no-show', () => {
  it('cancels only a standing booking of someone not checked in, before the start', () => {
    const t = timing()
    expect(whyNotCancellable(t, 'booked', false, 'Ana', START - HOUR)).toBeNull()
    expect(whyNotCancellable(t, 'late_cancel', false, 'Ana', START - HOUR)).toBe(
      "Ana's booking is already cancelled (late).",
    )
    expect(whyNotCancellable(t, 'booked', true, 'Ana', START - HOUR)).toMatch(/Undo the check-in/)
    expect(whyNotCancellable(t, 'booked', false, 'Ana', START + 1)).toMatch(/Mark Ana as a no-show/)
  })

  it('marks a no-show only after the start, for a booked member who did not check in', () => {
    const t = timing()
    expect(whyNoNoShow(t, 'booked', false, 'Ana', START, ZONE)).toBeNull()
    expect(whyNoNoShow(t, 'booked', false, 'Ana', START - 1, ZONE)).toBe(
      'Barre starts at 18:30. A no-show can be marked only once the class has started.',
    )
    expect(whyNoNoShow(t, 'booked', true, 'Ana', START + HOUR, ZONE)).toBe(
      'Ana is checked in, so cannot be a no-show.',
    )
    expect(whyNoNoShow(t, 'no_show', false, 'Ana', START + HOUR, ZONE)).toBe(
      'Ana is already marked as a no-show.',
    )
    expect(whyNoNoShow(t, 'cancelled', false, 'Ana', START + HOUR, ZONE)).toMatch(
      /booking is cancelled, so it cannot be a no-show/,
    )
  })
})

describe('roster order', () => {
  const entry = (name: string, over: Partial<RosterEntry>): RosterEntry => ({
    userId: name,
    name,
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

  it('puts the people still expected first, then who is here, then cancels and no-shows', () => {
    const sorted = sortRoster([
      entry('Zoe', { bookingStatus: 'no_show' }),
      entry('Yan', { bookingStatus: 'cancelled' }),
      entry('Xia', { attendanceId: 'a1', walkIn: true }),
      entry('bea', { bookingStatus: 'booked' }),
      entry('Wil', { bookingStatus: 'late_cancel' }),
      entry('Abe', { bookingStatus: 'booked', attendanceId: 'a2' }),
      entry('Ada', { bookingStatus: 'booked' }),
    ])
    expect(sorted.map((e) => e.name)).toEqual(['Ada', 'bea', 'Abe', 'Xia', 'Yan', 'Wil', 'Zoe'])
  })
})
