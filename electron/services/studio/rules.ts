import type { BookingStatus, RosterEntry } from '../../../shared/contract/studio'
import { clockTime, dayAndTime } from './format'

// The front desk's rules as pure functions: each returns the sentence that refuses an action, or
// null when the action may go ahead.

const HOUR_MS = 3_600_000

export interface ClassTiming {
  className: string
  startMs: number
  /** Bookable from; null: at any time. */
  releaseMs: number | null
  capacity: number | null
  placesTaken: number
}

/** Cancelling this close to the start (or closer) is a late cancel. */
export function isLateCancel(startMs: number, nowMs: number, lateCancelHours: number) {
  return startMs - nowMs <= lateCancelHours * HOUR_MS
}

const allTaken = (capacity: number) =>
  capacity === 1 ? 'its only place is taken' : `all ${capacity} places are taken`

export function isFull(capacity: number | null, placesTaken: number) {
  return capacity !== null && placesTaken >= capacity
}

export function whyNotBookable(c: ClassTiming, nowMs: number, timeZone: string): string | null {
  if (nowMs >= c.startMs) {
    return `${c.className} started at ${clockTime(c.startMs, timeZone)}, so it can no longer be booked. Check the member in instead.`
  }
  if (c.releaseMs !== null && nowMs < c.releaseMs) {
    return `Bookings for ${c.className} open on ${dayAndTime(c.releaseMs, timeZone)}.`
  }
  if (c.capacity !== null && isFull(c.capacity, c.placesTaken)) {
    return `${c.className} is full: ${allTaken(c.capacity)}.`
  }
  return null
}

/** A walk-in needs a free place; a member with a booking already has one. */
export function whyNoRoomForWalkIn(c: ClassTiming): string | null {
  if (c.capacity === null || !isFull(c.capacity, c.placesTaken)) return null
  return `${c.className} is full: ${allTaken(c.capacity)} by bookings and check-ins. A place frees up when a booking is cancelled or marked as a no-show.`
}

export function whyNotCancellable(
  c: ClassTiming,
  status: BookingStatus,
  checkedIn: boolean,
  member: string,
  nowMs: number,
): string | null {
  if (status !== 'booked') return `${member}'s booking is already ${statusWords(status)}.`
  if (checkedIn) {
    return `${member} is checked in to ${c.className}. Undo the check-in before cancelling the booking.`
  }
  if (nowMs >= c.startMs) {
    return `${c.className} has already started. Mark ${member} as a no-show instead of cancelling.`
  }
  return null
}

export function whyNoNoShow(
  c: ClassTiming,
  status: BookingStatus,
  checkedIn: boolean,
  member: string,
  nowMs: number,
  timeZone: string,
): string | null {
  if (status === 'no_show') return `${member} is already marked as a no-show.`
  if (status !== 'booked')
    return `${member}'s booking is ${statusWords(status)}, so it cannot be a no-show.`
  if (checkedIn) return `${member} is checked in, so cannot be a no-show.`
  if (nowMs < c.startMs) {
    return `${c.className} starts at ${clockTime(c.startMs, timeZone)}. A no-show can be marked only once the class has started.`
  }
  return null
}

export function statusWords(status: BookingStatus) {
  switch (status) {
    case 'booked':
      return 'booked'
    case 'cancelled':
      return 'cancelled'
    case 'late_cancel':
      return 'cancelled (late)'
    case 'no_show':
      return 'marked as a no-show'
  }
}

/** Expected (booked, not here yet), checked in, cancelled, late cancels, no-shows. */
function rank(entry: RosterEntry) {
  if (entry.attendanceId !== null) return 1
  switch (entry.bookingStatus) {
    case 'booked':
      return 0
    case 'cancelled':
      return 2
    case 'late_cancel':
      return 3
    default:
      return 4
  }
}

export function sortRoster(entries: readonly RosterEntry[]): RosterEntry[] {
  return [...entries].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) ||
      a.userId.localeCompare(b.userId),
  )
}
