import { localParts, zonedTimeToEpoch } from '../../../../shared/time'

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string }

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value })
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason })

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

export function isoDay(year: number, month: number, day: number) {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`
}

/** Whether y-m-d is a real calendar day. */
export function isRealDay(year: number, month: number, day: number) {
  if (year < 1000 || year > 2999 || month < 1 || month > 12 || day < 1) return false
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** A moment and the local calendar day it falls on in the reporting zone. */
export interface Moment {
  epochMs: number
  /** YYYY-MM-DD in the reporting zone. */
  day: string
}

export function momentAt(epochMs: number, timeZone: string): Moment {
  const p = localParts(epochMs, timeZone)
  return { epochMs, day: isoDay(p.year, p.month, p.day) }
}

const DATE_TIME =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i

/**
 * `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS[.fff]]`, the same with `T`, `/` between date parts, and an
 * optional zone (`Z`, `UTC`, `+0000`, `+02:00`). Without a zone the time is wall-clock time in
 * `timeZone` (what workout and diary apps write); a date alone is local midnight.
 */
export function parseDateTime(text: string, timeZone: string): Parsed<Moment> {
  const match = DATE_TIME.exec(text.trim())
  if (!match) return fail(`"${text}" is not a date and time (expected YYYY-MM-DD HH:MM:SS)`)
  const [, y, mo, d, h, mi, s, fraction, zone] = match
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const hour = Number(h ?? 0)
  const minute = Number(mi ?? 0)
  const second = Number(s ?? 0)
  if (!isRealDay(year, month, day)) return fail(`"${text}" is not a real calendar day`)
  if (hour > 23 || minute > 59 || second > 59) return fail(`"${text}" is not a real time of day`)
  const millis = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0
  if (zone) {
    const offsetMinutes = zoneOffsetMinutes(zone)
    const epochMs =
      Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000
    return ok(momentAt(epochMs, timeZone))
  }
  const epochMs =
    zonedTimeToEpoch({ year, month, day, hour, minute }, timeZone) + second * 1000 + millis
  return ok({ epochMs, day: isoDay(year, month, day) })
}

function zoneOffsetMinutes(zone: string) {
  if (/^(z|utc|gmt)$/i.test(zone)) return 0
  const sign = zone.startsWith('-') ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)))
}

/** A calendar day written `YYYY-MM-DD` or `YYYY/MM/DD` (a time of day after it is ignored). */
export function parseDay(text: string): Parsed<string> {
  const match =
    /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?$/i.exec(
      text.trim(),
    )
  if (!match) return fail(`"${text}" is not a date (expected YYYY-MM-DD)`)
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (!isRealDay(year, month, day)) return fail(`"${text}" is not a real calendar day`)
  return ok(isoDay(year, month, day))
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/** The month number (1–12) of an English month name or its first three letters. */
export function monthNumber(name: string): number | undefined {
  const index = MONTHS.indexOf(name.trim().slice(0, 3).toLowerCase())
  return index === -1 ? undefined : index + 1
}
