import type BetterSqlite3 from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import { LogbookError } from '../../../../shared/errors'
import { dateKeyOf, isoToDateKey } from '../../../../shared/time'
import { calendarColumns } from '../../studio/calendar'
import { STUDIO_ACTIONS, type StudioAction } from '../../studio/events'
import type { ImportTx, SqlValue } from '../types'
import type { LocalMoment } from './body-common'

// Locations, members and classes as a studio's files name them, found or made the way the studio
// screens make them. Nothing is cached between rows: a row that fails rolls back to its
// savepoint, and whatever it made goes with it.

/** Where a class took place, as a file names it (an id, a name, or both). */
export interface LocationRef {
  id: string | null
  name: string | null
}

/** The location used when a file names none (a one-room studio's export). */
export const DEFAULT_LOCATION_NAME = 'Main studio'

const slug = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')

/** The location's id: by id, else by name (case-insensitive), else a new dim_location row. */
export function ensureLocation(tx: ImportTx, ref: LocationRef): string {
  const name = ref.name ?? (ref.id === null ? DEFAULT_LOCATION_NAME : null)
  if (ref.id !== null) {
    const found = tx.sqlite
      .prepare('SELECT location_id FROM dim_location WHERE location_id = ?')
      .pluck()
      .get(ref.id) as string | undefined
    if (found !== undefined) return found
    tx.insert('dim_location', { location_id: ref.id, location_name: name ?? ref.id })
    return ref.id
  }
  const locationName = name ?? DEFAULT_LOCATION_NAME
  const byName = tx.sqlite
    .prepare(
      'SELECT location_id FROM dim_location WHERE lower(location_name) = lower(?) ORDER BY rowid LIMIT 1',
    )
    .pluck()
    .get(locationName) as string | undefined
  if (byName !== undefined) return byName
  const base = `loc-${slug(locationName) || 'studio'}`
  const taken = tx.sqlite.prepare('SELECT 1 FROM dim_location WHERE location_id = ?').pluck()
  let id = base
  for (let n = 2; taken.get(id) !== undefined; n += 1) id = `${base}-${n}`
  tx.insert('dim_location', { location_id: id, location_name: locationName })
  return id
}

/** A person as a studio file describes them; every detail may be missing but the id. */
export interface MemberDetails {
  memberId: string
  name: string | null
  firstName: string | null
  lastName: string | null
  email: string | null
  /** The file's email column, for a problem about the address. */
  emailColumn: string
}

/** The users row holding this address, when it is another person's. */
export function emailOwner(tx: ImportTx, email: string, memberId: string): string | undefined {
  return tx.sqlite
    .prepare('SELECT user_id FROM users WHERE lower(email) = lower(?) AND user_id <> ? LIMIT 1')
    .pluck()
    .get(email, memberId) as string | undefined
}

export function emailTaken(memberId: string, email: string, owner: string, column: string) {
  return new LogbookError(
    'conflict',
    `Member ${memberId}: the email ${email} already belongs to member ${owner}`,
    column,
  )
}

/** A username for a new member: the member id, made unique like ensureUser does. */
export function freeUsername(tx: ImportTx, memberId: string) {
  const taken = tx.sqlite.prepare('SELECT 1 FROM users WHERE username = ?').pluck()
  let username = memberId
  for (let n = 2; taken.get(username) !== undefined; n += 1) username = `${memberId}-${n}`
  return username
}

export function fullName(details: Pick<MemberDetails, 'name' | 'firstName' | 'lastName'>) {
  if (details.name !== null) return details.name
  const joined = [details.firstName, details.lastName].filter((p) => p !== null).join(' ')
  return joined === '' ? null : joined
}

/** Made by a visits file: a member list imported later may complete it, status included. */
export const MEMBER_FROM_VISITS = 'studio:member-from-visits'

/**
 * The member's users row, made (role member) when the file names someone Logbook does not know
 * yet. An existing row is used as it is: a visits file never changes a person's details.
 */
export function ensureMember(tx: ImportTx, member: MemberDetails): void {
  const found = tx.sqlite
    .prepare('SELECT id FROM users WHERE user_id = ?')
    .pluck()
    .get(member.memberId) as number | undefined
  if (found !== undefined) return
  if (member.email !== null) {
    const owner = emailOwner(tx, member.email, member.memberId)
    if (owner !== undefined)
      throw emailTaken(member.memberId, member.email, owner, member.emailColumn)
  }
  const values: Record<string, SqlValue> = {
    user_id: member.memberId,
    username: freeUsername(tx, member.memberId),
    name: fullName(member),
    first_name: member.firstName,
    last_name: member.lastName,
    email: member.email,
    role: 'member',
  }
  const id = tx.insert('users', values)
  tx.claimKey({ scope: MEMBER_FROM_VISITS, key: member.memberId }, 'users', id)
}

