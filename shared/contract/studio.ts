import { z } from 'zod'
import { method } from './define'

export type BookingStatus = 'booked' | 'cancelled' | 'late_cancel' | 'no_show'

/** One scheduled class with how full it is. Times are UTC ISO-8601; show them in `timeZone`. */
export interface StudioClass {
  sessionId: string
  classCode: string
  className: string
  instructorName: string | null
  locationId: string
  locationName: string
  /** Start, UTC ISO-8601. */
  datetime: string
  durationMins: number
  /** Null: no limit. */
  capacity: number | null
  /** Bookable from (UTC ISO-8601); null: at any time. */
  releaseTimestamp: string | null
  seriesId: string | null
  /** Bookings still standing (status booked), whether or not the member has arrived. */
  booked: number
  checkedIn: number
  /** Places in use: standing bookings plus people checked in without one (walk-ins). */
  placesTaken: number
}

export interface StudioDay {
  /** The local calendar day shown, YYYY-MM-DD in `timeZone`. */
  date: string
  timeZone: string
  classes: StudioClass[]
}

/** A member on a class's list: booked (in any status), checked in, or both. */
export interface RosterEntry {
  userId: string
  name: string
  email: string | null
  phone: string | null
  bookingId: string | null
  bookingStatus: BookingStatus | null
  bookedAt: string | null
  attendanceId: string | null
  checkedInAt: string | null
  /** Checked in without a standing booking. */
  walkIn: boolean
}

export interface Roster {
  session: StudioClass
  timeZone: string
  /** Expected (booked, not here yet) first, then checked in, then cancelled and no-shows. */
  entries: RosterEntry[]
}

export interface MemberMatch {
  userId: string
  name: string
  email: string | null
  phone: string | null
  isActive: boolean
  /** For the class named in the search (sessionId), else null / false. */
  bookingStatus: BookingStatus | null
  checkedIn: boolean
}

/** What a front-desk action did, said in a sentence, with the class's list as it is now. */
export interface StudioChange {
  message: string
  roster: Roster
}

export interface StudioLocation {
  locationId: string
  locationName: string
  city: string | null
}

export interface SeriesSessionPlan {
  /** Local date, YYYY-MM-DD. */
  date: string
  weekday: string
  /** Local start time actually used, HH:MM (differs from the asked time only in a DST gap). */
  localTime: string
  datetime: string
  releaseTimestamp: string | null
  weekNumber: number
  /** Said when the asked time does not exist that day (clocks go forward). */
  note: string | null
  /** Another class at the same location overlapping this one, described. */
  clash: string | null
}

export interface SeriesPreview {
  timeZone: string
  locationName: string
  sessions: SeriesSessionPlan[]
}

export interface SeriesCreated {
  seriesId: string
  sessionIds: string[]
  message: string
}

const DATE = /^\d{4}-\d{2}-\d{2}$/
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/

function isRealDate(value: string) {
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

const localDate = (label: string) =>
  z
    .string({ message: `${label} must be a date` })
    .regex(DATE, `${label} must be a date written YYYY-MM-DD`)
    .refine(isRealDate, `${label} is not a real calendar date`)

const id = (label: string) =>
  z
    .string({ message: `Choose a ${label}` })
    .trim()
    .min(1, `Choose a ${label}`)
    .max(200, `That ${label} reference is too long`)

/** "1 place", "20 places"; no unit: the bare number. */
const amount = (n: number, unit?: readonly [one: string, many: string]) =>
  unit ? `${n} ${n === 1 ? unit[0] : unit[1]}` : String(n)

const whole = (
  label: string,
  min: number,
  max: number,
  unit?: readonly [one: string, many: string],
) =>
  z
    .number({ message: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be at least ${amount(min, unit)}`)
    .max(max, `${label} must be at most ${amount(max, unit)}`)

const optionalText = (label: string, max: number) =>
  z
    .string({ message: `${label} must be text` })
    .trim()
    .max(max, `${label} is too long (at most ${max} characters)`)
    .nullish()
    .transform((value) => (value ? value : null))

const dayInput = z.object({ date: localDate('Date').optional() }).strict()
const sessionInput = z.object({ sessionId: id('class') }).strict()
const memberInClass = z.object({ sessionId: id('class'), userId: id('member') }).strict()
const attendanceInput = z.object({ attendanceId: id('check-in') }).strict()
const bookingInput = z.object({ bookingId: id('booking') }).strict()
const noInput = z.object({}).strict()

const findInput = z
  .object({
    search: z
      .string({ message: 'Search must be text' })
      .trim()
      .min(1, 'Search: type at least one letter or digit')
      .max(100, 'Search is too long (at most 100 characters)'),
    limit: whole('Limit', 1, 50).default(8),
    /** Report each match's booking and check-in for this class. */
    sessionId: id('class').optional(),
  })
  .strict()

export const seriesInput = z
  .object({
    classCode: z
      .string({ message: 'Class code is required' })
      .trim()
      .min(1, 'Class code is required')
      .max(20, 'Class code is too long (at most 20 characters)'),
    className: z
      .string({ message: 'Class name is required' })
      .trim()
      .min(1, 'Class name is required')
      .max(200, 'Class name is too long (at most 200 characters)'),
    instructorName: optionalText('Instructor', 200),
    instructorId: whole('Instructor number', 0, 1_000_000_000).nullish().default(null),
    locationId: id('location'),
    firstDate: localDate('First date'),
    startTime: z
      .string({ message: 'Start time is required' })
      .regex(TIME, 'Start time must be a time written HH:MM (24-hour clock)'),
    weeks: whole('Number of weeks', 1, 104),
    durationMins: whole('Duration', 1, 1440, ['minute', 'minutes']),
    capacity: whole('Capacity', 1, 10_000, ['place', 'places']),
    /** Bookable this many days before each class, at the same local time; null: at any time. */
    releaseDaysBefore: whole('Bookable from', 1, 90, ['day before', 'days before'])
      .nullish()
      .default(null),
  })
  .strict()

export type SeriesInput = z.input<typeof seriesInput>
export type SeriesPlanInput = z.output<typeof seriesInput>

export const studioMethods = {
  /** The classes of one local day (default: today in the settings' zone), with their counts. */
  'studio.day': method<typeof dayInput, StudioDay>(dayInput),
  'studio.locations': method<typeof noInput, StudioLocation[]>(noInput),
  'studio.roster': method<typeof sessionInput, Roster>(sessionInput),
  /** Members by name, email or phone; best matches first. */
  'studio.findMembers': method<typeof findInput, MemberMatch[]>(findInput),
  'studio.checkIn': method<typeof memberInClass, StudioChange>(memberInClass),
  'studio.undoCheckIn': method<typeof attendanceInput, StudioChange>(attendanceInput),
  'studio.book': method<typeof memberInClass, StudioChange>(memberInClass),
  /** A late cancel when it is within the late-cancel window (Settings) of the start. */
  'studio.cancelBooking': method<typeof bookingInput, StudioChange>(bookingInput),
  'studio.markNoShow': method<typeof bookingInput, StudioChange>(bookingInput),
  'studio.previewSeries': method<typeof seriesInput, SeriesPreview>(seriesInput),
  'studio.createSeries': method<typeof seriesInput, SeriesCreated>(seriesInput),
}
