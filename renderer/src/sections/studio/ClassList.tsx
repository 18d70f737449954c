import type { KeyboardEvent } from 'react'
import type { StudioClass } from '../../../../shared/contract/studio'
import { clock, phaseLabel, phaseOf, timeRange } from './studio-format'

interface Props {
  label: string
  classes: readonly StudioClass[]
  selectedId: string | null
  timeZone: string
  nowMs: number
  onSelect(sessionId: string): void
  /** Enter on a class: go on to finding a member. */
  onConfirm(): void
}

const optionId = (sessionId: string) => `class-${sessionId}`

/** The day's classes; ↑/↓ choose one, Enter moves on to the member search. */
export function ClassList({
  label,
  classes,
  selectedId,
  timeZone,
  nowMs,
  onSelect,
  onConfirm,
}: Props) {
  const index = classes.findIndex((c) => c.sessionId === selectedId)
  const onKey = (event: KeyboardEvent) => {
    const last = classes.length - 1
    const target: Record<string, number> = {
      ArrowDown: Math.min(last, index + 1),
      ArrowUp: Math.max(0, index - 1),
      Home: 0,
      End: last,
    }
    const next = event.key in target ? classes[target[event.key] ?? -1] : undefined
    if (next) {
      if (next.sessionId !== selectedId) onSelect(next.sessionId)
    } else if (event.key === 'Enter') onConfirm()
    else return
    event.preventDefault()
  }
  return (
    <div className="desk-classes card">
      <div className="desk-classes-head" aria-hidden>
        <span>Time</span>
        <span>Class</span>
        <span className="num" title="Booked">
          Booked
        </span>
        <span className="num" title="Checked in">
          In
        </span>
        <span className="num" title="Capacity">
          Places
        </span>
      </div>
      <ul
        role="listbox"
        tabIndex={0}
        aria-label={label}
        aria-activedescendant={selectedId ? optionId(selectedId) : undefined}
        onKeyDown={onKey}
      >
        {classes.map((c) => {
          const phase = phaseOf(c, nowMs)
          const full = c.capacity !== null && c.placesTaken >= c.capacity
          return (
            <li
              key={c.sessionId}
              id={optionId(c.sessionId)}
              role="option"
              aria-selected={c.sessionId === selectedId}
              aria-label={`${timeRange(c, timeZone)} ${c.className}, ${c.locationName}: ${c.booked} booked, ${c.checkedIn} checked in${c.capacity === null ? '' : `, ${c.capacity} places`}`}
              className={`desk-class phase-${phase}`}
              onClick={() => onSelect(c.sessionId)}
            >
              <span className="desk-class-time">
                <strong>{clock(c.datetime, timeZone)}</strong>
                <small className="muted">{c.durationMins} min</small>
                <small className={`phase phase-${phase}`}>{phaseLabel(c, nowMs)}</small>
              </span>
              <span className="desk-class-name">
                <strong>{c.className}</strong>
                {c.instructorName && <small className="muted">{c.instructorName}</small>}
                <small className="muted">{c.locationName}</small>
              </span>
              <span className="num">{c.booked}</span>
              <span className="num">{c.checkedIn}</span>
              <span className={`num${full ? ' full' : ''}`}>
                {c.capacity ?? '—'}
                {full && <small>Full</small>}
              </span>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
