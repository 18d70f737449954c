import { dateKeyToIso, type DateKey } from '../../../shared/time'
import { iso } from './clock'
import type { DemoContext, PersonRef } from './context'

export const OWNER_USER_ID = 'me'
/** The owner's total daily energy expenditure (kcal); nutrition hovers around it. */
const OWNER_TDEE = 2500

export interface Owner extends PersonRef {
  tdee: number
}

/** The app's owner: the one person whose training, media and blog the demo shows. */
export function writeOwner(ctx: DemoContext, since: DateKey): Owner {
  const { rng, identities, clock } = ctx
  const createdMs = clock.at(since, 9, rng.int(0, 59))
  const name = identities.person()
  const created = iso(createdMs)
  const id = ctx.writer.insert('users', {
    user_id: OWNER_USER_ID,
    ...identities.nameColumns(name, identities.reserveUsername(OWNER_USER_ID)),
    phone_number: identities.phone(),
    date_of_birth: identities.dateOfBirth(createdMs, 29, 38),
    city: rng.faker.location.city(),
    preferred_location_id: null,
    account_id: null,
    role: 'owner',
    is_active: 1,
    activated_at: created,
    deactivated_at: null,
    registration_date: dateKeyToIso(since),
    acquisition_channel: null,
    user_segment: 'individual',
    device_type: 'desktop',
    region: null,
    tdee: OWNER_TDEE,
    created_at: created,
    updated_at: created,
  })
  return { id, userId: OWNER_USER_ID, createdMs, tdee: OWNER_TDEE }
}
