import type { ReportCell } from '../../../../shared/reports'
import { isoToDateKey, type DateKey } from '../../../../shared/time'
import { NAME_SQL } from '../../studio/members'
import {
  addDays,
  compareLabel,
  daysBetween,
  defineReport,
  iso,
  localDayOf,
  monthEnd,
  nextPeriod,
  pct,
  periodStart,
  ratio,
  round,
  rowWith,
  segmentCell,
  seriesPeriods,
  upsert,
  type Scope,
} from './common'
import { outcomeOf, readBookings, readClasses, readVisits, type Outcome } from './studio-data'

// Reports about members: what became of bookings, first visits, who has gone quiet, how far
// ahead people book, visit tiers and retention.

const PEOPLE = ['range', 'segment', 'filters'] as const

/** The last day the data can speak for: the range's last day, or today (never the future). */
const asOfDay = (s: Scope) => (s.to !== null && s.to < s.today ? s.to : s.today)

/** Sorted segment labels of a map keyed by them, '' when not segmented. */
const segmentsOf = (keys: Iterable<string>) => [...new Set(keys)].sort(compareLabel)

export const studioBookingConversion = defineReport(
  {
    name: 'studio_booking_conversion',
    title: 'Bookings to check-ins',
    description:
      'Bookings per week (or day, month) of the class and what became of them: attended, no-show, late cancel, cancelled in time, or still upcoming; plus walk-ins and conversion (attended ÷ bookings decided).',
    module: 'studio',
    columns: [
      'period',
      'bookings',
      'attended',
      'no_shows',
      'late_cancels',
      'cancellations',
      'upcoming',
      'walk_ins',
      'conversion_pct',
      'no_show_pct',
      'late_cancel_pct',
    ],
    accepts: ['range', 'interval', 'segment', 'filters'],
    intervals: ['week', 'day', 'month'],
  },
  ({ sqlite, s, people }) => {
    const classes = new Map(readClasses(sqlite, s).map((c) => [c.sessionId, c]))
    type Cell = Record<Outcome | 'bookings' | 'walk_ins', number>
    const zero = (): Cell => ({
      bookings: 0,
      attended: 0,
      no_show: 0,
      late_cancel: 0,
      cancelled: 0,
      upcoming: 0,
      walk_ins: 0,
    })
    const cells = new Map<string, Map<DateKey, Cell>>()
    const days: DateKey[] = []
    const standing = new Set<string>()
    for (const b of readBookings(sqlite, s)) {
      const c = classes.get(b.sessionId)
      if (c === undefined) continue
      if (b.status === 'booked' || b.status === 'no_show')
        standing.add(`${b.sessionId}\n${b.userId}`)
      const segment = people.ofUser(b.userId)
      if (segment === null) continue
      days.push(c.day)
      const cell = upsert(
        upsert(cells, segment, () => new Map()),
        periodStart(c.day, s.interval),
        zero,
      )
      cell.bookings += 1
      cell[outcomeOf(b, c.started)] += 1
    }
    for (const v of readVisits(sqlite, s)) {
      const c = classes.get(v.sessionId)
      if (c === undefined || standing.has(`${v.sessionId}\n${v.userId}`)) continue
      const segment = people.ofUser(v.userId)
      if (segment === null) continue
      days.push(c.day)
      upsert(
        upsert(cells, segment, () => new Map()),
        periodStart(c.day, s.interval),
        zero,
      ).walk_ins += 1
    }
    const rows: ReportCell[][] = []
    for (const period of seriesPeriods(s, days)) {
      for (const segment of segmentsOf(cells.keys())) {
        const c = cells.get(segment)?.get(period) ?? zero()
        const decided = c.bookings - c.upcoming
        rows.push(
          rowWith(
            [
              iso(period),
              c.bookings,
              c.attended,
              c.no_show,
              c.late_cancel,
              c.cancelled,
              c.upcoming,
              c.walk_ins,
              pct(c.attended, decided),
              pct(c.no_show, decided),
              pct(c.late_cancel, decided),
            ],
            segmentCell(people, segment),
          ),
        )
      }
    }
    return { rows }
  },
)

