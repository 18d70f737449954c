import type { RowCells } from '../cells'
import { normaliseHeader } from '../columns'
import { parseDateTime, parseDay, type Parsed } from '../parse/dates'
import { toKilograms, type WeightUnit } from '../parse/weight'

// What the body, nutrition and studio presets share: local dates and times as exports write them,
// and body weights.

/** A moment read from a file, in local wall-clock time of the import's zone. */
export interface LocalMoment {
  epochMs: number
  /** The local calendar day, YYYY-MM-DD. */
  day: string
  /** `YYYY-MM-DD HH:MM:SS` as written (local), or the day alone when the file gives no time. */
  stamp: string
  hasTime: boolean
}

const pad = (n: number) => String(n).padStart(2, '0')

const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?(?:\s*([ap])\.?\s*m\.?)?$/i

/** `18:30`, `18:30:05`, `6:30 PM`, `6:30:05 am`; null when it is not a time of day. */
export function parseClock(text: string): { hour: number; minute: number; second: number } | null {
  const match = CLOCK.exec(text.trim())
  if (!match) return null
  let hour = Number(match[1])
  const minute = Number(match[2])
  const second = Number(match[3] ?? 0)
  const half = match[4]?.toLowerCase()
  if (half) {
    if (hour < 1 || hour > 12) return null
    hour = (hour % 12) + (half === 'p' ? 12 : 0)
  }
  if (hour > 23 || minute > 59 || second > 59) return null
  return { hour, minute, second }
}

const DATE_THEN_TIME = /^(\d{4}[-/]\d{1,2}[-/]\d{1,2})(?:T|\s*,\s*|\s+)(.+)$/

/**
 * A local date (`YYYY-MM-DD`, `YYYY/MM/DD`) with an optional time, either in the same cell
 * (`2025-03-04 07:12:33`, `2025-03-04T07:12`, `2025-03-04 6:30 PM`) or in a cell of its own
 * (`timeText`, which wins when both are given). The time is wall-clock time in `timeZone`; a
 * date alone is local midnight.
 */
export function readLocalMoment(
  dateText: string,
  timeText: string | null,
  timeZone: string,
): Parsed<LocalMoment> {
  const text = dateText.trim()
  const split = DATE_THEN_TIME.exec(text)
  const datePart = split?.[1] ?? text
  const ownTime = timeText?.trim() ?? ''
  const clockText = ownTime !== '' ? ownTime : (split?.[2]?.trim() ?? '')
  const day = parseDay(datePart)
  if (!day.ok) {
    const dateShaped = /^\d{4}[-/]\d{1,2}[-/]\d{1,2}$/.test(datePart)
    return {
      ok: false,
      reason: dateShaped
        ? `"${text}" is not a real calendar day`
        : `"${text}" is not a date (expected YYYY-MM-DD, optionally with a time)`,
    }
  }
  if (clockText === '') {
    const midnight = parseDateTime(day.value, timeZone)
    if (!midnight.ok) return midnight
    return {
      ok: true,
      value: { epochMs: midnight.value.epochMs, day: day.value, stamp: day.value, hasTime: false },
    }
  }
  const clock = parseClock(clockText)
  if (!clock) {
    return {
      ok: false,
      reason: `"${clockText}" is not a time of day (expected HH:MM, HH:MM:SS or h:mm AM/PM)`,
    }
  }
  const stamp = `${day.value} ${pad(clock.hour)}:${pad(clock.minute)}:${pad(clock.second)}`
  const moment = parseDateTime(stamp, timeZone)
  if (!moment.ok) return moment
  return {
    ok: true,
    value: { epochMs: moment.value.epochMs, day: day.value, stamp, hasTime: true },
  }
}

/**
 * Reads a date field (and an optional time field) of a row, recording a problem on the column
 * that does not read; null then.
 */
export function cellMoment(
  cells: RowCells,
  dateKey: string,
  timeKey: string | null,
  timeZone: string,
): LocalMoment | null {
  const dateText = cells.text(dateKey, { required: true })
  if (dateText === null) return null
  const timeText = timeKey === null ? null : cells.text(timeKey)
  const moment = readLocalMoment(dateText, timeText, timeZone)
  if (moment.ok) return moment.value
  const blame = timeKey !== null && timeText !== null && parseDay(dateText).ok ? timeKey : dateKey
  return cells.problem(blame, moment.reason)
}

/** The heaviest body weight Logbook takes (the measurement form's limit). */
export const MAX_BODY_KG = 700

/** A body weight cell in kilograms (converted from `unit`), above 0 and at most 700 kg. */
export function cellWeightKg(cells: RowCells, key: string, unit: WeightUnit): number | null {
  const value = cells.number(key)
  if (value === null) return null
  if (value <= 0) return cells.problem(key, 'is not above 0: a body weight must be positive')
  const kg = toKilograms(value, unit)
  if (kg > MAX_BODY_KG) return cells.problem(key, `is above ${MAX_BODY_KG} kg`)
  return kg
}

/** A value rounded to `decimals` places, without binary float noise in the sums. */
export function roundTo(value: number, decimals: number) {
  const factor = 10 ** decimals
  return Math.round(value * factor) / factor
}

/** The header's name of a bound field's column ('' when unbound). */
export function boundName(
  columns: ReadonlyMap<string, number>,
  header: readonly string[],
  key: string,
) {
  const index = columns.get(key)
  return index === undefined ? '' : normaliseHeader(header[index] ?? '')
}