/** A class as a visits file names it. */
export interface ClassRef {
  className: string
  instructor: string | null
  /** Minutes, when the file says. */
  durationMins: number | null
  moment: LocalMoment
}

/** A class's length when the file does not say (a typical studio class). */
export const DEFAULT_CLASS_MINUTES = 60

export interface SessionRow {
  sessionId: string
  datetime: string
  durationMins: number
}

/** `Vinyasa Flow` → `VINYASA-FLOW`: a class code for a class made from a file. */
export function classCodeOf(name: string) {
  return slug(name).toUpperCase().slice(0, 40) || 'CLASS'
}

/**
 * The class with this name (case-insensitive) starting at this moment at this location, or a new
 * dim_class_session row with its calendar columns from the LOCAL date, as the studio's series
 * planner writes them.
 */
export function ensureSession(tx: ImportTx, ref: ClassRef, locationId: string): SessionRow {
  const datetime = new Date(ref.moment.epochMs).toISOString()
  const found = tx.sqlite
    .prepare(
      `SELECT session_id AS sessionId, datetime, duration_mins AS durationMins
       FROM dim_class_session
       WHERE location_id = ? AND datetime = ? AND lower(class_name) = lower(?)
       ORDER BY rowid LIMIT 1`,
    )
    .get(locationId, datetime, ref.className) as SessionRow | undefined
  if (found) return found
  const sessionId = `class-${randomUUID()}`
  const durationMins = ref.durationMins ?? DEFAULT_CLASS_MINUTES
  tx.insert('dim_class_session', {
    session_id: sessionId,
    class_code: classCodeOf(ref.className),
    class_name: ref.className,
    instructor_id: null,
    instructor_name: ref.instructor,
    location_id: locationId,
    datetime,
    duration_mins: durationMins,
    ...calendarColumns(isoToDateKey(ref.moment.day)),
    release_timestamp: null,
    capacity: null,
    series_id: null,
    created_at: new Date(tx.now).toISOString(),
  })
  return { sessionId, datetime, durationMins }
}

/** The studio's action in the taxonomy with the app's weight, added (undoably) when missing. */
export function ensureStudioAction(tx: ImportTx, action: StudioAction) {
  const found = tx.sqlite
    .prepare('SELECT 1 FROM dim_actions WHERE action_type = ?')
    .pluck()
    .get(action)
  if (found !== undefined) return
  const spec = STUDIO_ACTIONS.find((a) => a.type === action)
  tx.insert('dim_actions', {
    action_type: action,
    action_category: 'studio',
    engagement_weight: spec?.weight ?? 0,
    is_core_action: spec?.core ?? 0,
  })
}

/** A member's class event, as the front desk writes it, at the moment it happened. */
export function writeClassEvent(
  tx: ImportTx,
  action: StudioAction,
  userId: string,
  session: SessionRow,
  locationId: string,
  ts: number,
  properties: Record<string, SqlValue | boolean>,
) {
  ensureStudioAction(tx, action)
  writeImportedEvent(tx, {
    userId,
    name: action,
    ts,
    classSessionId: session.sessionId,
    locationId,
    classDatetime: session.datetime,
    properties,
  })
}

export interface ImportedEvent {
  /** users.user_id of the person whose action it is. */
  userId: string
  name: string
  /** When it happened (epoch ms). */
  ts: number
  classSessionId?: string | null
  locationId?: string | null
  classDatetime?: string | null
  properties?: Record<string, SqlValue | boolean> | null
}

const eventInserts = new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement>()

/**
 * One fct_event row for something an import recorded, as the app writes it beside the record
 * (so the rollups count the day as active). Marked with the import's id: undo deletes a whole
 * import's events by that column, as it does for an event-log import.
 */
export function writeImportedEvent(tx: ImportTx, event: ImportedEvent) {
  let insert = eventInserts.get(tx.sqlite)
  if (!insert) {
    insert = tx.sqlite.prepare(
      `INSERT INTO fct_event (event_id, user_id, event_name, event_ts, ingested_at, date_key,
         source, class_session_id, location_id, class_datetime, properties, import_id)
       VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)`,
    )
    eventInserts.set(tx.sqlite, insert)
  }
  insert.run(
    randomUUID(),
    event.userId,
    event.name,
    event.ts,
    tx.now,
    dateKeyOf(event.ts, tx.timeZone),
    event.classSessionId ?? null,
    event.locationId ?? null,
    event.classDatetime ?? null,
    event.properties ? JSON.stringify(event.properties) : null,
    tx.importId,
  )
}
