import type { ReportCell } from '../../../../shared/reports'
import type { DateKey } from '../../../../shared/time'
import { isoWeekday, localParts } from '../../../../shared/time'
import {
  NONE,
  WEEKDAY_NAMES,
  compareLabel,
  defineReport,
  iso,
  pct,
  periodStart,
  ratio,
  rowWith,
  segmentCell,
  seriesPeriods,
  upsert,
  type People,
} from './common'
import { outcomeOf, readBookings, readClasses, readVisits, type ClassRow } from './studio-data'

// Attendance and utilisation. Only classes that have started count (a class later today has no
// check-ins yet and would read as empty). Utilisation = check-ins ÷ capacity, over the classes
// that have a capacity.

const PEOPLE = ['range', 'segment', 'filters'] as const

/** Sessions, capacity and check-ins of a group of classes (for one segment of members). */
class Attendance {
  sessions = new Set<string>()
  capacity = 0
  cappedSessions = new Set<string>()
  checkIns = 0
  cappedCheckIns = 0
  members = new Set<string>()

  addClass(c: ClassRow) {
    if (this.sessions.has(c.sessionId)) return
    this.sessions.add(c.sessionId)
    if (c.capacity !== null) {
      this.capacity += c.capacity
      this.cappedSessions.add(c.sessionId)
    }
  }

  addVisit(userId: string, sessionId: string) {
    this.checkIns += 1
    this.members.add(userId)
    if (this.cappedSessions.has(sessionId)) this.cappedCheckIns += 1
  }

  /** sessions, check_ins, members, avg_per_session, capacity, utilisation_pct */
  cells(): ReportCell[] {
    return [
      this.sessions.size,
      this.checkIns,
      this.members.size,
      ratio(this.checkIns, this.sessions.size, 1),
      this.cappedSessions.size === 0 ? null : this.capacity,
      pct(this.cappedCheckIns, this.capacity),
    ]
  }
}

/**
 * Attendance grouped by a key of the class: every group of started classes gets its sessions
 * and capacity; check-ins go to the member's segment. Without a segment each group is one row;
 * with one, a group has a row per segment that checked in. `empty` is a group's classes without
 * check-ins (for a period or segment nobody came in).
 */
function attendanceGroups(
  classes: readonly ClassRow[],
  visits: readonly { userId: string; sessionId: string }[],
  people: People,
  keyOf: (c: ClassRow) => string,
) {
  const started = new Map<string, { c: ClassRow; key: string }>()
  const classesOf = new Map<string, ClassRow[]>()
  for (const c of classes) {
    if (!c.started) continue
    const key = keyOf(c)
    started.set(c.sessionId, { c, key })
    upsert(classesOf, key, () => []).push(c)
  }
  const empty = (key: string) => {
    const a = new Attendance()
    for (const c of classesOf.get(key) ?? []) a.addClass(c)
    return a
  }
  const groups = new Map<string, Map<string, Attendance>>()
  const cell = (key: string, segment: string) =>
    upsert(
      upsert(groups, key, () => new Map<string, Attendance>()),
      segment,
      () => empty(key),
    )
  if (!people.segmented) for (const key of classesOf.keys()) cell(key, '')
  for (const v of visits) {
    const found = started.get(v.sessionId)
    if (found === undefined) continue
    const segment = people.ofUser(v.userId)
    if (segment === null) continue
    cell(found.key, segment).addVisit(v.userId, v.sessionId)
  }
  return { groups, empty }
}

const ATTENDANCE_COLUMNS = [
  'sessions',
  'check_ins',
  'members',
  'avg_per_session',
  'capacity',
  'utilisation_pct',
]

function attendanceBy(
  name: string,
  title: string,
  column: string,
  what: string,
  keyOf: (c: ClassRow) => string,
) {
  return defineReport(
    {
      name,
      title,
      description: `Check-ins per ${what}: classes held, check-ins, distinct members, average per class, capacity and utilisation (check-ins ÷ capacity).`,
      module: 'studio',
      columns: [column, ...ATTENDANCE_COLUMNS],
      accepts: [...PEOPLE],
    },
    ({ sqlite, s, people }) => {
      const { groups } = attendanceGroups(
        readClasses(sqlite, s),
        readVisits(sqlite, s),
        people,
        keyOf,
      )
      const rows: ReportCell[][] = []
      for (const key of [...groups.keys()].sort(compareLabel)) {
        const bySegment = groups.get(key) ?? new Map<string, Attendance>()
        for (const segment of [...bySegment.keys()].sort(compareLabel)) {
          const a = bySegment.get(segment) as Attendance
          rows.push(rowWith([key, ...a.cells()], segmentCell(people, segment)))
        }
      }
      return { rows }
    },
  )
}

