import type BetterSqlite3 from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import type { EntityDef, FieldValue } from '../../../shared/entities'
import { dateKeyOf } from '../../../shared/time'
import { calendarColumns } from '../studio/calendar'
import { hasColumn } from './columns'

// The few values the app fills in itself, named per table. Everything else is generic.

export type Values = Record<string, FieldValue>

export interface DeriveContext {
  sqlite: BetterSqlite3.Database
  timeZone: string
  /** UTC ISO-8601 with milliseconds. */
  now: string
}

const filled = (value: FieldValue | undefined): value is string | number =>
  value !== null && value !== undefined && String(value).trim() !== ''

/** A class's calendar columns, in the reporting zone (as the demo schedule writes them). */
export function classCalendar(datetime: string, timeZone: string): Values {
  return calendarColumns(dateKeyOf(Date.parse(datetime), timeZone))
}

const slug = (text: string) =>
  text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '')
    .replace(/^[._-]+|[._-]+$/g, '')
    .slice(0, 60)

/** `base`, else `base2`, `base3`… whichever no one has. */
export function uniqueUsername(sqlite: BetterSqlite3.Database, base: string): string {
  const taken = sqlite.prepare('SELECT 1 FROM users WHERE username = ?').pluck()
  const stem = slug(base) || 'user'
  let candidate = stem
  for (let n = 2; taken.get(candidate) !== undefined; n += 1) candidate = `${stem}${n}`
  return candidate
}

function fullName(first: FieldValue | undefined, last: FieldValue | undefined): string | null {
  const name = [first, last].filter(filled).map(String).join(' ')
  return name === '' ? null : name
}

/** People: a name from first and last name, a text id and a username when left empty. */
function derivePerson(ctx: DeriveContext, values: Values, existing: Values | null) {
  const merged = { ...existing, ...values }
  if (!filled(merged.name)) {
    const name = fullName(merged.first_name, merged.last_name)
    if (name !== null || 'name' in values) values.name = name
  }
  if (existing) {
    // Left empty on an edit: the id and username stay what they were.
    if (!filled(values.user_id)) delete values.user_id
    if (!filled(values.username)) delete values.username
    return
  }
  if (!filled(values.user_id)) values.user_id = `person-${randomUUID()}`
  if (!filled(values.username)) {
    const email = typeof values.email === 'string' ? values.email.split('@')[0] : undefined
    values.username = uniqueUsername(
      ctx.sqlite,
      email || (typeof values.name === 'string' ? values.name : ''),
    )
  }
}

/** The column that says when a record was last changed, if the table has one. */
function updatedColumn(def: EntityDef): string | null {
  if (def.name === 'blog_posts') return 'date_updated'
  return hasColumn(def.name, 'updated_at') ? 'updated_at' : null
}

/**
 * Fills derived values into `values` (changed in place). `existing` is the stored row on an
 * update and null on a create.
 */
export function deriveValues(
  ctx: DeriveContext,
  def: EntityDef,
  values: Values,
  existing: Values | null,
) {
  if (def.name === 'users') derivePerson(ctx, values, existing)
  if (def.name === 'dim_class_session' && typeof values.datetime === 'string') {
    if (!existing || existing.datetime !== values.datetime) {
      Object.assign(values, classCalendar(values.datetime, ctx.timeZone))
    }
  }
  const updated = updatedColumn(def)
  if (existing && updated !== null && !filled(values[updated])) values[updated] = ctx.now
}
