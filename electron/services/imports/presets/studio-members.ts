import { RowCells } from '../cells'
import { findColumn } from '../columns'
import { parseDay } from '../parse/dates'
import type {
  FieldSpec,
  ImportTx,
  PresetDefinition,
  PresetMatch,
  SqlValue,
  WriteOutcome,
} from '../types'
import {
  MEMBER_FROM_VISITS,
  emailOwner,
  emailTaken,
  ensureLocation,
  freeUsername,
  fullName,
  type LocationRef,
} from './studio-common'

// A studio's member list: one users row per member id (kept as text: ids can exceed a double's
// precision, and leading zeros matter), role "member".

export interface MemberRecord {
  memberId: string
  name: string | null
  firstName: string | null
  lastName: string | null
  email: string | null
  emailColumn: string
  phone: string | null
  joinDate: string | null
  dateOfBirth: string | null
  gender: string | null
  city: string | null
  membership: string | null
  isActive: 0 | 1 | null
  homeLocation: LocationRef | null
}

const ACTIVE_WORDS: Readonly<Record<string, 0 | 1>> = {
  active: 1,
  current: 1,
  member: 1,
  ok: 1,
  yes: 1,
  true: 1,
  '1': 1,
  inactive: 0,
  suspended: 0,
  frozen: 0,
  onhold: 0,
  paused: 0,
  cancelled: 0,
  canceled: 0,
  expired: 0,
  terminated: 0,
  former: 0,
  lapsed: 0,
  closed: 0,
  no: 0,
  false: 0,
  '0': 0,
}

/** Whether a member status says the person is a member now; undefined when it is not a status. */
export function activeOf(text: string): 0 | 1 | null | undefined {
  const key = text.toLowerCase().replace(/[^a-z0-9]/g, '')
  return key === '' ? null : ACTIVE_WORDS[key]
}

const MEMBER_ID_FIELD: FieldSpec = {
  key: 'member_id',
  label: 'Member id (users.user_id, text)',
  type: 'id',
  aliases: [
    'member id',
    'member_id',
    'memberid',
    'client id',
    'client_id',
    'customer id',
    'member number',
    'member #',
    'id',
  ],
  required: true,
}
const NAME_FIELDS: readonly FieldSpec[] = [
  {
    key: 'first_name',
    label: 'First name',
    type: 'text',
    aliases: ['first name', 'first_name', 'firstname', 'given name'],
  },
  {
    key: 'last_name',
    label: 'Last name',
    type: 'text',
    aliases: ['last name', 'last_name', 'lastname', 'surname', 'family name'],
  },
  {
    key: 'name',
    label: 'Name',
    type: 'text',
    aliases: ['name', 'full name', 'member name', 'client name', 'customer name'],
  },
]
/** Columns of a visits file: a file with one of them is not a member list. */
const VISIT_COLUMNS: readonly FieldSpec[] = [
  {
    key: 'class',
    label: '',
    type: 'text',
    aliases: ['class', 'class name', 'service', 'visit date', 'class date'],
  },
]

const fields: readonly FieldSpec[] = [
  MEMBER_ID_FIELD,
  ...NAME_FIELDS,
  {
    key: 'email',
    label: 'Email',
    type: 'text',
    aliases: ['email', 'email address', 'e-mail', 'e-mail address'],
  },
  {
    key: 'phone',
    label: 'Phone',
    type: 'text',
    aliases: ['phone', 'phone number', 'mobile', 'mobile phone', 'cell phone', 'telephone'],
  },
  {
    key: 'join_date',
    label: 'Registration date',
    type: 'date',
    aliases: [
      'join date',
      'joined',
      'joined on',
      'member since',
      'sign up date',
      'signup date',
      'registration date',
      'start date',
      'created',
    ],
  },
  {
    key: 'status',
    label: 'Active (status: active / inactive, suspended, expired…)',
    type: 'text',
    aliases: ['status', 'member status', 'membership status', 'active'],
  },
  {
    key: 'home_location',
    label: 'Preferred location (name)',
    type: 'text',
    aliases: ['home location', 'home studio', 'home site', 'location', 'studio'],
  },
  {
    key: 'home_location_id',
    label: 'Preferred location (id)',
    type: 'id',
    aliases: ['home location id', 'location id', 'studio id'],
  },
  {
    key: 'date_of_birth',
    label: 'Date of birth',
    type: 'date',
    aliases: ['date of birth', 'birth date', 'birthday', 'dob'],
  },
  { key: 'gender', label: 'Gender', type: 'text', aliases: ['gender'] },
  { key: 'city', label: 'City', type: 'text', aliases: ['city', 'town'] },
  {
    key: 'membership',
    label: 'Segment (membership type)',
    type: 'text',
    aliases: ['membership', 'membership type', 'plan', 'membership plan', 'contract'],
  },
]

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

interface UserRow {
  id: number
  name: string | null
  first_name: string | null
  last_name: string | null
  email: string | null
  phone_number: string | null
  registration_date: string | null
  date_of_birth: string | null
  gender: string | null
  city: string | null
  user_segment: string | null
  preferred_location_id: string | null
  is_active: number
}

/** The member's details as users columns, the preferred location excepted. */
function detailsOf(record: MemberRecord): Record<string, SqlValue> {
  return {
    name: fullName(record),
    first_name: record.firstName,
    last_name: record.lastName,
    email: record.email,
    phone_number: record.phone,
    registration_date: record.joinDate,
    date_of_birth: record.dateOfBirth,
    gender: record.gender,
    city: record.city,
    user_segment: record.membership,
  }
}

/**
 * A member already in Logbook is a duplicate, not a conflict: the row is filed under the member
 * id, and only the details it lacks are filled in (what is there is never overwritten; an email
 * another person has is left out). A member a visits file made also takes the list's status.
 */
