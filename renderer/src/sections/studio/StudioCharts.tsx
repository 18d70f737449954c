import type { ReportResult } from '../../../../shared/reports'
import { columnsChart, matrixCells } from '../../charts/builders/generic'
import { ChartPage } from '../../charts/ChartPage'
import { OKABE_ITO } from '../../charts/palette'
import { ReportChart, ReportMatrix, ReportTable } from '../../charts/ReportChart'

const EMPTY =
  'No classes in this range. Plan a weekly series, check members in at the desk, or import a visits file in Data → Import.'
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
const HOURS = Array.from({ length: 17 }, (_, i) => String(i + 6))

const checkInsBy = (column: string) => (r: ReportResult) =>
  columnsChart(r, column, [{ column: 'check_ins', label: 'Check-ins' }], { top: 10 })
const byClass = checkInsBy('class_name')
const byInstructor = checkInsBy('instructor')
const byLocation = checkInsBy('location')
const weekdayHour = (r: ReportResult) =>
  matrixCells(r, 'hour', 'weekday_name', 'check_ins', { xOrder: HOURS, yOrder: WEEKDAYS })
const utilisation = (r: ReportResult) =>
  columnsChart(r, 'period', [
    { column: 'utilisation_pct', label: 'Utilisation', type: 'line' },
    { column: 'avg_fill_pct', label: 'Average fill', type: 'line' },
  ])
const conversion = (r: ReportResult) =>
  columnsChart(r, 'period', [
    { column: 'no_show_pct', label: 'No-shows', type: 'line' },
    { column: 'late_cancel_pct', label: 'Late cancels', type: 'line' },
  ])
const firstVisits = (r: ReportResult) =>
  columnsChart(r, 'period', [
    { column: 'first_visits', label: 'First visits' },
    { column: 'repeat_check_ins', label: 'Repeat check-ins' },
  ])
const memberTiers = (r: ReportResult) =>
  columnsChart(r, 'month', [
    { column: 'occasional', label: 'Occasional (1–3)' },
    { column: 'regular', label: 'Regular (4–7)' },
    { column: 'committed', label: 'Committed (8–11)' },
    { column: 'devoted', label: 'Devoted (12+)' },
  ])
const retention = (r: ReportResult) =>
  matrixCells(r, 'months_since_first', 'cohort', 'retained_pct', { complete: 'complete' })
const leadTime = (r: ReportResult) =>
  columnsChart(r, 'lead_time', [
    { column: 'after_release', label: 'After release' },
    { column: 'before_class', label: 'Before class' },
  ])

const ABSENTEE_COLUMNS = [
  { column: 'name', label: 'Member' },
  { column: 'last_visit', label: 'Last visit' },
  { column: 'days_since_last_visit', label: 'Days since' },
  { column: 'visits', label: 'Visits' },
  { column: 'last_class', label: 'Last class' },
  { column: 'email', label: 'Email' },
  { column: 'phone', label: 'Phone' },
] as const

/** Studio → Overview: attendance, utilisation, bookings and members. */
export function StudioCharts() {
  return (
    <ChartPage page="studio" bySegment>
      {(params) => (
        <>
          <ReportChart
            report="studio_attendance_by_class"
            params={params}
            build={byClass}
            kind="bar"
            horizontal
            legend={false}
            title="Attendance by class"
            unit="check-ins per class, the ten busiest"
            yTitle="check-ins"
            fileName="attendance-by-class"
            emptyHint={EMPTY}
          />
          <ReportMatrix
            report="studio_attendance_weekday_hour"
            params={params}
            build={weekdayHour}
            title="Busy times"
            unit="check-ins by weekday and class start hour, local time"
            xTitle="hour of day"
            yTitle="weekday"
            color={OKABE_ITO.bluishGreen}
            describe={(c) => `${c.y} ${c.x}:00 — ${c.v} check-ins`}
            fileName="attendance-weekday-hour"
            emptyHint={EMPTY}
          />
          <ReportChart
            report="studio_attendance_by_instructor"
            params={params}
            build={byInstructor}
            kind="bar"
            horizontal
            legend={false}
            title="Attendance by instructor"
            unit="check-ins per instructor"
            yTitle="check-ins"
            fileName="attendance-by-instructor"
            emptyHint={EMPTY}
          />
          <ReportChart
            report="studio_attendance_by_location"
            params={params}
            build={byLocation}
            kind="bar"
            horizontal
            legend={false}
            title="Attendance by location"
            unit="check-ins per location"
            yTitle="check-ins"
            fileName="attendance-by-location"
            emptyHint={EMPTY}
          />
          <ReportChart
            report="studio_utilisation"
            params={{ ...params, interval: 'week' }}
            build={utilisation}
            kind="line"
            title="Utilisation"
            unit="check-ins ÷ capacity per week, %; average fill of a class, %"
            yTitle="%"
            fileName="utilisation"
            emptyHint={EMPTY}
          />
          <ReportChart
            report="studio_booking_conversion"
            params={{ ...params, interval: 'week' }}
            build={conversion}
            kind="line"
            title="No-shows and late cancels"
            unit="share of each week's bookings, %"
            yTitle="% of bookings"
            fileName="no-shows-late-cancels"
            emptyHint="No bookings in this range."
          />
          <ReportChart
            report="studio_first_visits"
            params={{ ...params, interval: 'month' }}
            build={firstVisits}
            kind="bar"
            stacked
            title="First visits and repeats"
            unit="check-ins per month: a member's first ever, and the rest"
            yTitle="check-ins"
            fileName="first-visits"
            emptyHint={EMPTY}
          />
          <ReportChart
            report="studio_member_tiers"
            params={params}
            build={memberTiers}
            kind="bar"
            stacked
            title="Member tiers"
            unit="members per month by classes attended that month"
            yTitle="members"
            fileName="member-tiers"
            emptyHint={EMPTY}
          />
          <ReportMatrix
            report="studio_retention"
            params={params}
            build={retention}
            title="Member retention"
            unit="% of each first-visit month's members who came back n months later; faint: month not over"
            xTitle="months since first visit"
            yTitle="first visit"
            describe={(c) => `${c.y}, month ${c.x}: ${c.v}%${c.faint ? ' (not over yet)' : ''}`}
            fileName="member-retention"
            emptyHint={EMPTY}
          />
          <ReportChart
            report="studio_booking_lead_time"
            params={params}
            build={leadTime}
            kind="bar"
            title="Booking lead time"
            unit="bookings by how long after release and how long before class they were made"
            xTitle="lead time"
            yTitle="bookings"
            fileName="booking-lead-time"
            emptyHint="No bookings in this range."
          />
          <ReportTable
            report="studio_absentees"
            params={params}
            columns={ABSENTEE_COLUMNS}
            title="Members gone quiet"
            unit="active members with no check-in for 30 days or more, most recently lapsed first"
            fileName="members-gone-quiet"
            emptyHint="Nobody has gone quiet: every active member came in the last 30 days."
          />
        </>
      )}
    </ChartPage>
  )
}
