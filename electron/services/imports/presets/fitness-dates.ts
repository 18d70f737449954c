// The start times workout apps write, read as wall-clock time in the reporting zone.
import { monthNumber, parseDateTime, type Moment, type Parsed } from '../parse/dates'

/** A start time: the moment, and the wall-clock time as `YYYY-MM-DD HH:MM:SS` for keys. */
export interface WallClock extends Moment {
  stamp: string
}

const pad = (n: number | string) => String(n).padStart(2, '0')

const ISO_LOCAL = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?$/
const TWELVE_HOUR =
  /^(\d{4}[-/]\d{1,2}[-/]\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?[\s\u00a0\u202f]*([ap])\.?m\.?$/i
const DAY_MONTH_YEAR =
  /^(\d{1,2})\.? ([a-z]{3,})\.? (\d{4}),? (\d{1,2}):(\d{2})(?::(\d{2}))?(?:[\s\u00a0\u202f]*([ap])\.?m\.?)?$/i

function fromParts(
  year: string,
  month: number,
  day: string,
  hour: number,
  minute: string,
  second: string | undefined,
  timeZone: string,
  original: string,
): Parsed<WallClock> {
  const stamp = `${year}-${pad(month)}-${pad(day)} ${pad(hour)}:${minute}:${pad(second ?? 0)}`
  const parsed = parseDateTime(stamp, timeZone)
  if (!parsed.ok) return { ok: false, reason: parsed.reason.replace(stamp, original) }
  return { ok: true, value: { ...parsed.value, stamp } }
}

function twelveToTwentyFour(hour: number, half: string | undefined): number | undefined {
  if (half === undefined) return hour
  if (hour < 1 || hour > 12) return undefined
  return (hour % 12) + (half.toLowerCase() === 'p' ? 12 : 0)
}

/**
 * A zone-less start time as Strong writes it: `2024-03-04 18:02:11`, or with a 12-hour clock
 * (`2024-03-04 6:02:11 PM`, the space sometimes a narrow no-break space).
 */
export function parseWallClock(text: string, timeZone: string): Parsed<WallClock> {
  const trimmed = text.trim()
  const iso = ISO_LOCAL.exec(trimmed)
  if (iso) {
    const [, y = '', mo = '', d = '', h = '', mi = '', s] = iso
    return fromParts(y, Number(mo), d, Number(h), mi, s, timeZone, trimmed)
  }
  const twelve = TWELVE_HOUR.exec(trimmed)
  if (twelve) {
    const [, date = '', h = '', mi = '', s, half] = twelve
    const hour = twelveToTwentyFour(Number(h), half)
    const [y = '', mo = '', d = ''] = date.split(/[-/]/)
    if (hour !== undefined) return fromParts(y, Number(mo), d, hour, mi, s, timeZone, trimmed)
  }
  return {
    ok: false,
    reason: `"${trimmed}" is not a date and time (expected YYYY-MM-DD HH:MM:SS)`,
  }
}

/**
 * Hevy's `8 Apr 2026, 16:50` (the day sometimes zero-padded, seconds sometimes present, a
 * 12-hour clock on some phones); an ISO date and time is read too.
 */
export function parseDayMonthYear(text: string, timeZone: string): Parsed<WallClock> {
  const trimmed = text.trim()
  const match = DAY_MONTH_YEAR.exec(trimmed)
  if (match) {
    const [, d = '', monthName = '', y = '', h = '', mi = '', s, half] = match
    const month = monthNumber(monthName)
    const hour = twelveToTwentyFour(Number(h), half)
    if (month !== undefined && hour !== undefined) {
      return fromParts(y, month, d, hour, mi, s, timeZone, trimmed)
    }
  }
  const iso = parseWallClock(trimmed, timeZone)
  if (iso.ok) return iso
  return {
    ok: false,
    reason: `"${trimmed}" is not a date and time (expected e.g. 8 Apr 2026, 16:50)`,
  }
}
