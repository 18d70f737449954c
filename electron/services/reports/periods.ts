import type { ReportInterval } from '../../../shared/reports'

// Days and periods as plain integers. A day is a count of calendar days since 1970-01-01 (the
// rollups' day numbers, day-bits.ts), so consecutive days differ by one whatever the zone's DST
// changes. A period is a day, an ISO week (Monday to Sunday) or a calendar month; its ordinal
// counts periods since 1970 (day number; Monday-based week number; year × 12 + month − 1), so
// the period before ordinal p is p − 1 for every interval.

const MS_PER_DAY = 86_400_000

/** Year, month (1–12) and day of a day number (proleptic Gregorian; Hinnant's civil_from_days). */
export function civilOfDay(day: number): { year: number; month: number; day: number } {
  const z = day + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const month = mp < 10 ? mp + 3 : mp - 9
  return {
    year: yoe + era * 400 + (month <= 2 ? 1 : 0),
    month,
    day: doy - Math.floor((153 * mp + 2) / 5) + 1,
  }
}

export function dayOfCivil(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY)
}

/** The day number of a YYYYMMDD key. */
export function dayOfKey(key: number): number {
  return dayOfCivil(Math.floor(key / 10000), Math.floor(key / 100) % 100, key % 100)
}

/** The YYYYMMDD key of a day number. */
export function keyOfDay(day: number): number {
  const c = civilOfDay(day)
  return c.year * 10000 + c.month * 100 + c.day
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** 'YYYY-MM-DD' of a day number. */
export function isoOfDay(day: number): string {
  const c = civilOfDay(day)
  return `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}`
}

/** The day number of 'YYYY-MM-DD', or null when it is not a real calendar date. */
export function dayOfIso(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!match) return null
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const n = dayOfCivil(year, month, day)
  const back = civilOfDay(n)
  return back.year === year && back.month === month && back.day === day ? n : null
}

/** YYYYMM of a day number. */
export function monthOfDay(day: number): number {
  const c = civilOfDay(day)
  return c.year * 100 + c.month
}

/** The ordinal of the period holding `day`. */
export function ordinalOf(day: number, interval: ReportInterval): number {
  if (interval === 'day') return day
  // Day 0 (1970-01-01) was a Thursday; day 4 was the first Monday.
  if (interval === 'week') return Math.floor((day + 3) / 7)
  const c = civilOfDay(day)
  return c.year * 12 + c.month - 1
}

/** The first day of the period with this ordinal. */
export function startOfOrdinal(ordinal: number, interval: ReportInterval): number {
  if (interval === 'day') return ordinal
  if (interval === 'week') return ordinal * 7 - 3
  return dayOfCivil(Math.floor(ordinal / 12), (ordinal % 12) + 1, 1)
}

/** The last day of the period with this ordinal. */
export function endOfOrdinal(ordinal: number, interval: ReportInterval): number {
  return startOfOrdinal(ordinal + 1, interval) - 1
}

/** Days in the period with this ordinal. */
export function lengthOfOrdinal(ordinal: number, interval: ReportInterval): number {
  return endOfOrdinal(ordinal, interval) - startOfOrdinal(ordinal, interval) + 1
}

/** How a period is written in a `period` or `date` column: its first day, YYYY-MM-DD. */
export function labelOfOrdinal(ordinal: number, interval: ReportInterval): string {
  return isoOfDay(startOfOrdinal(ordinal, interval))
}

/** How a month is written in a `month` (or monthly `cohort`) column: YYYY-MM. */
export function monthLabelOfOrdinal(monthOrdinal: number): string {
  return `${pad(Math.floor(monthOrdinal / 12), 4)}-${pad((monthOrdinal % 12) + 1)}`
}

/**
 * A fast day → period ordinal lookup over [firstDay, lastDay] (months need calendar arithmetic
 * per day otherwise). Days outside fall back to ordinalOf.
 */
export function ordinalLookup(firstDay: number, lastDay: number, interval: ReportInterval) {
  if (interval === 'day') return (day: number) => day
  if (interval === 'week') return (day: number) => Math.floor((day + 3) / 7)
  const length = Math.max(0, lastDay - firstDay + 1)
  const table = new Int32Array(length)
  for (let i = 0; i < length; i++) table[i] = ordinalOf(firstDay + i, interval)
  return (day: number) => {
    const i = day - firstDay
    return i >= 0 && i < length ? (table[i] as number) : ordinalOf(day, interval)
  }
}
