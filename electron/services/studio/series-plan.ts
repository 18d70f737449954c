import { isoToDateKey, localParts, zonedTimeToEpoch, type DateKey } from '../../../shared/time'
import { addDays, partsOf } from './calendar'

export interface SeriesTiming {
  /** Local date of the first class, YYYY-MM-DD. */
  firstDate: string
  /** Local start time, HH:MM. */
  startTime: string
  weeks: number
  releaseDaysBefore: number | null
}

export interface PlannedSession {
  /** The local date. */
  key: DateKey
  startMs: number
  releaseMs: number | null
  /** The local start time actually used, HH:MM. */
  localTime: string
  /** Said when the asked time does not exist that day. */
  note: string | null
}

const hhmm = (hour: number, minute: number) =>
  `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`

/**
 * One class a week at the same LOCAL wall time, whatever the UTC offset does in between: each
 * start is converted from its own local date. A time skipped when clocks go forward moves to the
 * first time that exists (as Temporal's "compatible" choice does), and the plan says so.
 */
export function planSeries(timing: SeriesTiming, timeZone: string): PlannedSession[] {
  const [hour = 0, minute = 0] = timing.startTime.split(':').map(Number)
  const first = isoToDateKey(timing.firstDate)
  return Array.from({ length: timing.weeks }, (_, week) => {
    const key = addDays(first, 7 * week)
    const startMs = zonedTimeToEpoch({ ...partsOf(key), hour, minute }, timeZone)
    const actual = localParts(startMs, timeZone)
    const localTime = hhmm(actual.hour, actual.minute)
    const asked = hhmm(hour, minute)
    const releaseMs =
      timing.releaseDaysBefore === null
        ? null
        : zonedTimeToEpoch(
            { ...partsOf(addDays(key, -timing.releaseDaysBefore)), hour, minute },
            timeZone,
          )
    return {
      key,
      startMs,
      releaseMs,
      localTime,
      note:
        localTime === asked
          ? null
          : `${asked} does not exist on this day (the clocks go forward), so the class starts at ${localTime}.`,
    }
  })
}
