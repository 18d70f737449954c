import { ChevronLeft, ChevronRight, RefreshCw } from 'lucide-react'
import { longDate } from './studio-format'

interface Props {
  date: string | null
  today: boolean
  zoneNote: string | null
  locations: readonly { id: string; name: string }[]
  locationId: string
  loading: boolean
  onDate(date: string | undefined): void
  onShift(days: number): void
  onReload(): void
  onLocation(locationId: string): void
}

/** Which day and which location the desk is looking at. */
export function DayBar(props: Props) {
  const { date, today, zoneNote, locations, locationId, loading } = props
  return (
    <div className="toolbar desk-daybar">
      <h2 className="desk-date" aria-live="polite">
        {date ? longDate(date) : 'Loading…'}
        {today && <span className="badge">Today</span>}
      </h2>
      <div className="actions" role="group" aria-label="Day">
        <button onClick={() => props.onShift(-1)} aria-label="Previous day" title="Previous day">
          <ChevronLeft size={16} aria-hidden />
        </button>
        {!today && <button onClick={() => props.onDate(undefined)}>Back to today</button>}
        <button onClick={() => props.onShift(1)} aria-label="Next day" title="Next day">
          <ChevronRight size={16} aria-hidden />
        </button>
        <button
          onClick={props.onReload}
          aria-label="Reload the day"
          title="Reload the day"
          disabled={loading}
        >
          <RefreshCw size={16} aria-hidden />
        </button>
      </div>
      <span className="spacer" />
      {zoneNote && <span className="muted">{zoneNote}</span>}
      {locations.length > 1 && (
        <select
          aria-label="Location"
          value={locationId}
          onChange={(e) => props.onLocation(e.target.value)}
        >
          <option value="">All locations</option>
          {locations.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      )}
    </div>
  )
}
