import {
  dateKeyToIso,
  isoWeekNumber,
  isoWeekday,
  nextDateKey,
  type DateKey,
} from '../../../shared/time'

/** One `dim_date` row: a calendar day, with no time zone involved. */
export interface DimDateRow {
  date_key: DateKey
  full_date: string
  year: number
  quarter: number
  month: number
  day_of_month: number
  /** ISO: Monday = 1 … Sunday = 7. */
  day_of_week: number
  /** ISO-8601 week number, 1–53 (a day early in January can be in week 52 or 53). */
  week_of_year: number
  is_weekend: number
}

export function dimDateRow(key: DateKey): DimDateRow {
  const month = Math.floor(key / 100) % 100
  const dayOfWeek = isoWeekday(key)
  return {
    date_key: key,
    full_date: dateKeyToIso(key),
    year: Math.floor(key / 10000),
    quarter: Math.floor((month - 1) / 3) + 1,
    month,
    day_of_month: key % 100,
    day_of_week: dayOfWeek,
    week_of_year: isoWeekNumber(key),
    is_weekend: dayOfWeek >= 6 ? 1 : 0,
  }
}

/** Every calendar day from `from` to `to`, both included (empty when `to` is before `from`). */
export function dimDateRows(from: DateKey, to: DateKey): DimDateRow[] {
  const rows: DimDateRow[] = []
  for (let key = from; key <= to; key = nextDateKey(key)) rows.push(dimDateRow(key))
  return rows
}