/** A first-timer "came back" when they check in again within this many days of their first. */
export const CAME_BACK_DAYS = 30

export const studioFirstVisits = defineReport(
  {
    name: 'studio_first_visits',
    title: 'First visits and repeat visits',
    description: `Per month (or week, day): check-ins, members, first-ever visits, repeat check-ins, returning members, and how many first-timers came back within ${CAME_BACK_DAYS} days (window_complete is false while that can still change).`,
    module: 'studio',
    columns: [
      'period',
      'check_ins',
      'members',
      'first_visits',
      'repeat_check_ins',
      'returning_members',
      'came_back_30d',
      'came_back_30d_pct',
      'window_complete',
    ],
    accepts: ['range', 'interval', 'segment', 'filters'],
    intervals: ['month', 'week', 'day'],
  },
  ({ sqlite, s, people }) => {
    // Every check-in ever: a first visit is the first over all history, not the range's first.
    const all = readVisits(sqlite, s, true).filter((v) => v.startMs <= s.nowMs)
    const visitsOf = new Map<string, { startMs: number; day: DateKey }[]>()
    for (const v of all) upsert(visitsOf, v.userId, () => []).push(v)
    const firstDay = new Map<string, DateKey>()
    for (const v of all) if (!firstDay.has(v.userId)) firstDay.set(v.userId, v.day)
    type Cell = {
      checkIns: number
      members: Set<string>
      firsts: Set<string>
      returning: Set<string>
      cameBack: number
      lastWindowEnd: DateKey
    }
    const zero = (): Cell => ({
      checkIns: 0,
      members: new Set(),
      firsts: new Set(),
      returning: new Set(),
      cameBack: 0,
      lastWindowEnd: 0,
    })
    const cells = new Map<string, Map<DateKey, Cell>>()
    const days: DateKey[] = []
    for (const v of all) {
      if ((s.from !== null && v.day < s.from) || (s.to !== null && v.day > s.to)) continue
      const segment = people.ofUser(v.userId)
      if (segment === null) continue
      days.push(v.day)
      const cell = upsert(
        upsert(cells, segment, () => new Map()),
        periodStart(v.day, s.interval),
        zero,
      )
      cell.checkIns += 1
      cell.members.add(v.userId)
      const first = firstDay.get(v.userId) as DateKey
      if (first < periodStart(v.day, s.interval)) cell.returning.add(v.userId)
      const own = visitsOf.get(v.userId) ?? []
      if (v !== own[0]) continue
      cell.firsts.add(v.userId)
      const windowEnd = addDays(v.day, CAME_BACK_DAYS)
      if (windowEnd > cell.lastWindowEnd) cell.lastWindowEnd = windowEnd
      if (own.some((o) => o.startMs > v.startMs && o.day <= windowEnd)) cell.cameBack += 1
    }
    const rows: ReportCell[][] = []
    for (const period of seriesPeriods(s, days)) {
      for (const segment of segmentsOf(cells.keys())) {
        const c = cells.get(segment)?.get(period) ?? zero()
        rows.push(
          rowWith(
            [
              iso(period),
              c.checkIns,
              c.members.size,
              c.firsts.size,
              c.checkIns - c.firsts.size,
              c.returning.size,
              c.cameBack,
              pct(c.cameBack, c.firsts.size),
              c.lastWindowEnd < s.today,
            ],
            segmentCell(people, segment),
          ),
        )
      }
    }
    return { rows }
  },
)

/** A member has gone quiet after this many days without a check-in. */
export const QUIET_DAYS = 30

