import { randomUUID } from 'node:crypto'
import type {
  SeriesCreated,
  SeriesPlanInput,
  SeriesPreview,
  SeriesSessionPlan,
} from '../../../shared/contract/studio'
import { LogbookError } from '../../../shared/errors'
import { dateKeyToIso, isoWeekNumber } from '../../../shared/time'
import { calendarColumns } from './calendar'
import { auditedRow, inTransaction, type StudioContext } from './context'
import { clockTime, dayDate } from './format'
import { planSeries, type PlannedSession } from './series-plan'

const DAY_MS = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString()

function requireLocation(s: StudioContext, locationId: string): string {
  const name = s.sqlite
    .prepare(`SELECT location_name FROM dim_location WHERE location_id = ?`)
    .pluck()
    .get(locationId) as string | undefined
  if (name === undefined) {
    throw new LogbookError(
      'invalid_input',
      'That location does not exist any more. Choose another location.',
      'locationId',
    )
  }
  return name
}

/** Another class at the same location whose time overlaps, said as "Yin Yoga 18:00–19:15". */
function clashOf(
  s: StudioContext,
  locationId: string,
  startMs: number,
  durationMins: number,
): string | null {
  const endMs = startMs + durationMins * 60_000
  const rows = s.sqlite
    .prepare(
      `SELECT class_name, datetime, duration_mins FROM dim_class_session
       WHERE location_id = ? AND datetime >= ? AND datetime < ? ORDER BY datetime`,
    )
    .all(locationId, iso(startMs - DAY_MS), iso(endMs)) as {
    class_name: string
    datetime: string
    duration_mins: number
  }[]
  for (const row of rows) {
    const otherStart = Date.parse(row.datetime)
    const otherEnd = otherStart + row.duration_mins * 60_000
    if (otherStart < endMs && otherEnd > startMs) {
      return `${row.class_name} ${clockTime(otherStart, s.timeZone)}–${clockTime(otherEnd, s.timeZone)}`
    }
  }
  return null
}

function describe(
  s: StudioContext,
  input: SeriesPlanInput,
  plan: PlannedSession,
): SeriesSessionPlan {
  const weekday = calendarColumns(plan.key).day_of_week
  return {
    date: dateKeyToIso(plan.key),
    weekday,
    localTime: plan.localTime,
    datetime: iso(plan.startMs),
    releaseTimestamp: plan.releaseMs === null ? null : iso(plan.releaseMs),
    weekNumber: isoWeekNumber(plan.key),
    note: plan.note,
    clash: clashOf(s, input.locationId, plan.startMs, input.durationMins),
  }
}

export function previewSeries(s: StudioContext, input: SeriesPlanInput): SeriesPreview {
  const locationName = requireLocation(s, input.locationId)
  const sessions = planSeries(input, s.timeZone).map((plan) => describe(s, input, plan))
  return { timeZone: s.timeZone, locationName, sessions }
}

/** Every class of the series in one transaction: all of them, or none. */
export function createSeries(s: StudioContext, input: SeriesPlanInput): SeriesCreated {
  const plans = planSeries(input, s.timeZone)
  const seriesId = `series-${randomUUID()}`
  const sessionIds = inTransaction(s, () => {
    requireLocation(s, input.locationId)
    const insert = s.sqlite.prepare(
      `INSERT INTO dim_class_session (session_id, class_code, class_name, instructor_id,
         instructor_name, location_id, datetime, duration_mins, week_number, year, month,
         day_of_week, is_weekend, release_timestamp, capacity, series_id, created_at)
       VALUES (@session_id, @class_code, @class_name, @instructor_id, @instructor_name,
         @location_id, @datetime, @duration_mins, @week_number, @year, @month, @day_of_week,
         @is_weekend, @release_timestamp, @capacity, @series_id, @created_at)`,
    )
    return plans.map((plan) => {
      const sessionId = `class-${randomUUID()}`
      const row = { table: 'dim_class_session', keyColumn: 'session_id', key: sessionId }
      auditedRow(s, row, () =>
        insert.run({
          session_id: sessionId,
          class_code: input.classCode,
          class_name: input.className,
          instructor_id: input.instructorId,
          instructor_name: input.instructorName,
          location_id: input.locationId,
          datetime: iso(plan.startMs),
          duration_mins: input.durationMins,
          ...calendarColumns(plan.key),
          release_timestamp: plan.releaseMs === null ? null : iso(plan.releaseMs),
          capacity: input.capacity,
          series_id: seriesId,
          created_at: iso(s.nowMs),
        }),
      )
      return sessionId
    })
  })
  const first = plans[0]
  const last = plans.at(-1)
  const span =
    first && last && plans.length > 1
      ? `, every ${calendarColumns(first.key).day_of_week} from ${dayDate(first.startMs, s.timeZone)} to ${dayDate(last.startMs, s.timeZone)}`
      : first
        ? ` on ${dayDate(first.startMs, s.timeZone)}`
        : ''
  const count = `${plans.length} ${input.className} ${plans.length === 1 ? 'class' : 'classes'}`
  return { seriesId, sessionIds, message: `Created ${count}${span}.` }
}
