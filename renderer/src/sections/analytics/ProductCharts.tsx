import type { ChartOptions } from 'chart.js'
import { useMemo } from 'react'
import { Bar, Line } from 'react-chartjs-2'
import type { ReportParams } from '../../../../shared/reports'
import {
  activityChart,
  lifecycleChart,
  sessionLengthsChart,
  sessionsChart,
  tiersChart,
  tierTransitionsMatrix,
  TRANSITION_TIERS,
} from '../../charts/builders/product'
import { themedAxis, useChartTheme, type ChartTheme } from '../../charts/chart-theme'
import { ChartCard } from '../../charts/ChartCard'
import { MatrixChart } from '../../charts/MatrixChart'
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
