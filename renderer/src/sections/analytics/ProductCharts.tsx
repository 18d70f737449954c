import type { ChartOptions } from 'chart.js'
import { useMemo, useState } from 'react'
import { Bar, Chart, Line } from 'react-chartjs-2'
import type { ReportParams } from '../../../../shared/reports'
import {
  activityChart,
  freshnessChart,
  lifecycleChart,
  retentionMatrix,
  sessionLengthsChart,
  sessionsChart,
  stickinessHistogram,
  tiersChart,
  tierTransitionsMatrix,
  TRANSITION_TIERS,
  workChart,
} from '../../charts/builders/product'
import { themedAxis, useChartTheme, type ChartTheme } from '../../charts/chart-theme'
import { ChartCard } from '../../charts/ChartCard'
import { MatrixChart } from '../../charts/MatrixChart'
import { chartOptions, ReportChart } from '../../charts/ReportChart'
import { useReport } from '../../charts/use-report'

const NO_EVENTS =
  'No events in this range. Import an event log in Data → Import, or pick a wider range.'

const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' })

/** A time axis over local days, labelled in the person's locale. */
function dayAxis(theme: ChartTheme) {
  return {
    type: 'time' as const,
    time: { unit: 'day' as const, tooltipFormat: 'PP' },
    ...themedAxis(theme),
    ticks: {
      ...themedAxis(theme).ticks,
      maxTicksLimit: 8,
      callback: (value: string | number) => dayFormat.format(new Date(value)),
    },
  }
}

export function ActivityCard({ params }: { params: ReportParams }) {
  const theme = useChartTheme()
  const { result, error } = useReport('activity', params)
  const built = useMemo(() => (result ? activityChart(result) : null), [result])
  const options: ChartOptions<'line'> = {
    scales: {
      x: dayAxis(theme),
      y: { ...themedAxis(theme, 'people'), beginAtZero: true },
      y2: {
        ...themedAxis(theme, 'stickiness, %'),
        position: 'right',
        min: 0,
        max: 100,
        grid: { drawOnChartArea: false },
      },
    },
    plugins: { legend: { labels: { color: theme.text } } },
  }
  return (
    <ChartCard
      title="Active people"
      unit="DAU, WAU, MAU in people (rolling 1, 7, 30 days); stickiness = DAU ÷ MAU in %"
      table={built?.table ?? null}
      notes={result?.notes}
      error={error}
      fileName="active-people"
      emptyHint={NO_EVENTS}
    >
      {built && <Line data={built.data} options={options} />}
    </ChartCard>
  )
}

export function SessionsCard({ params }: { params: ReportParams }) {
  const theme = useChartTheme()
  const { result, error } = useReport('sessions', params)
  const built = useMemo(() => (result ? sessionsChart(result) : null), [result])
  const options: ChartOptions<'bar'> = {
    elements: { point: { radius: 0 }, line: { borderWidth: 1.5 } },
    scales: {
      x: dayAxis(theme),
      y: { ...themedAxis(theme, 'sessions'), beginAtZero: true },
      y2: {
        ...themedAxis(theme, 'average length, min'),
        position: 'right',
        beginAtZero: true,
        grid: { drawOnChartArea: false },
      },
    },
    plugins: { legend: { labels: { color: theme.text } } },
  }
  return (
    <ChartCard
      title="Sessions per day"
      unit="sessions started each day; their average length in minutes"
      table={built?.table ?? null}
      notes={result?.notes}
      error={error}
      fileName="sessions"
      emptyHint={NO_EVENTS}
    >
      {built && <Bar data={built.data} options={options} />}
    </ChartCard>
  )
}

export function SessionLengthsCard({ params }: { params: ReportParams }) {
  const theme = useChartTheme()
  const { result, error } = useReport('session_lengths', params)
  const built = useMemo(() => (result ? sessionLengthsChart(result) : null), [result])
  const options: ChartOptions<'bar'> = {
    scales: {
      x: themedAxis(theme, 'session length'),
      y: { ...themedAxis(theme, 'sessions'), beginAtZero: true },
    },
    plugins: { legend: { display: false } },
  }
  return (
    <ChartCard
      title="Session lengths"
      unit="sessions in the range by how long they lasted"
      table={built?.table ?? null}
      error={error}
      fileName="session-lengths"
      emptyHint={NO_EVENTS}
    >
      {built && <Bar data={built.data} options={options} />}
    </ChartCard>
  )
}

function stackedOptions(theme: ChartTheme, yTitle: string): ChartOptions<'bar'> {
  return {
    scales: {
      x: { ...themedAxis(theme), stacked: true },
      y: { ...themedAxis(theme, yTitle), stacked: true },
    },
    plugins: { legend: { labels: { color: theme.text } } },
  }
}

export function TiersCard({ params }: { params: ReportParams }) {
  const theme = useChartTheme()
  const { result, error } = useReport('tiers', params)
  const built = useMemo(() => (result ? tiersChart(result) : null), [result])
  return (
    <ChartCard
      title="Engagement tiers"
      unit="people per tier each month, by active days (Power: the busiest Core people)"
      table={built?.table ?? null}
      notes={result?.notes}
      error={error}
      fileName="engagement-tiers"
      emptyHint={NO_EVENTS}
    >
      {built && <Bar data={built.data} options={stackedOptions(theme, 'people')} />}
    </ChartCard>
  )
}

