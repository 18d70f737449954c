import type BetterSqlite3 from 'better-sqlite3'
import { LogbookError } from '../../../shared/errors'
import {
  NO_VALUE,
  PERSON_ATTRIBUTES,
  type PersonAttribute,
  type ReportParams,
} from '../../../shared/reports'

// Which people a report counts (filters) and how it groups them (segment). A person is a row of
// `users`; their attributes are their own columns and their account's (dim_account). Region is
// the person's own, or their account's when they have none.

/** Each attribute as an SQL expression over `users u LEFT JOIN dim_account a`. */
export const ATTRIBUTE_SQL: Record<PersonAttribute, string> = {
  account: 'u.account_id',
  plan_tier: 'a.plan_tier',
  region: 'coalesce(u.region, a.region)',
  acquisition_channel: 'u.acquisition_channel',
  segment: 'u.user_segment',
  device: 'u.device_type',
  role: 'u.role',
  preferred_location: 'u.preferred_location_id',
}

export function isPersonAttribute(name: string): name is PersonAttribute {
  return (PERSON_ATTRIBUTES as readonly string[]).includes(name)
}

export function assertPersonAttribute(
  name: string,
  field: string,
): asserts name is PersonAttribute {
  if (!isPersonAttribute(name)) {
    throw new LogbookError(
      'invalid_input',
      `unknown attribute "${name}"; one of: ${PERSON_ATTRIBUTES.join(', ')}`,
      field,
    )
  }
}

export interface PeopleScope {
  /** users.id of the people counted; null when no filter applies (everyone counts). */
  keys: ReadonlySet<number> | null
  /** users.user_id (fct_event.user_id) of the same people; null when everyone counts. */
  userIds: ReadonlySet<string> | null
  /** The attribute rows are grouped by, or null. */
  segment: PersonAttribute | null
  /** Segment values in row order (one '' when not grouped); NO_VALUE last. */
  segments: readonly string[]
  /** Index into `segments` of a person (users.id), or -1 when they are not counted. */
  segmentOf(userKey: number): number
  /** The same by users.user_id (fct_event.user_id). */
  segmentOfUserId(userId: string): number
}

const EVERYONE: PeopleScope = {
  keys: null,
  userIds: null,
  segment: null,
  segments: [''],
  segmentOf: () => 0,
  segmentOfUserId: () => 0,
}

function bySegmentOrder(a: string, b: string) {
  if (a === b) return 0
  if (a === NO_VALUE) return 1
  if (b === NO_VALUE) return -1
  return a < b ? -1 : 1
}

/**
 * The people a report's params select (`filters`: each listed attribute must be one of its
 * values; NO_VALUE matches people without one) and their segment (`segment`). Every person in
 * `users` is considered, not only those with events. Cheap when neither is given.
 */
export function peopleMatching(
  sqlite: BetterSqlite3.Database,
  params: Pick<ReportParams, 'segment' | 'filters'>,
): PeopleScope {
  const filters = Object.entries(params.filters ?? {}).filter(
    (entry): entry is [string, string[]] => entry[1] !== undefined,
  )
  for (const [name] of filters) assertPersonAttribute(name, 'filters')
  if (params.segment !== undefined) assertPersonAttribute(params.segment, 'segment')
  if (filters.length === 0 && params.segment === undefined) return EVERYONE

  // One row per segment value, with its people as JSON arrays: ten thousand people cost one
  // short query, not ten thousand rows.
  const label = (name: string) =>
    `coalesce(nullif(CAST(${ATTRIBUTE_SQL[name as PersonAttribute]} AS TEXT), ''), '${NO_VALUE}')`
  const where = filters.map(([name, values]) =>
    values.length === 0 ? '0' : `${label(name)} IN (${values.map(() => '?').join(', ')})`,
  )
  const groups = sqlite
    .prepare(
      `SELECT ${params.segment === undefined ? "''" : label(params.segment)} AS label,
         json_group_array(u.id), json_group_array(u.user_id)
       FROM users u LEFT JOIN dim_account a ON a.account_id = u.account_id
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       GROUP BY label`,
    )
    .raw()
    .all(...filters.flatMap(([, values]) => values)) as [string, string, string][]
  groups.sort((a, b) => bySegmentOrder(a[0], b[0]))

  const index = new Map<number, number>()
  groups.forEach(([, ids], i) => {
    for (const key of JSON.parse(ids) as number[]) index.set(key, i)
  })
  let idIndex: Map<string, number> | null = null
  const byUserId = () => {
    if (idIndex === null) {
      const map = new Map<string, number>()
      groups.forEach(([, , ids], i) => {
        for (const id of JSON.parse(ids) as string[]) map.set(id, i)
      })
      idIndex = map
    }
    return idIndex
  }
  const grouped = params.segment !== undefined
  const filtered = filters.length > 0
  return {
    keys: filtered ? new Set(index.keys()) : null,
    get userIds() {
      return filtered ? new Set(byUserId().keys()) : null
    },
    segment: params.segment ?? null,
    segments: grouped ? groups.map(([value]) => value) : [''],
    segmentOf: (userKey) => index.get(userKey) ?? -1,
    segmentOfUserId: (userId) => byUserId().get(userId) ?? -1,
  }
}

/** The values an attribute takes among the people (for a filter picker), NO_VALUE last. */
export function attributeValues(sqlite: BetterSqlite3.Database, name: PersonAttribute): string[] {
  assertPersonAttribute(name, 'attribute')
  const values = sqlite
    .prepare(
      `SELECT DISTINCT ${ATTRIBUTE_SQL[name]} FROM users u
       LEFT JOIN dim_account a ON a.account_id = u.account_id`,
    )
    .pluck()
    .all() as (string | number | null)[]
  return [...new Set(values.map((v) => (v === null || v === '' ? NO_VALUE : String(v))))].sort(
    bySegmentOrder,
  )
}