export const studioAbsentees = defineReport(
  {
    name: 'studio_absentees',
    title: 'Members gone quiet',
    description: `Active members who have been before but have not checked in for ${QUIET_DAYS} days or more by the range’s last day (else today), most recently lapsed first, with how to reach them.`,
    module: 'studio',
    columns: [
      'user_id',
      'name',
      'email',
      'phone',
      'last_visit',
      'days_since_last_visit',
      'visits',
      'last_class',
      'usual_location',
    ],
    accepts: [...PEOPLE],
  },
  ({ sqlite, s, people }) => {
    const asOf = asOfDay(s)
    // Check-ins at classes that had started by now and by the end of the range's last day.
    const end = new Date(
      Math.min(s.nowMs + 1, s.toIso === null ? Number.POSITIVE_INFINITY : Date.parse(s.toIso)),
    ).toISOString()
    const rows = sqlite
      .prepare(
        `WITH visits AS (
           SELECT a.user_id, c.datetime, c.class_name, l.location_name
           FROM fact_class_attendance a
           JOIN dim_class_session c ON c.session_id = a.session_id
           JOIN dim_location l ON l.location_id = c.location_id
           WHERE c.datetime < @end
         )
         SELECT u.user_id, ${NAME_SQL}, u.email, u.phone_number, u.deactivated_at,
           (SELECT count(*) FROM visits v WHERE v.user_id = u.user_id),
           (SELECT max(v.datetime) FROM visits v WHERE v.user_id = u.user_id),
           (SELECT v.class_name FROM visits v WHERE v.user_id = u.user_id
              ORDER BY v.datetime DESC LIMIT 1),
           (SELECT v.location_name FROM visits v WHERE v.user_id = u.user_id
              GROUP BY v.location_name ORDER BY count(*) DESC, v.location_name LIMIT 1)
         FROM users u
         WHERE u.is_active = 1 AND EXISTS (SELECT 1 FROM visits v WHERE v.user_id = u.user_id)`,
      )
      .raw()
      .all({ end }) as [
      string,
      string,
      string | null,
      string | null,
      string | null,
      number,
      string,
      string,
      string,
    ][]
    const out: { days: number; name: string; row: ReportCell[] }[] = []
    for (const [userId, name, email, phone, deactivated, visits, last, lastClass, usual] of rows) {
      const deactivatedDay = localDayOf(deactivated, s.zone)
      if (deactivatedDay !== null && deactivatedDay <= asOf) continue
      const lastDay = localDayOf(last, s.zone)
      if (lastDay === null) continue
      const days = daysBetween(lastDay, asOf)
      if (days < QUIET_DAYS) continue
      const segment = people.ofUser(userId)
      if (segment === null) continue
      out.push({
        days,
        name,
        row: rowWith(
          [userId, name, email, phone, iso(lastDay), days, visits, lastClass, usual],
          segmentCell(people, segment),
        ),
      })
    }
    out.sort((a, b) => a.days - b.days || compareLabel(a.name, b.name))
    return { rows: out.map((o) => o.row) }
  },
)

const HOUR_MS = 3_600_000
/** Lead-time buckets: [label, upper bound in hours (exclusive)]. */
export const LEAD_BUCKETS: readonly [string, number][] = [
  ['< 0 h', 0],
  ['0–1 h', 1],
  ['1–6 h', 6],
  ['6–24 h', 24],
  ['1–2 days', 48],
  ['2–3 days', 72],
  ['3–7 days', 168],
  ['7+ days', Number.POSITIVE_INFINITY],
]

export const bucketOf = (hours: number) => LEAD_BUCKETS.findIndex(([, upper]) => hours < upper)