function completeMember(
  record: MemberRecord,
  tx: ImportTx,
  existing: UserRow,
  key: { scope: string; key: string },
) {
  const changes: Record<string, SqlValue> = {}
  for (const [column, value] of Object.entries(detailsOf(record))) {
    if (value === null || existing[column as keyof UserRow] !== null) continue
    if (column === 'email' && emailOwner(tx, String(value), record.memberId) !== undefined) continue
    changes[column] = value
  }
  if (existing.preferred_location_id === null && record.homeLocation !== null) {
    changes.preferred_location_id = ensureLocation(tx, record.homeLocation)
  }
  const fromVisits = tx.findKey({ scope: MEMBER_FROM_VISITS, key: record.memberId }) === existing.id
  if (fromVisits && record.isActive !== null && record.isActive !== existing.is_active) {
    changes.is_active = record.isActive
  }
  if (Object.keys(changes).length > 0) tx.update('users', existing.id, changes)
  tx.claimKey(key, 'users', existing.id)
}

function writeMember(record: MemberRecord, tx: ImportTx): WriteOutcome {
  const key = { scope: 'studio:member', key: record.memberId }
  if (tx.findKey(key) !== undefined) return 'duplicate'
  const existing = tx.sqlite
    .prepare(
      `SELECT id, name, first_name, last_name, email, phone_number, registration_date,
         date_of_birth, gender, city, user_segment, preferred_location_id, is_active
       FROM users WHERE user_id = ?`,
    )
    .get(record.memberId) as UserRow | undefined
  if (existing) {
    completeMember(record, tx, existing, key)
    return 'duplicate'
  }
  if (record.email !== null) {
    const owner = emailOwner(tx, record.email, record.memberId)
    if (owner !== undefined)
      throw emailTaken(record.memberId, record.email, owner, record.emailColumn)
  }
  tx.insert(
    'users',
    {
      user_id: record.memberId,
      username: freeUsername(tx, record.memberId),
      role: 'member',
      is_active: record.isActive ?? 1,
      ...detailsOf(record),
      preferred_location_id: record.homeLocation ? ensureLocation(tx, record.homeLocation) : null,
    },
    key,
  )
  return 'inserted'
}

export const studioMembersPreset: PresetDefinition<MemberRecord> = {
  name: 'studio-members',
  label: 'Studio members',
  description:
    'A studio’s member list (Member ID, First Name, Last Name, Email, Phone, Join Date, Status, Home Location…): one member per id, kept as text; a member already in Logbook only has blank details filled in.',
  targets: ['users', 'dim_location'],
  fields,
  detect(header): PresetMatch | null {
    if (findColumn(MEMBER_ID_FIELD, header) === undefined) return null
    if (!NAME_FIELDS.some((f) => findColumn(f, header) !== undefined)) return null
    if (VISIT_COLUMNS.some((f) => findColumn(f, header) !== undefined)) return null
    const optional = ['email', 'phone', 'join_date', 'status', 'home_location']
    const named = (f: FieldSpec) => header[findColumn(f, header) ?? -1]
    const present = fields.filter((f) => optional.includes(f.key) && named(f) !== undefined)
    const idName = named(MEMBER_ID_FIELD) ?? 'id'
    const nameField = NAME_FIELDS.find((f) => named(f) !== undefined)
    const shown = [MEMBER_ID_FIELD, ...(nameField ? [nameField] : []), ...present]
    // A bare "id" with a name is any list of people: only the member columns make it a studio's.
    const base = /^id$/i.test(idName.trim()) ? 0.4 : 0.6
    return {
      score: base + (0.4 * present.length) / optional.length,
      reason: `Studio members: the header has ${shown
        .slice(0, 6)
        .map((f) => `“${named(f)}”`)
        .join(', ')}`,
    }
  },
  bind(columns, header, options) {
    const emailColumn = header[columns.get('email') ?? -1] ?? 'email'
    return {
      parse(row, line) {
        const cells = new RowCells(columns, header, row, line, { delimiter: options.delimiter })
        const memberId = cells.text('member_id', { required: true, max: 100 })
        if (memberId !== null && [...memberId].some((c) => c.charCodeAt(0) < 32)) {
          cells.problem('member_id', 'has control characters')
        }
        const email = cells.text('email', { max: 254 })
        if (email !== null && !EMAIL.test(email)) cells.problem('email', 'is not an email address')
        const day = (key: string) => {
          const text = cells.text(key)
          if (text === null) return null
          const parsed = parseDay(text)
          return parsed.ok ? parsed.value : cells.problem(key, parsed.reason)
        }
        const joinDate = day('join_date')
        const dateOfBirth = day('date_of_birth')
        const isActive = activeOf(cells.raw('status'))
        if (isActive === undefined) {
          cells.problem('status', 'is not a member status (active, inactive, suspended, expired…)')
        }
        const locationName = cells.text('home_location', { max: 200 })
        const locationId = cells.text('home_location_id', { max: 100 })
        const record: MemberRecord = {
          memberId: memberId ?? '',
          name: cells.text('name', { max: 200 }),
          firstName: cells.text('first_name', { max: 100 }),
          lastName: cells.text('last_name', { max: 100 }),
          email,
          emailColumn,
          phone: cells.text('phone', { max: 50 }),
          joinDate,
          dateOfBirth,
          gender: cells.text('gender', { max: 50 }),
          city: cells.text('city', { max: 100 }),
          membership: cells.text('membership', { max: 100 }),
          isActive: isActive ?? null,
          homeLocation:
            locationName === null && locationId === null
              ? null
              : { id: locationId, name: locationName },
        }
        return cells.outcome(record)
      },
      write: writeMember,
    }
  },
}
