import { useEffect, useMemo, useRef } from 'react'
import { Link } from 'react-router'
import { ClassHeader } from './ClassHeader'
import { ClassList } from './ClassList'
import { DayBar } from './DayBar'
import { MemberSearch } from './MemberSearch'
import { RosterTable } from './RosterTable'
import { longDate, shiftDate, startMs, todayIn, zoneNote } from './studio-format'
import { useStudioStore } from './studio-store'
import { useNow } from '../../components/use-now'
import './studio.css'

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.isContentEditable)

/** The front desk: today's classes, the chosen class's list, and one-key check-in. */
export function CheckInPage() {
  const store = useStudioStore()
  const { day, roster, selectedId, locationId, loadDay } = store
  const nowMs = useNow()
  const searchRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    void loadDay()
  }, [loadDay])

  // Bookings also arrive from elsewhere: look again every minute and when the window is back.
  useEffect(() => {
    const refresh = () => void useStudioStore.getState().refresh()
    const timer = setInterval(refresh, 60_000)
    window.addEventListener('focus', refresh)
    return () => {
      clearInterval(timer)
      window.removeEventListener('focus', refresh)
    }
  }, [])

  // `/` jumps to the member search from anywhere on the page.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || isTyping(event.target) || document.querySelector('dialog[open]'))
        return
      event.preventDefault()
      searchRef.current?.focus()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const locations = useMemo(() => {
    const seen = new Map<string, string>()
    for (const c of day?.classes ?? []) seen.set(c.locationId, c.locationName)
    return [...seen].map(([id, name]) => ({ id, name }))
  }, [day])

  const timeZone = day?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone
  const classes = (day?.classes ?? []).filter((c) => !locationId || c.locationId === locationId)
  const session = roster?.session.sessionId === selectedId ? roster?.session : undefined
  const isToday = day !== null && day.date === todayIn(day.timeZone, nowMs)

  return (
    <section className="desk" aria-label="Check-in">
      <DayBar
        date={day?.date ?? null}
        today={isToday}
        zoneNote={zoneNote(timeZone, Intl.DateTimeFormat().resolvedOptions().timeZone)}
        locations={locations}
        locationId={locationId}
        loading={store.dayLoading}
        onDate={(date) => void loadDay(date)}
        onReload={() => void store.refresh()}
        onShift={(days) => day && void loadDay(shiftDate(day.date, days))}
        onLocation={store.setLocation}
      />
      {day && classes.length === 0 ? (
        <section className="empty card desk-empty" aria-label="No classes">
          <h2>No classes {isToday ? 'today' : `on ${longDate(day.date)}`}</h2>
          <p>
            The classes of the day appear here with their bookings and check-ins. Create a weekly
            series, or add a single class under Classes.
          </p>
          <div className="actions">
            <Link className="button primary" to="/studio/series">
              Create a weekly series
            </Link>
            <Link className="button" to="/studio/dim_class_session">
              Go to Classes
            </Link>
          </div>
        </section>
      ) : (
        <div className="desk-columns">
          <ClassList
            label={isToday ? 'Today’s classes' : `Classes on ${day ? longDate(day.date) : ''}`}
            classes={classes}
            selectedId={selectedId}
            timeZone={timeZone}
            nowMs={nowMs}
            onSelect={(id) => void store.select(id)}
            onConfirm={() => searchRef.current?.focus()}
          />
          <div className="desk-panel card" aria-labelledby="desk-class-title">
            {session && roster ? (
              <>
                <ClassHeader session={session} timeZone={timeZone} nowMs={nowMs} />
                <MemberSearch
                  inputRef={searchRef}
                  search={store.search}
                  matches={store.matches}
                  searching={store.matchesFor !== store.search.trim()}
                  highlighted={store.highlighted}
                  pending={store.pending}
                  onSearch={store.setSearch}
                  onMove={store.moveHighlight}
                  onCheckIn={(m) =>
                    void store
                      .run({ kind: 'checkIn', userId: m.userId })
                      .then(() => searchRef.current?.focus())
                  }
                  onBook={(m) =>
                    void store
                      .run({ kind: 'book', userId: m.userId })
                      .then(() => searchRef.current?.focus())
                  }
                />
                <div className="desk-roster-scroll">
                  <RosterTable
                    entries={roster.entries}
                    timeZone={timeZone}
                    started={nowMs >= startMs(session)}
                    pending={store.pending}
                    onAction={(action) => void store.run(action)}
                  />
                </div>
              </>
            ) : (
              <p className="loading" role="status">
                {selectedId ? 'Loading the class list…' : 'Choose a class.'}
              </p>
            )}
          </div>
        </div>
      )}
    </section>
  )
}
