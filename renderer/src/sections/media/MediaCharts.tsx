import type { ReportResult } from '../../../../shared/reports'
import { columnsChart, matrixCells, pivotChart } from '../../charts/builders/generic'
import { ChartPage } from '../../charts/ChartPage'
import { OKABE_ITO } from '../../charts/palette'
import { ReportChart, ReportMatrix } from '../../charts/ReportChart'

const EMPTY =
  'Nothing watched, played or read in this range. Log a film or import your Letterboxd, IMDb or Goodreads export in Data → Import.'
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
const HOURS = Array.from({ length: 24 }, (_, h) => String(h))
const STATUSES = [
  { column: 'completed', label: 'Completed' },
  { column: 'playing', label: 'Playing' },
  { column: 'on_hold', label: 'On hold' },
  { column: 'abandoned', label: 'Abandoned' },
  { column: 'backlog', label: 'Backlog' },
]

const hoursByType = (r: ReportResult) => pivotChart(r, 'period', 'media_type', 'hours')
const hoursByGenre = (r: ReportResult) =>
  columnsChart(r, 'genre', [{ column: 'hours', label: 'Hours' }], { sum: true, top: 12 })
const costPerHour = (r: ReportResult) =>
  columnsChart(r, 'platform', [{ column: 'cost_per_hour', label: 'Cost per hour' }], { top: 12 })
const ratings = (r: ReportResult) =>
  columnsChart(r, 'rating', [
    { column: 'movies', label: 'Films' },
    { column: 'games', label: 'Games' },
    { column: 'other', label: 'Other' },
  ])
const weekdayHour = (r: ReportResult) =>
  matrixCells(r, 'hour', 'weekday_name', 'hours', { xOrder: HOURS, yOrder: WEEKDAYS })
const completion = (r: ReportResult) =>
  columnsChart(r, 'genre', STATUSES, { where: (row) => row.genre !== '(all)' })

/** Media → Overview: where the hours go, what they cost, how they are rated. */
export function MediaCharts() {
  return (
    <ChartPage page="media">
      {(params) => (
        <>
          <ReportChart
            report="media_hours_by_type"
            params={{ ...params, interval: 'week' }}
            build={hoursByType}
            kind="bar"
            stacked
            title="Hours per week by type"
            unit="hours watched, played, read or listened, per week (from Monday)"
            yTitle="hours"
            fileName="media-hours-by-type"
            emptyHint={EMPTY}
          />
          <ReportChart
            report="media_hours_by_genre"
            params={{ ...params, interval: 'month' }}
            build={hoursByGenre}
            kind="bar"
            horizontal
            legend={false}
            title="Genres"
            unit="hours per genre over the range, the twelve largest"
            yTitle="hours"
            fileName="media-genres"
            emptyHint={EMPTY}
          />
          <ReportChart
            report="media_cost_per_hour"
            params={params}
            build={costPerHour}
            kind="bar"
            horizontal
            legend={false}
            title="Platforms by cost per hour"
            unit="subscription cost ÷ hours used on the platform"
            yTitle="cost per hour"
            fileName="media-cost-per-hour"
            emptyHint="No platform with a subscription cost was used in this range: add the cost to a platform in its tab."
          />
          <ReportChart
            report="media_ratings"
            params={params}
            build={ratings}
            kind="bar"
            stacked
            title="Ratings"
            unit="items per rating, 1 to 10"
            xTitle="rating"
            yTitle="items"
            fileName="media-ratings"
            emptyHint="Nothing rated in this range."
          />
          <ReportMatrix
            report="media_weekday_hour"
            params={params}
            build={weekdayHour}
            title="When you watch"
            unit="hours by weekday and starting hour, local time"
            xTitle="hour of day"
            yTitle="weekday"
            color={OKABE_ITO.reddishPurple}
            describe={(c) => `${c.y} ${c.x}:00 — ${c.v} h`}
            fileName="media-weekday-hour"
            emptyHint={EMPTY}
          />
          <ReportChart
            report="media_game_completion"
            params={params}
            build={completion}
            kind="bar"
            stacked
            horizontal
            title="Game completion"
            unit="games per genre by status"
            yTitle="games"
            fileName="game-completion"
            emptyHint="No games in this range."
          />
        </>
      )}
    </ChartPage>
  )
}
