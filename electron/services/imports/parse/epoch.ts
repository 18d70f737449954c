// Event times as event logs write them, read a million times per import: no regular expressions,
// no Date objects, no allocation per value. See docs/imports/events.md for the formats.
import { dateKeyOf, localParts, zonedTimeToEpoch } from '../../../../shared/time'

const DAY_MS = 86_400_000
/** 3000-01-01T00:00:00Z: `date_key` stops at 2999-12-31. */
export const LATEST_EPOCH_MS = 32_503_680_000_000

const ZERO = 48

/** Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant's algorithm). */
export function daysFromCivil(year: number, month: number, day: number) {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146_097 + doe - 719_468
}

function daysInMonth(year: number, month: number) {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

function isDigit(c: number) {
  return c >= ZERO && c <= ZERO + 9
}

/** The value of `count` digits of `text` from `at`, or -1 when one of them is not a digit. */
function digitsAt(text: string, at: number, count: number) {
  let value = 0
  for (let i = at; i < at + count; i++) {
    const c = text.charCodeAt(i)
    if (!isDigit(c)) return -1
    value = value * 10 + (c - ZERO)
  }
  return value
}

export const TIME_FORMATS =
  'ISO-8601 (2025-03-01T14:03:00Z, +01:00 offsets), YYYY-MM-DD HH:MM:SS[.ffffff] [UTC], or epoch seconds, milliseconds or microseconds'

/**
 * Reads event times into `ms` (epoch milliseconds) and `micros` (the microseconds below that,
 * 0–999, kept so that events a fraction of a millisecond apart stay apart). Each read returns
 * null when the value was read, else the reason it was not. One reader per import: it caches
 * zone offsets per day, so neither wall-clock times nor `dateKey` cost an Intl call per row.
 *
 * - Digits only: epoch seconds, milliseconds, microseconds or nanoseconds, told apart by the
 *   value's magnitude, per value: below 10^11 seconds (up to the year 5138), below 10^14
 *   milliseconds, below 10^17 microseconds, below 10^20 nanoseconds. A fraction is allowed
 *   (`1735689600.25`). Digits are never read through a double beyond its precision.
 * - A date and time: `YYYY-MM-DD`, `T` or a space, `HH:MM[:SS[.fraction]]`, then optionally a
 *   zone: `Z`, `UTC`, `GMT`, `+HH:MM`, `+HHMM`, `+HH` (a space before it is allowed). `/` may
 *   separate the date's parts. Without a zone, the time is wall-clock time in `localZone` (UTC
 *   unless told otherwise; a time skipped by clocks going forward moves forward by the jump, a
 *   repeated one is the first, as `zonedTimeToEpoch` does). A date alone is midnight.
 * - Anything before 1970-01-01T00:00Z or from the year 3000 on is refused.
 */
export class EventTimeReader {
  ms = 0
  micros = 0
  private readonly localIsUtc: boolean
  private readonly reportingIsUtc: boolean
  private shiftDay = Number.NaN
  private dayShift = 0
  /** Shifts per quarter hour of the days the clocks change. */
  private readonly quarterShifts = new Map<number, number>()
  private offsetDay = Number.NaN
  private dayOffset = 0
  private keyDay = Number.NaN
  private key = 0

  /**
   * @param reportingZone the zone whose calendar days `dateKey` gives.
   * @param localZone the zone of times written without one (event logs write UTC).
   */
  constructor(
    readonly reportingZone: string,
    readonly localZone = 'UTC',
  ) {
    this.localIsUtc = isUtc(localZone)
    this.reportingIsUtc = isUtc(reportingZone)
  }

  /** Reads one cell (trimmed here). */
  read(raw: string): string | null {
    let start = 0
    let end = raw.length
    while (start < end && raw.charCodeAt(start) <= 32) start++
    while (end > start && raw.charCodeAt(end - 1) <= 32) end--
    if (start === end) return 'is empty'
    if (raw.charCodeAt(start) === 45 /* - */ && isDigit(raw.charCodeAt(start + 1))) {
      // A negative epoch, or a date with a minus sign: both before 1970.
      return `"${raw.trim()}" is before 1970`
    }
    const epoch = this.readEpoch(raw, start, end)
    return epoch === undefined ? this.readDateTime(raw, start, end) : epoch
  }

  /** A date column and a time-of-day column (`14:03`, `14:03:00.5`, `14:03:00 UTC`). */
  readDateAndTime(date: string, time: string): string | null {
    return this.read(`${date.trim()}T${time.trim()}`)
  }

  /** Whether a cell is a time of day alone (`H:MM…`), to be put together with a date column. */
  static isTimeOfDay(raw: string) {
    const text = raw.trimStart()
    const colon = text.charCodeAt(1) === 58 ? 1 : text.charCodeAt(2) === 58 ? 2 : -1
    return colon > 0 && isDigit(text.charCodeAt(0)) && isDigit(text.charCodeAt(colon + 1))
  }

  /** undefined when the text is not digits (it may still be a date). */
  private readEpoch(text: string, start: number, end: number): string | null | undefined {
    let dot = -1
    let firstSignificant = -1
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i)
      if (c === 46 /* . */ && dot === -1) dot = i
      else if (!isDigit(c)) return undefined
      else if (firstSignificant === -1 && c !== ZERO && dot === -1) firstSignificant = i
    }
    const intEnd = dot === -1 ? end : dot
    if (intEnd === start) return undefined
    const digits = firstSignificant === -1 ? 0 : intEnd - firstSignificant
    const from = firstSignificant === -1 ? intEnd : firstSignificant
    // Scale: how many of the integer digits are below a millisecond.
    let subMsDigits: number
    if (digits <= 11) subMsDigits = -3
    else if (digits <= 14) subMsDigits = 0
    else if (digits <= 17) subMsDigits = 3
    else if (digits <= 20) subMsDigits = 6
    else return `"${text.slice(start, end)}" is too large for an epoch time`
    let ms: number
    let micros = 0
    if (subMsDigits === -3) {
      ms = (digits === 0 ? 0 : Number(text.slice(from, intEnd))) * 1000
      if (dot !== -1) {
        ms += digitsPadded(text, dot + 1, end, 3)
        micros = digitsPadded(text, dot + 4, end, 3)
      }
    } else {
      const msEnd = intEnd - subMsDigits
      ms = Number(text.slice(from, msEnd))
      if (subMsDigits === 0) {
        if (dot !== -1) micros = digitsPadded(text, dot + 1, end, 3)
      } else micros = digitsPadded(text, msEnd, intEnd, 3)
    }
    return this.accept(ms, micros, text, start, end)
  }

  private readDateTime(text: string, start: number, end: number): string | null {
    if (end - start < 8) return notATime(text, start, end)
    const year = digitsAt(text, start, 4)
    const sep = text.charCodeAt(start + 4)
    if (year < 0 || (sep !== 45 && sep !== 47)) return notATime(text, start, end)
    let i = start + 5
    const month = readOneOrTwo(text, i, end)
    if (month < 0) return notATime(text, start, end)
    i += month >= 100 ? 2 : 1
    if (text.charCodeAt(i) !== sep) return notATime(text, start, end)
    i++
    const day = readOneOrTwo(text, i, end)
    if (day < 0) return notATime(text, start, end)
    i += day >= 100 ? 2 : 1
    const m = month % 100
    const d = day % 100
    if (m < 1 || m > 12 || d < 1 || d > daysInMonth(year, m)) {
      return `"${text.slice(start, end)}" is not a real calendar day`
    }
    let hour = 0
    let minute = 0
    let second = 0
    let millis = 0
    let micros = 0
    let zoned = false
    let offsetMinutes = 0
    if (i < end) {
      const c = text.charCodeAt(i)
      if (c !== 84 /* T */ && c !== 116 /* t */ && c !== 32) return notATime(text, start, end)
      i++
      const h = readOneOrTwo(text, i, end)
      if (h < 0) return notATime(text, start, end)
      i += h >= 100 ? 2 : 1
      hour = h % 100
      if (text.charCodeAt(i) !== 58) return notATime(text, start, end)
      minute = digitsAt(text, i + 1, 2)
      if (minute < 0) return notATime(text, start, end)
      i += 3
      if (i < end && text.charCodeAt(i) === 58) {
        second = digitsAt(text, i + 1, 2)
        if (second < 0) return notATime(text, start, end)
        i += 3
        const f = text.charCodeAt(i)
        if (i < end && (f === 46 || f === 44) && isDigit(text.charCodeAt(i + 1))) {
          let fractionEnd = i + 1
          while (fractionEnd < end && isDigit(text.charCodeAt(fractionEnd))) fractionEnd++
          if (fractionEnd - i - 1 > 9) return notATime(text, start, end)
          millis = digitsPadded(text, i + 1, fractionEnd, 3)
          micros = digitsPadded(text, i + 4, fractionEnd, 3)
          i = fractionEnd
        }
      }
      if (hour > 23 || minute > 59 || second > 59) {
        return `"${text.slice(start, end)}" is not a real time of day`
      }
      if (i < end) {
        if (text.charCodeAt(i) === 32) i++
        const zone = readZone(text, i, end)
        if (zone === undefined) return notATime(text, start, end)
        zoned = true
        offsetMinutes = zone
      }
    }
    const days = daysFromCivil(year, m, d)
    const wall = days * DAY_MS + hour * 3_600_000 + minute * 60_000
    const instant = zoned
      ? wall - offsetMinutes * 60_000
      : this.localToUtc(wall, year, m, d, hour, minute)
    return this.accept(instant + second * 1000 + millis, micros, text, start, end)
  }

  private accept(ms: number, micros: number, text: string, start: number, end: number) {
    if (ms < 0) return `"${text.slice(start, end)}" is before 1970`
    if (ms >= LATEST_EPOCH_MS || !Number.isFinite(ms)) {
      return `"${text.slice(start, end)}" is after the year 2999`
    }
    this.ms = ms
    this.micros = micros
    return null
  }

  /**
   * Wall-clock time in `localZone` (given as if it were UTC) → the instant. The shift is looked
   * up once per local day when it is the same at both ends of the day (zonedTimeToEpoch's
   * answer, three Intl calls each), and per quarter hour on the days the clocks change.
   */
  private localToUtc(
    wall: number,
    year: number,
    month: number,
    day: number,
    hour: number,
    minute: number,
  ) {
    if (this.localIsUtc) return wall
    const wallDay = Math.floor(wall / DAY_MS)
    if (wallDay !== this.shiftDay) {
      this.shiftDay = wallDay
      const zone = this.localZone
      const midnight = wallDay * DAY_MS
      const first = zonedTimeToEpoch({ year, month, day, hour: 0, minute: 0 }, zone) - midnight
      const last =
        zonedTimeToEpoch({ year, month, day, hour: 23, minute: 59 }, zone) - (midnight + 86_340_000)
      this.dayShift = first === last ? first : Number.NaN
    }
    if (!Number.isNaN(this.dayShift)) return wall + this.dayShift
    const quarterStart = wall - (minute % 15) * 60_000
    let shift = this.quarterShifts.get(quarterStart)
    if (shift === undefined) {
      const local = { year, month, day, hour, minute: minute - (minute % 15) }
      shift = zonedTimeToEpoch(local, this.localZone) - quarterStart
      if (this.quarterShifts.size > 10_000) this.quarterShifts.clear()
      this.quarterShifts.set(quarterStart, shift)
    }
    return wall + shift
  }

  /**
   * The calendar day of an instant in the reporting zone, as YYYYMMDD: the same as `dateKeyOf`,
   * with the zone's offset looked up once per UTC day (twice on the days the clocks change).
   */
  dateKey(epochMs: number): number {
    const utcDay = Math.floor(epochMs / DAY_MS)
    if (utcDay !== this.offsetDay) {
      this.offsetDay = utcDay
      const start = utcDay * DAY_MS
      const zone = this.reportingZone
      const first = this.reportingIsUtc ? 0 : offsetAt(start, zone)
      const last = this.reportingIsUtc ? 0 : offsetAt(start + DAY_MS - 60_000, zone)
      this.dayOffset = first === last ? first : Number.NaN
    }
    if (Number.isNaN(this.dayOffset)) return dateKeyOf(epochMs, this.reportingZone)
    const localDay = Math.floor((epochMs + this.dayOffset) / DAY_MS)
    if (localDay !== this.keyDay) {
      this.keyDay = localDay
      this.key = civilKey(localDay)
    }
    return this.key
  }
}

