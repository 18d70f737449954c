import { isoWeekday, type DateKey } from '../../../shared/time'
import { calendarColumns } from '../studio/calendar'
import { MINUTE_MS, addDays, dayRange, iso } from './clock'
import type { DemoContext } from './context'

export interface ClassType {
  code: string
  name: string
  minutes: number
  capacity: number
}

export const CLASS_TYPES: readonly ClassType[] = [
  { code: 'VIN', name: 'Vinyasa Flow', minutes: 60, capacity: 24 },
  { code: 'YIN', name: 'Yin Yoga', minutes: 75, capacity: 20 },
  { code: 'PWR', name: 'Power Yoga', minutes: 60, capacity: 22 },
  { code: 'PIL', name: 'Mat Pilates', minutes: 50, capacity: 16 },
  { code: 'BAR', name: 'Barre', minutes: 45, capacity: 18 },
  { code: 'HIIT', name: 'HIIT Circuit', minutes: 45, capacity: 30 },
  { code: 'SPN', name: 'Spin', minutes: 45, capacity: 25 },
  { code: 'DNC', name: 'Dance Cardio', minutes: 60, capacity: 28 },
  { code: 'REF', name: 'Reformer Pilates', minutes: 50, capacity: 12 },
]

/** The weekly timetable: fifteen classes over three studios, in local time. */
const TIMETABLE: readonly [
  weekday: number,
  hour: number,
  minute: number,
  type: string,
  location: number,
  instructor: number,
][] = [
  [1, 7, 0, 'VIN', 0, 0],
  [1, 18, 30, 'HIIT', 1, 1],
  [1, 19, 45, 'YIN', 0, 2],
  [2, 7, 0, 'SPN', 1, 3],
  [2, 12, 15, 'PIL', 2, 4],
  [2, 18, 30, 'PWR', 0, 0],
  [3, 18, 0, 'BAR', 2, 4],
  [3, 19, 30, 'VIN', 1, 2],
  [4, 7, 0, 'HIIT', 1, 1],
  [4, 18, 30, 'REF', 2, 4],
  [5, 12, 15, 'VIN', 0, 5],
  [5, 18, 0, 'DNC', 1, 5],
  [6, 9, 0, 'PWR', 0, 0],
  [6, 10, 30, 'SPN', 1, 3],
  [7, 10, 0, 'YIN', 2, 2],
]

export interface Location {
  id: string
  name: string
}

export interface ClassSession {
  id: string
  type: ClassType
  locationId: string
  key: DateKey
  startMs: number
  endMs: number
  datetime: string
  releaseMs: number
  capacity: number
}

export function writeLocations(ctx: DemoContext, createdMs: number): Location[] {
  const { location } = ctx.rng.faker
  const city = location.city()
  const rows: [string, string, string][] = [
    ['L01', `${city} Central`, city],
    ['L02', `${location.street()} Studio`, city],
    ['L03', `${location.city()} Loft`, location.city()],
  ]
  return rows.map(([id, name, inCity]) => {
    ctx.writer.insert('dim_location', {
      location_id: id,
      location_name: name,
      city: inCity,
      created_at: iso(createdMs),
    })
    return { id, name }
  })
}

/**
 * Every class of the timetable from `from` to two weeks after today, released for booking a
 * week ahead at noon. A few are dropped (holidays) and a few taught by a substitute. The calendar
 * columns are the class's local date in the reporting zone.
 */
export function writeClassSessions(
  ctx: DemoContext,
  locations: readonly Location[],
  from: DateKey,
): ClassSession[] {
  const { rng, clock } = ctx
  const instructors = Array.from({ length: 6 }, (_, i) => ({
    id: 101 + i,
    name: ctx.rng.faker.person.fullName(),
  }))
  const sessions: ClassSession[] = []
  for (const key of dayRange(from, addDays(ctx.today, 14))) {
    const weekday = isoWeekday(key)
    const holiday = key % 10000 === 1225 || key % 10000 === 101
    TIMETABLE.forEach(([day, hour, minute, code, locationIndex, instructorIndex], slot) => {
      if (day !== weekday || holiday || rng.chance(0.015)) return
      const type = CLASS_TYPES.find((t) => t.code === code)
      const location = locations[locationIndex]
      if (!type || !location) throw new Error(`Bad timetable slot ${slot}`)
      const instructor = rng.chance(0.05) ? rng.pick(instructors) : instructors[instructorIndex]
      if (!instructor) throw new Error(`Bad instructor in slot ${slot}`)
      const startMs = clock.at(key, hour, minute)
      const releaseMs = clock.at(addDays(key, -7), 12)
      const series = String(slot + 1).padStart(2, '0')
      const session: ClassSession = {
        id: `CS-${key}-${series}`,
        type,
        locationId: location.id,
        key,
        startMs,
        endMs: startMs + type.minutes * MINUTE_MS,
        datetime: iso(startMs),
        releaseMs,
        capacity: type.capacity,
      }
      ctx.writer.insert('dim_class_session', {
        session_id: session.id,
        class_code: `${code}-${series}`,
        class_name: type.name,
        instructor_id: instructor.id,
        instructor_name: instructor.name,
        location_id: location.id,
        datetime: session.datetime,
        duration_mins: type.minutes,
        ...calendarColumns(key),
        release_timestamp: iso(releaseMs),
        capacity: type.capacity,
        series_id: `SER-${series}`,
        created_at: iso(clock.at(addDays(key, -21), 9)),
      })
      sessions.push(session)
    })
  }
  return sessions.sort((a, b) => a.startMs - b.startMs)
}