function median(values: number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

export const studioBookingLeadTime = defineReport(
  {
    name: 'studio_booking_lead_time',
    title: 'Booking lead time',
    description:
      'How long after a class opened for booking (release_timestamp) people booked it, and how long before it started, as counts per time band (bookings in any status).',
    module: 'studio',
    columns: [
      'lead_time',
      'after_release',
      'after_release_pct',
      'before_class',
      'before_class_pct',
    ],
    accepts: [...PEOPLE],
  },
  ({ sqlite, s, people }) => {
    const classes = new Map(readClasses(sqlite, s).map((c) => [c.sessionId, c]))
    type Cell = {
      release: number[]
      before: number[]
      releaseHours: number[]
      beforeHours: number[]
    }
    const cells = new Map<string, Cell>()
    let noRelease = 0
    for (const b of readBookings(sqlite, s)) {
      const c = classes.get(b.sessionId)
      if (c === undefined || Number.isNaN(b.bookedMs)) continue
      const segment = people.ofUser(b.userId)
      if (segment === null) continue
      const cell = upsert(cells, segment, () => ({
        release: LEAD_BUCKETS.map(() => 0),
        before: LEAD_BUCKETS.map(() => 0),
        releaseHours: [],
        beforeHours: [],
      }))
      const before = (c.startMs - b.bookedMs) / HOUR_MS
      cell.before[bucketOf(before)] = (cell.before[bucketOf(before)] ?? 0) + 1
      cell.beforeHours.push(before)
      if (c.releaseMs === null) {
        noRelease += 1
        continue
      }
      const after = (b.bookedMs - c.releaseMs) / HOUR_MS
      cell.release[bucketOf(after)] = (cell.release[bucketOf(after)] ?? 0) + 1
      cell.releaseHours.push(after)
    }
    const rows: ReportCell[][] = []
    const notes: string[] = []
    const segments = segmentsOf(cells.keys())
    LEAD_BUCKETS.forEach(([label], i) => {
      for (const segment of segments) {
        const c = cells.get(segment) as Cell
        rows.push(
          rowWith(
            [
              label,
              c.release[i] ?? 0,
              pct(c.release[i] ?? 0, c.releaseHours.length),
              c.before[i] ?? 0,
              pct(c.before[i] ?? 0, c.beforeHours.length),
            ],
            segmentCell(people, segment),
          ),
        )
      }
    })
    for (const segment of segments) {
      const c = cells.get(segment) as Cell
      const who = people.segmented ? `${segment}: ` : ''
      const r = median(c.releaseHours)
      const b = median(c.beforeHours)
      notes.push(
        `${who}median ${r === null ? '–' : `${round(r, 1)} h`} after release, ${b === null ? '–' : `${round(b, 1)} h`} before the class.`,
      )
    }
    if (noRelease > 0) {
      notes.push(
        `${noRelease} booking(s) of classes without a release time count only before the class.`,
      )
    }
    return { rows, notes }
  },
)

/** Visit tiers per calendar month: [column, fewest visits]. */
export const TIERS: readonly [string, number][] = [
  ['occasional', 1],
  ['regular', 4],
  ['committed', 8],
  ['devoted', 12],
]

export const tierOf = (visits: number) => {
  let tier = 0
  TIERS.forEach(([, min], i) => {
    if (visits >= min) tier = i
  })
  return tier
}

export const studioMemberTiers = defineReport(
  {
    name: 'studio_member_tiers',
    title: 'Member tiers by visits per month',
    description:
      'Members who visited each month, by tier: occasional 1–3 visits, regular 4–7 (about weekly), committed 8–11 (about twice a week), devoted 12+; with check-ins and visits per member.',
    module: 'studio',
    columns: [
      'month',
      'active_members',
      ...TIERS.map(([name]) => name),
      'check_ins',
      'visits_per_member',
    ],
    accepts: [...PEOPLE],
  },
  ({ sqlite, s, people }) => {
    const cells = new Map<string, Map<DateKey, Map<string, number>>>()
    const days: DateKey[] = []
    for (const v of readVisits(sqlite, s)) {
      const segment = people.ofUser(v.userId)
      if (segment === null) continue
      days.push(v.day)
      const month = upsert(
        upsert(cells, segment, () => new Map()),
        periodStart(v.day, 'month'),
        () => new Map(),
      )
      month.set(v.userId, (month.get(v.userId) ?? 0) + 1)
    }
    const rows: ReportCell[][] = []
    const monthly = { ...s, interval: 'month' as const }
    for (const month of seriesPeriods(monthly, days)) {
      for (const segment of segmentsOf(cells.keys())) {
        const members = cells.get(segment)?.get(month) ?? new Map<string, number>()
        const tiers = TIERS.map(() => 0)
        let visits = 0
        for (const n of members.values()) {
          const t = tierOf(n)
          tiers[t] = (tiers[t] ?? 0) + 1
          visits += n
        }
        rows.push(
          rowWith(
            [
              iso(month).slice(0, 7),
              members.size,
              ...tiers,
              visits,
              ratio(visits, members.size, 2),
            ],
            segmentCell(people, segment),
          ),
        )
      }
    }
    return { rows }
  },
)

export const studioRetention = defineReport(
  {
    name: 'studio_retention',
    title: 'Monthly retention by cohort',
    description:
      'Members grouped by the month of their first-ever check-in (or, with cohort=registration, of registering); for each later month, how many of them checked in that month (complete is false for a month not over yet).',
    module: 'studio',
    columns: [
      'cohort',
      'months_since_first',
      'cohort_members',
      'retained',
      'retained_pct',
      'complete',
    ],
    accepts: [...PEOPLE, 'cohort'],
  },
  ({ sqlite, s, people, params }) => {
    const asOf = asOfDay(s)
    const visits = readVisits(sqlite, s, true).filter((v) => v.startMs <= s.nowMs && v.day <= asOf)
    const firstMonth = new Map<string, DateKey>()
    const activeMonths = new Map<string, Set<DateKey>>()
    for (const v of visits) {
      const month = periodStart(v.day, 'month')
      if (!firstMonth.has(v.userId)) firstMonth.set(v.userId, month)
      upsert(activeMonths, v.userId, () => new Set()).add(month)
    }
    const notes: string[] = []
    if (params.cohort === 'registration') {
      // Studio members (a member role, or any booking or check-in) by the month they registered,
      // including those who never came; month 0 is the registration month.
      firstMonth.clear()
      let unknown = 0
      for (const [userId, registered] of sqlite
        .prepare(
          `SELECT u.user_id, u.registration_date FROM users u
           WHERE u.role = 'member'
              OR EXISTS (SELECT 1 FROM fact_class_attendance a WHERE a.user_id = u.user_id)
              OR EXISTS (SELECT 1 FROM class_bookings b WHERE b.user_id = u.user_id)
           ORDER BY u.user_id`,
        )
        .raw()
        .all() as [string, string | null][]) {
        if (registered === null) unknown += 1
        else firstMonth.set(userId, periodStart(isoToDateKey(registered), 'month'))
      }
      if (unknown > 0) notes.push(`${unknown} member(s) without a registration date are left out.`)
    }
    // cohort → segment → members
    const cohorts = new Map<DateKey, Map<string, string[]>>()
    for (const [userId, month] of firstMonth) {
      if (s.from !== null && monthEnd(month) < s.from) continue
      if (s.to !== null && month > s.to) continue
      const segment = people.ofUser(userId)
      if (segment === null) continue
      upsert(
        upsert(cohorts, month, () => new Map()),
        segment,
        () => [],
      ).push(userId)
    }
    const lastMonth = periodStart(asOf, 'month')
    const rows: ReportCell[][] = []
    for (const cohort of [...cohorts.keys()].sort((a, b) => a - b)) {
      const bySegment = cohorts.get(cohort) ?? new Map<string, string[]>()
      for (const segment of segmentsOf(bySegment.keys())) {
        const members = bySegment.get(segment) ?? []
        let k = 0
        for (let month = cohort; month <= lastMonth; month = nextPeriod(month, 'month'), k += 1) {
          let retained = 0
          for (const m of members) if (activeMonths.get(m)?.has(month)) retained += 1
          const complete = monthEnd(month) <= asOf && monthEnd(month) < s.today
          rows.push(
            rowWith(
              [
                iso(cohort).slice(0, 7),
                k,
                members.length,
                retained,
                pct(retained, members.length),
                complete,
              ],
              segmentCell(people, segment),
            ),
          )
        }
      }
    }
    return { rows, notes }
  },
)
