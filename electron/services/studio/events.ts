import type BetterSqlite3 from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import { dateKeyOf } from '../../../shared/time'
import type { StudioContext } from './context'

/** The studio's actions in the taxonomy, as the demo defines them. */
export const STUDIO_ACTIONS = [
  { type: 'class_booked', weight: 3, core: 1 },
  { type: 'class_cancelled', weight: 0, core: 0 },
  { type: 'class_checked_in', weight: 5, core: 1 },
  { type: 'class_no_show', weight: 0, core: 0 },
] as const

export type StudioAction = (typeof STUDIO_ACTIONS)[number]['type']

/** Adds the studio's actions that are missing; rows a person edited are left as they are. */
export function ensureStudioActions(sqlite: BetterSqlite3.Database) {
  const insert = sqlite.prepare(
    `INSERT INTO dim_actions (action_type, action_category, engagement_weight, is_core_action)
     VALUES (?, 'studio', ?, ?) ON CONFLICT (action_type) DO NOTHING`,
  )
  for (const action of STUDIO_ACTIONS) insert.run(action.type, action.weight, action.core)
}

export interface ClassEvent {
  name: StudioAction
  /** users.user_id of the member concerned: the event is theirs. */
  userId: string
  sessionId: string
  locationId: string
  classDatetime: string
  properties: Record<string, unknown>
}

export function writeClassEvent(s: StudioContext, event: ClassEvent) {
  s.sqlite
    .prepare(
      `INSERT INTO fct_event (event_id, user_id, event_name, event_ts, ingested_at, date_key, source,
         class_session_id, location_id, class_datetime, properties)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      randomUUID(),
      event.userId,
      event.name,
      s.nowMs,
      s.nowMs,
      dateKeyOf(s.nowMs, s.timeZone),
      s.source,
      event.sessionId,
      event.locationId,
      event.classDatetime,
      JSON.stringify(event.properties),
    )
}

/**
 * Removes a member's events of one kind for one class. A member has at most one check-in (and
 * one booking) per class, so these are exactly the events of the row being undone.
 */
export function deleteClassEvents(
  sqlite: BetterSqlite3.Database,
  name: StudioAction,
  userId: string,
  sessionId: string,
) {
  return sqlite
    .prepare(`DELETE FROM fct_event WHERE user_id = ? AND class_session_id = ? AND event_name = ?`)
    .run(userId, sessionId, name).changes
}
