import type { DateKey } from '../../../shared/time'
import { sessionDurationSeconds, type DerivedSession } from './sessions'

export interface DayEvent {
  /** fct_event.date_key: the event's local day, stored when it was written. */
  dateKey: DateKey
  name: string
}

export interface DayActivity {
  dateKey: DateKey
  sessionsCount: number
  totalSessionDuration: number
  totalActions: number
  uniqueActionTypes: number
  isActive: boolean
}

/**
 * One person's days with at least one event. Sessions count on the day they start; a session
 * starting on a day without events of that person (only possible when stored date_keys were
 * computed in another zone than the sessions) has no row to count on and is left out.
 */
export function dailyActivity(
  events: readonly DayEvent[],
  sessions: readonly DerivedSession[],
  countsAsActive: (actionType: string) => boolean,
): DayActivity[] {
  const days = new Map<DateKey, DayActivity & { types: Set<string> }>()
  for (const event of events) {
    let day = days.get(event.dateKey)
    if (!day) {
      day = {
        dateKey: event.dateKey,
        sessionsCount: 0,
        totalSessionDuration: 0,
        totalActions: 0,
        uniqueActionTypes: 0,
        isActive: false,
        types: new Set(),
      }
      days.set(event.dateKey, day)
    }
    day.totalActions += 1
    day.types.add(event.name)
    if (!day.isActive && countsAsActive(event.name)) day.isActive = true
  }
  for (const session of sessions) {
    const day = days.get(session.dateKey)
    if (!day) continue
    day.sessionsCount += 1
    day.totalSessionDuration += sessionDurationSeconds(session)
  }
  return [...days.values()]
    .sort((a, b) => a.dateKey - b.dateKey)
    .map(({ types, ...day }) => ({ ...day, uniqueActionTypes: types.size }))
}