export const studioAttendanceByClass = attendanceBy(
  'studio_attendance_by_class',
  'Attendance by class',
  'class_name',
  'class (by name)',
  (c) => c.className,
)
export const studioAttendanceByInstructor = attendanceBy(
  'studio_attendance_by_instructor',
  'Attendance by instructor',
  'instructor',
  'instructor',
  (c) => c.instructor ?? NONE,
)
export const studioAttendanceByLocation = attendanceBy(
  'studio_attendance_by_location',
  'Attendance by location',
  'location',
  'location',
  (c) => c.location,
)

export const studioAttendance = defineReport(
  {
    name: 'studio_attendance',
    title: 'Attendance over time',
    description:
      'Classes held, check-ins, distinct members, average per class and utilisation per week (or day, month); periods without classes show zeros.',
    module: 'studio',
    columns: ['period', ...ATTENDANCE_COLUMNS],
    accepts: ['range', 'interval', 'segment', 'filters'],
    intervals: ['week', 'day', 'month'],
  },
  ({ sqlite, s, people }) => {
    const classes = readClasses(sqlite, s).filter((c) => c.started)
    const { groups, empty } = attendanceGroups(classes, readVisits(sqlite, s), people, (c) =>
      String(periodStart(c.day, s.interval)),
    )
    const segments = new Set<string>(people.segmented ? [] : [''])
    for (const bySegment of groups.values())
      for (const segment of bySegment.keys()) segments.add(segment)
    const rows: ReportCell[][] = []
    for (const period of seriesPeriods(
      s,
      classes.map((c) => c.day),
    )) {
      for (const segment of [...segments].sort(compareLabel)) {
        const key = String(period)
        const a = groups.get(key)?.get(segment) ?? empty(key)
        rows.push(rowWith([iso(period), ...a.cells()], segmentCell(people, segment)))
      }
    }
    return { rows }
  },
)

export const studioAttendanceWeekdayHour = defineReport(
  {
    name: 'studio_attendance_weekday_hour',
    title: 'Attendance by weekday and hour',
    description:
      'Classes held, check-ins, average per class and utilisation by local weekday and starting hour in the report’s time zone.',
    module: 'studio',
    columns: ['weekday', 'weekday_name', 'hour', ...ATTENDANCE_COLUMNS],
    accepts: [...PEOPLE],
  },
  ({ sqlite, s, people }) => {
    const { groups } = attendanceGroups(
      readClasses(sqlite, s),
      readVisits(sqlite, s),
      people,
      (c) => String(isoWeekday(c.day) * 100 + c.hour),
    )
    const rows: ReportCell[][] = []
    for (const key of [...groups.keys()].sort((a, b) => Number(a) - Number(b))) {
      const weekday = Math.floor(Number(key) / 100)
      const bySegment = groups.get(key) ?? new Map<string, Attendance>()
      for (const segment of [...bySegment.keys()].sort(compareLabel)) {
        const a = bySegment.get(segment) as Attendance
        rows.push(
          rowWith(
            [weekday, WEEKDAY_NAMES[weekday - 1] ?? null, Number(key) % 100, ...a.cells()],
            segmentCell(people, segment),
          ),
        )
      }
    }
    return { rows }
  },
)