function isUtc(zone: string) {
  return zone === 'UTC' || zone === 'Etc/UTC' || zone === 'GMT' || zone === 'Etc/GMT'
}

/** The zone's offset from UTC at an instant, in ms (to the minute, as shared/time works). */
function offsetAt(epochMs: number, timeZone: string) {
  const p = localParts(epochMs, timeZone)
  const minute = Math.floor(epochMs / 60_000) * 60_000
  return (
    daysFromCivil(p.year, p.month, p.day) * DAY_MS + p.hour * 3_600_000 + p.minute * 60_000 - minute
  )
}

/** YYYYMMDD of a day number (days since 1970-01-01), H. Hinnant's civil_from_days. */
export function civilKey(days: number) {
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  return year * 10_000 + month * 100 + day
}

function notATime(text: string, start: number, end: number) {
  return `"${text.slice(start, end)}" is not a date and time (expected ${TIME_FORMATS})`
}

/** One or two digits at `at`: the value, plus 100 when two digits were read; -1 when none. */
function readOneOrTwo(text: string, at: number, end: number) {
  if (at >= end) return -1
  const a = text.charCodeAt(at)
  if (!isDigit(a)) return -1
  const b = at + 1 < end ? text.charCodeAt(at + 1) : -1
  return isDigit(b) ? 100 + (a - ZERO) * 10 + (b - ZERO) : a - ZERO
}

