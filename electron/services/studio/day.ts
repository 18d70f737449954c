import type BetterSqlite3 from 'better-sqlite3'
import type { StudioDay, StudioLocation } from '../../../shared/contract/studio'
import { dateKeyOf, dateKeyToIso, isoToDateKey, zonedTimeToEpoch } from '../../../shared/time'
import { addDays, partsOf } from './calendar'
import { classesBetween } from './classes'

/** The instants a local calendar day spans, [from, to), in a zone (23 or 25 hours on DST days). */
export function localDayRange(date: string, timeZone: string) {
  const key = isoToDateKey(date)
  return {
    fromMs: zonedTimeToEpoch(partsOf(key), timeZone),
    toMs: zonedTimeToEpoch(partsOf(addDays(key, 1)), timeZone),
  }
}

export function todayIn(timeZone: string, nowMs: number) {
  return dateKeyToIso(dateKeyOf(nowMs, timeZone))
}

export function readDay(sqlite: BetterSqlite3.Database, date: string, timeZone: string): StudioDay {
  const { fromMs, toMs } = localDayRange(date, timeZone)
  const classes = classesBetween(
    sqlite,
    new Date(fromMs).toISOString(),
    new Date(toMs).toISOString(),
  )
  return { date, timeZone, classes }
}

export function readLocations(sqlite: BetterSqlite3.Database): StudioLocation[] {
  return sqlite
    .prepare(
      `SELECT location_id AS locationId, location_name AS locationName, city
       FROM dim_location ORDER BY location_name COLLATE NOCASE`,
    )
    .all() as StudioLocation[]
}
