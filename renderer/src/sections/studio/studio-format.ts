import type { BookingStatus, RosterEntry, StudioClass } from '../../../../shared/contract/studio'

// How the front desk reads classes and people: times in the studio's zone (Settings), in the
// person's own locale.

const MINUTE = 60_000

const timeFormats = new Map<string, Intl.DateTimeFormat>()
function timeFormat(timeZone: string, locale?: string) {
  const key = `${timeZone}|${locale ?? ''}`
  let format = timeFormats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' })
    timeFormats.set(key, format)
  }
  return format
}

export function clock(iso: string | number, timeZone: string, locale?: string) {
  return timeFormat(timeZone, locale).format(typeof iso === 'number' ? iso : Date.parse(iso))
}

export const startMs = (c: StudioClass) => Date.parse(c.datetime)
export const endMs = (c: StudioClass) => startMs(c) + c.durationMins * MINUTE

export function timeRange(c: StudioClass, timeZone: string, locale?: string) {
  return `${clock(startMs(c), timeZone, locale)}–${clock(endMs(c), timeZone, locale)}`
}

/** "Tuesday 4 March 2025" for a local YYYY-MM-DD (a calendar date: no zone involved). */
export function longDate(date: string, locale?: string) {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`))
}

/** The calendar date `days` after a YYYY-MM-DD. */
export function shiftDate(date: string, days: number) {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

export type ClassPhase = 'upcoming' | 'soon' | 'running' | 'ended'

export function phaseOf(c: StudioClass, nowMs: number): ClassPhase {
  if (nowMs >= endMs(c)) return 'ended'
  if (nowMs >= startMs(c)) return 'running'
  return startMs(c) - nowMs <= 60 * MINUTE ? 'soon' : 'upcoming'
}

export function phaseLabel(c: StudioClass, nowMs: number) {
  switch (phaseOf(c, nowMs)) {
    case 'ended':
      return 'Ended'
    case 'running':
      return 'In progress'
    case 'soon':
      return `Starts in ${Math.max(1, Math.ceil((startMs(c) - nowMs) / MINUTE))} min`
    case 'upcoming':
      return 'Upcoming'
  }
}

/** The class the desk most likely wants: the first one not yet over, else the day's last. */
export function defaultClass(classes: readonly StudioClass[], nowMs: number): StudioClass | null {
  return classes.find((c) => endMs(c) > nowMs) ?? classes.at(-1) ?? null
}

export function freePlaces(c: StudioClass): number | null {
  return c.capacity === null ? null : Math.max(0, c.capacity - c.placesTaken)
}

export type EntryState = 'expected' | 'checked_in' | 'walk_in' | BookingStatus

export function entryState(entry: RosterEntry): EntryState {
  if (entry.attendanceId !== null) return entry.walkIn ? 'walk_in' : 'checked_in'
  if (entry.bookingStatus === 'booked') return 'expected'
  return entry.bookingStatus ?? 'expected'
}

export const STATE_LABEL: Record<EntryState, string> = {
  expected: 'Booked',
  checked_in: 'Checked in',
  walk_in: 'Walk-in',
  booked: 'Booked',
  cancelled: 'Cancelled',
  late_cancel: 'Late cancel',
  no_show: 'No-show',
}

/** A search result's state in the chosen class, or null when they have nothing to do with it. */
export function matchState(m: { bookingStatus: BookingStatus | null; checkedIn: boolean }) {
  if (m.checkedIn) return 'Checked in'
  if (m.bookingStatus === 'booked') return 'Booked'
  if (m.bookingStatus === null) return null
  return STATE_LABEL[m.bookingStatus]
}

/** The browser's own zone differs from the studio's: say which zone times are in. */
export function zoneNote(timeZone: string, browserZone: string) {
  return timeZone === browserZone ? null : `Times in ${timeZone.replaceAll('_', ' ')}`
}

/** Today's date (YYYY-MM-DD) in a zone. */
export function todayIn(timeZone: string, nowMs: number) {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(nowMs)
}
