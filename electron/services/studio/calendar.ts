import { isoWeekNumber, isoWeekday, type DateKey } from '../../../shared/time'

export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const

/** A class's calendar columns, from its LOCAL date (the demo schedule writes them the same way). */
export function calendarColumns(key: DateKey) {
  const weekday = isoWeekday(key)
  return {
    week_number: isoWeekNumber(key),
    year: Math.floor(key / 10000),
    month: Math.floor(key / 100) % 100,
    day_of_week: WEEKDAYS[weekday - 1] ?? 'Monday',
    is_weekend: weekday >= 6 ? 1 : 0,
  }
}

/** Calendar arithmetic on day keys (no zone involved). */
export function addDays(key: DateKey, days: number): DateKey {
  const d = new Date(
    Date.UTC(Math.floor(key / 10000), (Math.floor(key / 100) % 100) - 1, (key % 100) + days),
  )
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate()
}

export const partsOf = (key: DateKey) => ({
  year: Math.floor(key / 10000),
  month: Math.floor(key / 100) % 100,
  day: key % 100,
})
