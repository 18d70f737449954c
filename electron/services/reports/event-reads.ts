import type BetterSqlite3 from 'better-sqlite3'
import { dateKeyOf, zonedTimeToEpoch } from '../../../shared/time'
import type { Frame } from './frame'
import { civilOfDay, dayOfKey } from './periods'

/** The first instant (epoch ms) of a local day (days since 1970-01-01) in the zone. */
export function startOfLocalDay(day: number, timeZone: string) {
  const c = civilOfDay(day)
  return zonedTimeToEpoch({ year: c.year, month: c.month, day: c.day }, timeZone)
}

/** Epoch ms bounds [first instant of day `from`, first instant of the day after `to`) in the zone. */
export function instantBounds(frame: Pick<Frame, 'zone'>, from: number, to: number) {
  return [startOfLocalDay(from, frame.zone), startOfLocalDay(to + 1, frame.zone)] as const
}

/**
 * Local days of instants that come mostly in time order (an index read): the current day's
 * span is kept, so most instants cost two comparisons instead of a zone conversion.
 */
export function orderedDays(timeZone: string) {
  let start = Infinity
  let end = -Infinity
  let day = 0
  return {
    dayOf(ts: number) {
      if (ts < start || ts >= end) {
        day = dayOfKey(dateKeyOf(ts, timeZone))
        start = startOfLocalDay(day, timeZone)
        end = startOfLocalDay(day + 1, timeZone)
      }
      return day
    },
    /** The first instant of the day `dayOf` last answered. */
    get start() {
      return start
    },
  }
}

const WEEK_MS = 7 * 86_400_000

/**
 * The rows of `statement` (raw), whose first two parameters bound a time range [lo, hi),
 * asked for a week at a time: `all()` crosses into SQLite once per week instead of once per
 * row (about twice as fast), and a week of even ten million events a year stays a few MB.
 */
export function* weekByWeek<Row>(
  statement: BetterSqlite3.Statement,
  lo: number,
  hi: number,
  ...params: unknown[]
): Generator<Row> {
  for (let start = lo; start < hi; start += WEEK_MS) {
    const end = Math.min(hi, start + WEEK_MS)
    yield* statement.all(start, end, ...params) as Row[]
  }
}
