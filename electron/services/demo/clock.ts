import { dateKeyOf, zonedTimeToEpoch, type DateKey } from '../../../shared/time'

export const MINUTE_MS = 60_000
export const HOUR_MS = 60 * MINUTE_MS
export const DAY_MS = 24 * HOUR_MS

/** UTC ISO-8601 text with milliseconds, the format of every entry table. */
export const iso = (ms: number) => new Date(ms).toISOString()

const parts = (key: DateKey) => ({
  year: Math.floor(key / 10000),
  month: Math.floor(key / 100) % 100,
  day: key % 100,
})

/** Calendar arithmetic on day keys (no zone involved). */
export function addDays(key: DateKey, days: number): DateKey {
  const { year, month, day } = parts(key)
  const d = new Date(Date.UTC(year, month - 1, day + days))
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate()
}

export function daysBetween(from: DateKey, to: DateKey): number {
  const a = parts(from)
  const b = parts(to)
  return Math.round(
    (Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS,
  )
}

export function dayRange(from: DateKey, to: DateKey): DateKey[] {
  const keys: DateKey[] = []
  for (let key = from; key <= to; key = addDays(key, 1)) keys.push(key)
  return keys
}

/** Local wall-clock times in the reporting zone, as instants. */
export class LocalClock {
  /** UTC offset of a day without a clock change, or null on the days clocks change. */
  private readonly dayOffsets = new Map<DateKey, number | null>()
  private readonly hourStarts = new Map<number, number>()

  constructor(readonly timeZone: string) {}

  /** The instant of `hour:minute:second` local time on a day (minutes may run past 59). */
  at(key: DateKey, hour: number, minute = 0, second = 0): number {
    const { year, month, day } = parts(key)
    const offset = this.offsetOn(key)
    if (offset !== null) {
      return Date.UTC(year, month - 1, day, hour, minute) - offset + Math.round(second * 1000)
    }
    const cacheKey = key * 100 + hour
    let start = this.hourStarts.get(cacheKey)
    if (start === undefined) {
      start = zonedTimeToEpoch({ year, month, day, hour, minute: 0 }, this.timeZone)
      this.hourStarts.set(cacheKey, start)
    }
    return start + minute * MINUTE_MS + Math.round(second * 1000)
  }

  dayOf(ms: number): DateKey {
    return dateKeyOf(ms, this.timeZone)
  }

  private offsetOn(key: DateKey): number | null {
    let offset = this.dayOffsets.get(key)
    if (offset === undefined) {
      const midnightOffset = (k: DateKey) => {
        const p = parts(k)
        return Date.UTC(p.year, p.month - 1, p.day) - zonedTimeToEpoch(p, this.timeZone)
      }
      const here = midnightOffset(key)
      offset = here === midnightOffset(addDays(key, 1)) ? here : null
      this.dayOffsets.set(key, offset)
    }
    return offset
  }
}