/** `width` digits from `at` (stopping at `end`), padded with zeros on the right: .5 → 500. */
function digitsPadded(text: string, at: number, end: number, width: number) {
  let value = 0
  for (let k = 0; k < width; k++) {
    const i = at + k
    const c = i < end ? text.charCodeAt(i) : ZERO
    value = value * 10 + (isDigit(c) ? c - ZERO : 0)
  }
  return value
}

/** Z, UTC, GMT, ±HH:MM, ±HHMM or ±HH from `at` to `end`: minutes east of UTC, or undefined. */
function readZone(text: string, at: number, end: number): number | undefined {
  const length = end - at
  const c = text.charCodeAt(at)
  if (length === 1 && (c === 90 || c === 122)) return 0
  if (length === 3) {
    const name = text.slice(at, end).toUpperCase()
    if (name === 'UTC' || name === 'GMT') return 0
  }
  if (c !== 43 && c !== 45) return undefined
  const sign = c === 45 ? -1 : 1
  const hours = digitsAt(text, at + 1, 2)
  if (hours < 0 || hours > 18) return undefined
  let minutes = 0
  if (length === 6 && text.charCodeAt(at + 3) === 58) minutes = digitsAt(text, at + 4, 2)
  else if (length === 5) minutes = digitsAt(text, at + 3, 2)
  else if (length !== 3) return undefined
  if (minutes < 0 || minutes > 59) return undefined
  return sign * (hours * 60 + minutes)
}
