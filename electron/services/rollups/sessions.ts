import { dateKeyOf, type DateKey } from '../../../shared/time'

export const MAX_SESSION_MS = 24 * 60 * 60 * 1000

/** What session building needs of one event; events come ordered by time (then event_key). */
export interface SessionEvent {
  ts: number
  pageUrl: string | null
  source: string | null
}

export interface DerivedSession {
  start: number
  end: number
  /** Local day (reporting zone) of the session's start: the day it belongs to. */
  dateKey: DateKey
  actions: number
  screens: number
  /** The source of the session's first event. */
  type: string | null
}

/**
 * Splits one person's time-ordered events into sessions: a gap strictly longer than `gapMs`
 * starts a new session, and so does an event that would make the session last over 24 hours.
 */
export function deriveSessions(
  events: readonly SessionEvent[],
  gapMs: number,
  timeZone: string,
): DerivedSession[] {
  const sessions: DerivedSession[] = []
  let current: DerivedSession | null = null
  let screens = new Set<string>()
  const close = () => {
    if (current === null) return
    current.screens = screens.size
    sessions.push(current)
  }
  for (const event of events) {
    if (
      current === null ||
      event.ts - current.end > gapMs ||
      event.ts - current.start > MAX_SESSION_MS
    ) {
      close()
      current = {
        start: event.ts,
        end: event.ts,
        dateKey: dateKeyOf(event.ts, timeZone),
        actions: 0,
        screens: 0,
        type: event.source,
      }
      screens = new Set()
    }
    current.end = event.ts
    current.actions += 1
    if (event.pageUrl !== null) screens.add(event.pageUrl)
  }
  close()
  return sessions
}

export const sessionDurationSeconds = (session: Pick<DerivedSession, 'start' | 'end'>) =>
  Math.round((session.end - session.start) / 1000)
