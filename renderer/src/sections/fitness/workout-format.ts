import type { PerformedSet } from '../../../../shared/contract/fitness'
import type { Settings } from '../../../../shared/settings'
import { toDisplayUnit } from '../../../../shared/units'
import { formatDuration } from './workout-draft'

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 })
const dayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
})

/** A calendar day (YYYY-MM-DD) in the person's locale. */
export const formatDay = (date: string) => dayFormat.format(new Date(`${date}T00:00:00Z`))

/** A weight in kg as the person reads it, without the unit. */
export function displayWeight(kg: number, settings: Pick<Settings, 'weightUnit'>): string {
  return String(toDisplayUnit(kg, 'weight', settings))
}

/** "5 × 100 kg", "12 reps" or "1:30" — how a set done before is shown. */
export function formatPerformedSet(set: PerformedSet, settings: Pick<Settings, 'weightUnit'>) {
  if (set.durationSeconds !== null) {
    const time = formatDuration(set.durationSeconds)
    return set.reps > 1 ? `${set.reps} × ${time}` : time
  }
  if (set.weight === null) return `${set.reps} reps`
  const weight = numberFormat.format(toDisplayUnit(set.weight, 'weight', settings))
  return `${set.reps} × ${weight} ${settings.weightUnit}`
}

/** "Day A" / "Upper A" — a workout day as a heading. */
export const dayLabel = (day: string | null) =>
  day === null ? 'Any day' : /^[A-Z0-9]{1,2}$/i.test(day) ? `Day ${day}` : day
