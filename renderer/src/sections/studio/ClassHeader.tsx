import type { StudioClass } from '../../../../shared/contract/studio'
import { freePlaces, phaseLabel, phaseOf, timeRange } from './studio-format'

interface Props {
  session: StudioClass
  timeZone: string
  nowMs: number
}

/** The chosen class: when, who teaches, where, and how full it is. */
export function ClassHeader({ session, timeZone, nowMs }: Props) {
  const free = freePlaces(session)
  const phase = phaseOf(session, nowMs)
  const stats: [label: string, value: string, tone?: string][] = [
    ['Booked', String(session.booked)],
    ['Checked in', String(session.checkedIn)],
    ['Capacity', session.capacity === null ? 'No limit' : `${session.capacity}`],
    [
      'Free places',
      free === null ? '—' : String(free),
      free === 0 ? 'full' : free !== null && free <= 2 ? 'few' : undefined,
    ],
  ]
  return (
    <header className="desk-class-header">
      <div>
        <h2 id="desk-class-title">
          {session.className} <span className="muted class-code">{session.classCode}</span>
        </h2>
        <p className="muted">
          <span className="num">{timeRange(session, timeZone)}</span> ·{' '}
          {[session.instructorName ?? 'No instructor set', session.locationName].join(' · ')}{' '}
          <span className={`phase phase-${phase}`}>{phaseLabel(session, nowMs)}</span>
        </p>
      </div>
      <dl className="desk-stats" aria-label="Places">
        {stats.map(([label, value, tone]) => (
          <div key={label} className={tone ? `desk-stat ${tone}` : 'desk-stat'}>
            <dt>{label}</dt>
            <dd className="num">{value}</dd>
          </div>
        ))}
      </dl>
    </header>
  )
}
