import type BetterSqlite3 from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import type { EntityDef } from '../../../shared/entities'
import { dateKeyOf } from '../../../shared/time'
import type { ServiceContext } from '../context'
import type { ForeignKeyGraph } from './graph'
import { ensureOwner } from './owner'

export type RecordChange = 'created' | 'updated' | 'deleted'

interface Action {
  type: string
  category: string
  weight: number
  core: 0 | 1
}

const SOURCE = { ipc: 'desktop', http: 'web', cli: 'api' } as const satisfies Record<
  ServiceContext['adapter'],
  string
>

/** A create logs the entity's own action (it counts as activity); everything else is bookkeeping. */
function actionFor(def: EntityDef, change: RecordChange): Action {
  if (change === 'created' && def.createAction) {
    return { type: def.createAction.type, category: def.createAction.category, weight: 1, core: 1 }
  }
  return { type: `record_${change}`, category: 'logbook', weight: 0, core: 0 }
}

/**
 * Whose event a change is: a person's own row is theirs; a row naming a member by users.user_id
 * (a booking, a check-in) is that member's; anything else is the owner's.
 */
export function personOf(
  sqlite: BetterSqlite3.Database,
  graph: ForeignKeyGraph,
  def: EntityDef,
  row: Readonly<Record<string, unknown>>,
): string {
  if (def.name === 'users' && typeof row.user_id === 'string') return row.user_id
  for (const key of graph.outgoing.get(def.name) ?? []) {
    const [from] = key.from
    const member = from === undefined ? undefined : row[from]
    if (
      key.parent === 'users' &&
      key.to.length === 1 &&
      key.to[0] === 'user_id' &&
      typeof member === 'string'
    ) {
      return member
    }
  }
  return ensureOwner(sqlite).userId
}

export interface EventInput {
  def: EntityDef
  change: RecordChange
  userId: string
  key: string | number
  adapter: ServiceContext['adapter']
  timeZone: string
}

/** One fct_event row for a create, update or delete, its action put in the taxonomy first. */
export function writeRecordEvent(sqlite: BetterSqlite3.Database, input: EventInput) {
  const action = actionFor(input.def, input.change)
  sqlite
    .prepare(
      `INSERT INTO dim_actions (action_type, action_category, engagement_weight, is_core_action)
       VALUES (?, ?, ?, ?) ON CONFLICT (action_type) DO NOTHING`,
    )
    .run(action.type, action.category, action.weight, action.core)
  const now = Date.now()
  sqlite
    .prepare(
      `INSERT INTO fct_event (event_id, user_id, event_name, event_ts, ingested_at, date_key, source, properties)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      randomUUID(),
      input.userId,
      action.type,
      now,
      now,
      dateKeyOf(now, input.timeZone),
      SOURCE[input.adapter],
      JSON.stringify({ table: input.def.name, key: input.key }),
    )
}