export const studioUtilisation = defineReport(
  {
    name: 'studio_utilisation',
    title: 'Utilisation against capacity',
    description:
      'Per month (or week, day): classes with a capacity, places offered, check-ins, utilisation (check-ins ÷ capacity), average fill per class and classes that were full.',
    module: 'studio',
    columns: [
      'period',
      'sessions',
      'sessions_with_capacity',
      'capacity',
      'check_ins',
      'utilisation_pct',
      'avg_fill_pct',
      'full_sessions',
    ],
    accepts: ['range', 'interval'],
    intervals: ['month', 'week', 'day'],
  },
  ({ sqlite, s }) => {
    const classes = readClasses(sqlite, s).filter((c) => c.started)
    const checkIns = new Map<string, number>()
    for (const v of readVisits(sqlite, s))
      checkIns.set(v.sessionId, (checkIns.get(v.sessionId) ?? 0) + 1)
    type Cell = {
      sessions: number
      capped: number
      capacity: number
      cappedIn: number
      fill: number
      full: number
    }
    const cells = new Map<DateKey, Cell>()
    for (const c of classes) {
      const cell = upsert(cells, periodStart(c.day, s.interval), () => ({
        sessions: 0,
        capped: 0,
        capacity: 0,
        cappedIn: 0,
        fill: 0,
        full: 0,
      }))
      cell.sessions += 1
      if (c.capacity === null) continue
      const n = checkIns.get(c.sessionId) ?? 0
      cell.capped += 1
      cell.capacity += c.capacity
      cell.cappedIn += n
      cell.fill += n / c.capacity
      if (n >= c.capacity) cell.full += 1
    }
    const rows = seriesPeriods(
      s,
      classes.map((c) => c.day),
    ).map((period): ReportCell[] => {
      const c = cells.get(period)
      if (c === undefined) return [iso(period), 0, 0, 0, 0, null, null, 0]
      return [
        iso(period),
        c.sessions,
        c.capped,
        c.capacity,
        c.cappedIn,
        pct(c.cappedIn, c.capacity),
        c.capped === 0 ? null : pct(c.fill, c.capped),
        c.full,
      ]
    })
    return { rows }
  },
)

export const studioClassSessions = defineReport(
  {
    name: 'studio_class_sessions',
    title: 'Classes with bookings and check-ins',
    description:
      'Each class in the range: local date and time, capacity, bookings and what became of them (attended, no-show, late cancel, cancelled), walk-ins, check-ins and utilisation.',
    module: 'studio',
    columns: [
      'date',
      'time',
      'class_name',
      'instructor',
      'location',
      'capacity',
      'bookings',
      'attended',
      'no_shows',
      'late_cancels',
      'cancellations',
      'upcoming',
      'walk_ins',
      'check_ins',
      'utilisation_pct',
      'started',
    ],
    accepts: ['range'],
  },
  ({ sqlite, s }) => {
    const classes = readClasses(sqlite, s)
    const byId = new Map(classes.map((c) => [c.sessionId, c]))
    const outcomes = new Map<string, Record<string, number>>()
    const standing = new Set<string>()
    for (const b of readBookings(sqlite, s)) {
      const c = byId.get(b.sessionId)
      if (c === undefined) continue
      const o = upsert(outcomes, b.sessionId, () => ({}) as Record<string, number>)
      const outcome = outcomeOf(b, c.started)
      o[outcome] = (o[outcome] ?? 0) + 1
      o.bookings = (o.bookings ?? 0) + 1
      if (b.status === 'booked' || b.status === 'no_show')
        standing.add(`${b.sessionId}\n${b.userId}`)
    }
    const checkIns = new Map<string, { all: number; walkIns: number }>()
    for (const v of readVisits(sqlite, s)) {
      const n = upsert(checkIns, v.sessionId, () => ({ all: 0, walkIns: 0 }))
      n.all += 1
      if (!standing.has(`${v.sessionId}\n${v.userId}`)) n.walkIns += 1
    }
    const rows = classes.map((c): ReportCell[] => {
      const o = outcomes.get(c.sessionId) ?? {}
      const n = checkIns.get(c.sessionId) ?? { all: 0, walkIns: 0 }
      const local = localParts(c.startMs, s.zone)
      return [
        iso(c.day),
        `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`,
        c.className,
        c.instructor,
        c.location,
        c.capacity,
        o.bookings ?? 0,
        o.attended ?? 0,
        o.no_show ?? 0,
        o.late_cancel ?? 0,
        o.cancelled ?? 0,
        o.upcoming ?? 0,
        n.walkIns,
        n.all,
        c.capacity === null ? null : pct(n.all, c.capacity),
        c.started,
      ]
    })
    return { rows }
  },
)