export function TierTransitionsCard({ params }: { params: ReportParams }) {
  const { result, error } = useReport('tier_transitions', params)
  const built = useMemo(() => (result ? tierTransitionsMatrix(result) : null), [result])
  return (
    <ChartCard
      title="Tier transitions"
      unit="people moving from last month's tier (rows) to this month's (columns), summed over the range"
      table={built?.table ?? null}
      error={error}
      fileName="tier-transitions"
      emptyHint={NO_EVENTS}
    >
      {built && (
        <MatrixChart
          cells={built.cells}
          xLabels={TRANSITION_TIERS}
          yLabels={TRANSITION_TIERS}
          xTitle="this month"
          yTitle="last month"
          describe={(c) => `${c.y} → ${c.x}: ${c.v} people`}
        />
      )}
    </ChartCard>
  )
}

export function LifecycleCard({ params }: { params: ReportParams }) {
  const theme = useChartTheme()
  const { result, error } = useReport('lifecycle', params)
  const built = useMemo(() => (result ? lifecycleChart(result) : null), [result])
  return (
    <ChartCard
      title="Lifecycle"
      unit="people per period: new, returning and resurrecting above zero, dormant below"
      table={built?.table ?? null}
      notes={result?.notes}
      error={error}
      fileName="lifecycle"
      emptyHint={NO_EVENTS}
    >
      {built && <Bar data={built.data} options={stackedOptions(theme, 'people')} />}
    </ChartCard>
  )
}

export function StickinessCard({ params }: { params: ReportParams }) {
  const theme = useChartTheme()
  const { result, error } = useReport('stickiness_histogram', { ...params, interval: 'week' })
  const built = useMemo(() => (result ? stickinessHistogram(result) : null), [result])
  return (
    <ChartCard
      title="Stickiness histogram"
      unit={`people active on exactly N days of the week${built?.period ? ` of ${built.period}` : ''} (bars), and on N or more (line)`}
      table={built?.table ?? null}
      error={error}
      fileName="stickiness-histogram"
      emptyHint={NO_EVENTS}
    >
      {built && (
        <Chart
          type="bar"
          data={{ labels: built.labels, datasets: built.datasets }}
          options={chartOptions(theme, { xTitle: 'days active in the week', yTitle: 'people' })}
        />
      )}
    </ChartCard>
  )
}

const RETENTION_INTERVALS = ['day', 'week', 'month'] as const

export function RetentionCard({ params }: { params: ReportParams }) {
  const [unbounded, setUnbounded] = useState(false)
  const [interval, setCohortInterval] = useState<(typeof RETENTION_INTERVALS)[number]>('week')
  const { result, error } = useReport(unbounded ? 'retention_unbounded' : 'retention', {
    ...params,
    interval,
  })
  const built = useMemo(() => (result ? retentionMatrix(result) : null), [result])
  return (
    <ChartCard
      title="Retention"
      unit={`share of each ${interval}'s new people active ${unbounded ? 'on or after' : 'on'} ${interval} k; faint: not over yet`}
      table={built?.table ?? null}
      error={error}
      fileName={unbounded ? 'retention-on-or-after' : 'retention'}
      emptyHint={NO_EVENTS}
      height={320}
      controls={
        <>
          <select
            aria-label="Retention counts people active"
            value={unbounded ? 'after' : 'on'}
            onChange={(e) => setUnbounded(e.target.value === 'after')}
          >
            <option value="on">on period k</option>
            <option value="after">on or after k</option>
          </select>
          <select
            aria-label="Cohorts by"
            value={interval}
            onChange={(e) => setCohortInterval(e.target.value as typeof interval)}
          >
            {RETENTION_INTERVALS.map((i) => (
              <option key={i} value={i}>
                by {i}
              </option>
            ))}
          </select>
        </>
      }
    >
      {built && (
        <MatrixChart
          cells={built.cells.map((c) => ({ x: String(c.x), y: c.y, v: c.v, faint: !c.complete }))}
          xLabels={built.periods.map(String)}
          yLabels={built.cohorts}
          xTitle={`${interval}s since first active`}
          yTitle="cohort"
          max={1}
          describe={(c) =>
            `${c.y}, ${interval} ${c.x}: ${Math.round(c.v * 1000) / 10}%${c.faint ? ' (not over yet)' : ''}`
          }
        />
      )}
    </ChartCard>
  )
}

export const WorkCard = ({ params }: { params: ReportParams }) => (
  <ReportChart
    report="work"
    params={{ ...params, interval: 'day' }}
    build={workChart}
    kind="bar"
    timeAxis
    title="Work time and outputs"
    unit="hours timed (timer_stop) and tasks completed per day"
    yTitle="hours"
    y2Title="tasks"
    fileName="work-and-outputs"
    emptyHint={NO_EVENTS}
  />
)

export const FreshnessCard = ({ params }: { params: ReportParams }) => (
  <ReportChart
    report="freshness"
    params={params}
    build={freshnessChart}
    kind="bar"
    timeAxis
    title="Data freshness"
    unit="events that arrived late each day, and the lag of the slowest 5% in minutes"
    yTitle="late events"
    y2Title="lag, min"
    fileName="freshness"
    emptyHint={NO_EVENTS}
  />
)
