import type { DemoRandom } from './random'
import type { ActionType } from './taxonomy'
import type { DemoRow, RowWriter } from './writer'
import { dateKeyOf } from '../../../shared/time'

export type EventSource = 'desktop' | 'web' | 'mobile' | 'api'

/** One thing a person did; everything but who, what and when is optional. */
export interface DemoEvent {
  userId: string
  name: ActionType
  ts: number
  /** When Logbook received it; the moment itself unless the event arrived late. */
  ingestedAt?: number
  accountId?: string | null
  durationSeconds?: number | null
  taskId?: string | null
  source?: EventSource | null
  classSessionId?: string | null
  locationId?: string | null
  classDatetime?: string | null
  appSessionId?: string | null
  pageUrl?: string | null
  actionContext?: string | null
  properties?: Record<string, unknown> | null
}

/**
 * Collects the events every module writes, then stores them in the order they were received
 * (ingested_at), as a real log would number them.
 */
export class EventLog {
  private readonly rows: DemoRow<'fct_event'>[] = []

  constructor(
    private readonly rng: DemoRandom,
    private readonly timeZone: string,
  ) {}

  add(event: DemoEvent): void {
    this.rows.push({
      event_id: this.rng.uuidV7(event.ts),
      user_id: event.userId,
      account_id: event.accountId ?? null,
      event_name: event.name,
      event_ts: event.ts,
      ingested_at: event.ingestedAt ?? event.ts,
      date_key: dateKeyOf(event.ts, this.timeZone),
      duration_seconds: event.durationSeconds ?? null,
      task_id: event.taskId ?? null,
      source: event.source ?? null,
      class_session_id: event.classSessionId ?? null,
      location_id: event.locationId ?? null,
      class_datetime: event.classDatetime ?? null,
      app_session_id: event.appSessionId ?? null,
      page_url: event.pageUrl ?? null,
      action_context: event.actionContext ?? null,
      properties: event.properties ? JSON.stringify(event.properties) : null,
      import_id: null,
    })
  }

  get size() {
    return this.rows.length
  }

  write(writer: RowWriter): void {
    // Array.prototype.sort is stable: ties keep the order the events were added in.
    this.rows.sort((a, b) => a.ingested_at - b.ingested_at || a.event_ts - b.event_ts)
    for (const row of this.rows) writer.insert('fct_event', row)
    this.rows.length = 0
  }
}
