import { CalendarCheck, Clapperboard, Dumbbell, FileUp } from 'lucide-react'
import { useEffect, useMemo, useState } from 'react'
import { Link } from 'react-router'
import type { DashboardSummary, WeekFigure } from '../../../../shared/dashboard'
import { api } from '../../client'
import { activityCalendar, weekLabel } from '../../charts/builders/calendar'
import { ChartCard } from '../../charts/ChartCard'
import { MatrixChart } from '../../charts/MatrixChart'
import { OKABE_ITO } from '../../charts/palette'
import '../../charts/setup'
import { reportFailure } from '../../components/notify'
import { useAppStore } from '../../stores/app-store'
import { useSettingsStore } from '../../stores/settings-store'
import './dashboard.css'

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 })
const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' })
const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' })
const formatDay = (iso: string) => dayFormat.format(new Date(`${iso}T00:00:00Z`))

function Change({ figure }: { figure: WeekFigure }) {
  const change = Math.round((figure.value - figure.previous) * 10) / 10
  if (change === 0) return <span className="change same">same as last week</span>
  const up = change > 0
  return (
    <span className={up ? 'change up' : 'change down'}>
      {up ? '▲' : '▼'} {numberFormat.format(Math.abs(change))} vs last week
    </span>
  )
}

const SHORTCUTS = [
  { to: '/fitness/workout', label: 'Log a workout', icon: Dumbbell },
  { to: '/media/media_movies', label: 'Log a film', icon: Clapperboard },
  { to: '/studio/check-in', label: 'Check members in', icon: CalendarCheck },
  { to: '/data/import', label: 'Import a file', icon: FileUp },
] as const

/** This week across every module, a year of days, streaks, the latest entries, shortcuts. */
export function DashboardPage() {
  const weekStart = useSettingsStore((s) => s.settings?.weekStart ?? 'monday')
  const databasePath = useAppStore((s) => s.status?.databasePath)
  const [summary, setSummary] = useState<DashboardSummary | null>(null)

  useEffect(() => {
    let current = true
    api['dashboard.summary']({}).then(
      (result) => current && setSummary(result),
      (error: unknown) => reportFailure(error),
    )
    return () => {
      current = false
    }
  }, [databasePath, weekStart])

  const calendar = useMemo(
    () => (summary ? activityCalendar(summary.calendar, weekStart) : null),
    [summary, weekStart],
  )
  return (
    <div className="dashboard">
      <nav className="shortcuts" aria-label="Shortcuts">
        {SHORTCUTS.map(({ to, label, icon: Icon }) => (
          <Link key={to} className="button" to={to}>
            <Icon size={16} aria-hidden /> {label}
          </Link>
        ))}
      </nav>

      <section aria-labelledby="week-title">
        <h2 id="week-title" className="section-title">
          This week{summary ? ` (since ${formatDay(summary.weekFrom)})` : ''}
        </h2>
        {summary === null ? (
          <p className="loading" role="status">
            Loading…
          </p>
        ) : (
          <ul className="stat-cards week-cards">
            {summary.week.map((figure) => (
              <li key={figure.label} className="card stat" data-module={figure.module}>
                <span className="stat-label">{figure.label}</span>
                <span className="stat-value num">
                  {numberFormat.format(figure.value)} <small>{figure.unit}</small>
                </span>
                <Change figure={figure} />
              </li>
            ))}
            <li className="card stat">
              <span className="stat-label">Streak</span>
              <span className="stat-value num">
                {summary.currentStreak}{' '}
                <small>{summary.currentStreak === 1 ? 'day' : 'days'}</small>
              </span>
              <span className="change same">longest this year: {summary.longestStreak} days</span>
            </li>
          </ul>
        )}
      </section>

      <ChartCard
        title="Your year"
        unit="entries you logged each day: workouts, films, media sessions, measurements"
        table={calendar?.table ?? null}
        fileName="activity-calendar"
        height={190}
        emptyHint="Nothing logged in the last year yet. Log a workout or a film, or import a file."
      >
        {calendar && (
          <MatrixChart
            cells={calendar.cells}
            xLabels={calendar.weeks}
            yLabels={calendar.weekdays}
            xTitle=""
            yTitle=""
            color={OKABE_ITO.bluishGreen}
            xTick={(i) => weekLabel(calendar.weeks, i, (d) => monthFormat.format(d))}
            describe={(cell) => {
              const { date } = cell as typeof cell & { date: string }
              return `${formatDay(date)}: ${cell.v} ${cell.v === 1 ? 'entry' : 'entries'}`
            }}
          />
        )}
      </ChartCard>

      <section className="card recent" aria-labelledby="recent-title">
        <h2 id="recent-title" className="section-title">
          Recent entries
        </h2>
        {summary && summary.recent.length === 0 ? (
          <p className="muted">Nothing logged yet: the shortcuts above are the quickest start.</p>
        ) : (
          <ul>
            {summary?.recent.map((entry, i) => (
              <li key={`${entry.path}-${entry.date}-${i}`}>
                <Link to={entry.path}>{entry.label}</Link>
                <span className="muted">{formatDay(entry.date)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
