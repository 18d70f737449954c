import type { RosterEntry } from '../../../../shared/contract/studio'
import type { DeskAction } from './studio-store'
import { clock, entryState, STATE_LABEL } from './studio-format'

interface Props {
  entries: readonly RosterEntry[]
  timeZone: string
  /** No-shows can be marked once the class has started; cancels only before. */
  started: boolean
  pending: boolean
  onAction(action: DeskAction): void
}

function Actions({
  entry,
  started,
  pending,
  onAction,
}: Omit<Props, 'entries' | 'timeZone'> & { entry: RosterEntry }) {
  const state = entryState(entry)
  const who = entry.name
  if (entry.attendanceId !== null) {
    const attendanceId = entry.attendanceId
    return (
      <button
        disabled={pending}
        onClick={() => onAction({ kind: 'undoCheckIn', attendanceId })}
        aria-label={`Undo check-in of ${who}`}
      >
        Undo check-in
      </button>
    )
  }
  // A member who cancelled or did not show may still turn up; checking them in is possible but not
  // the expected thing, so the button is not the primary one there.
  const checkIn = (
    <button
      className={state === 'expected' ? 'primary' : undefined}
      disabled={pending}
      onClick={() => onAction({ kind: 'checkIn', userId: entry.userId })}
      aria-label={`Check in ${who}`}
    >
      Check in
    </button>
  )
  if (state !== 'expected' || entry.bookingId === null) return checkIn
  const bookingId = entry.bookingId
  return (
    <>
      {checkIn}
      {started ? (
        <button
          disabled={pending}
          onClick={() => onAction({ kind: 'markNoShow', bookingId })}
          aria-label={`Mark ${who} as a no-show`}
          title="Booked but did not come"
        >
          No-show
        </button>
      ) : (
        <button
          disabled={pending}
          onClick={() => onAction({ kind: 'cancelBooking', bookingId })}
          aria-label={`Cancel ${who}'s booking`}
          title="A late cancel when close to the start (see Settings)"
        >
          Cancel booking
        </button>
      )}
    </>
  )
}

/** Everyone on the class's list, the people still expected first. */
export function RosterTable({ entries, timeZone, started, pending, onAction }: Props) {
  if (entries.length === 0) {
    return (
      <p className="empty">
        No one is booked or checked in yet. Find a member above to check them in or book them.
      </p>
    )
  }
  return (
    <table className="desk-roster" aria-labelledby="desk-roster-title">
      <caption id="desk-roster-title">
        Class list{' '}
        <span className="muted">
          · {entries.length} {entries.length === 1 ? 'person' : 'people'}
        </span>
      </caption>
      <thead>
        <tr>
          <th scope="col">Member</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => {
          const state = entryState(entry)
          return (
            <tr key={entry.userId} className={`state-${state}`}>
              <th scope="row">
                <strong>{entry.name}</strong>
                {entry.email && <small className="muted">{entry.email}</small>}
                {entry.phone && <small className="muted">{entry.phone}</small>}
              </th>
              <td className="desk-roster-status">
                <span className={`status status-${state}`}>{STATE_LABEL[state]}</span>
                {entry.checkedInAt && (
                  <small className="muted">at {clock(entry.checkedInAt, timeZone)}</small>
                )}
              </td>
              <td className="desk-roster-actions">
                <Actions entry={entry} started={started} pending={pending} onAction={onAction} />
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
