import { dateKeyOf, nextDateKey, type DateKey } from '../../../shared/time'
import { dayNumberOf } from './day-bits'

const DAY_MS = 86_400_000
/** dateKeyOf gives one day per quarter hour (offsets change on quarter-hour boundaries). */
const QUARTER_HOUR_MS = 15 * 60_000
/** Every zone's offset from UTC lies within this. */
const MAX_OFFSET_MS = 15 * 3_600_000
/**
 * Added either side of a day's span: events keep the day they were given when written, and a
 * zone's rules may have moved since (a new DST date, an offset changed by an hour or two).
 */
export const DAY_SPAN_PAD_MS = 3 * 3_600_000

/** The first instant whose local day in `timeZone` is `dateKey` or later. */
function firstInstantOf(dateKey: DateKey, timeZone: string) {
  const midnightUtc = dayNumberOf(dateKey) * DAY_MS
  // In quarter hours: dateKeyOf(lo) < dateKey <= dateKeyOf(hi).
  let lo = Math.floor((midnightUtc - MAX_OFFSET_MS) / QUARTER_HOUR_MS)
  let hi = Math.ceil((midnightUtc + MAX_OFFSET_MS) / QUARTER_HOUR_MS)
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (dateKeyOf(mid * QUARTER_HOUR_MS, timeZone) >= dateKey) hi = mid
    else lo = mid
  }
  return hi * QUARTER_HOUR_MS
}

/**
 * The instants [from, to) holding every event stored with day `dateKey` in `timeZone` (the zone
 * fct_event.date_key was computed in), padded by DAY_SPAN_PAD_MS; cached per zone and day.
 */
export class DaySpans {
  private readonly spans = new Map<DateKey, [number, number]>()

  constructor(private readonly timeZone: string) {}

  of(dateKey: DateKey): [number, number] {
    let span = this.spans.get(dateKey)
    if (!span) {
      span = [
        firstInstantOf(dateKey, this.timeZone) - DAY_SPAN_PAD_MS,
        firstInstantOf(nextDateKey(dateKey), this.timeZone) + DAY_SPAN_PAD_MS,
      ]
      this.spans.set(dateKey, span)
    }
    return span
  }
}
