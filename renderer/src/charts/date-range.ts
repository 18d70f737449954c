import { addDays, addMonths, format, parseISO, startOfYear } from 'date-fns'

/** The ranges a person picks most; `custom` keeps the days they typed. */
export const RANGE_PRESETS = [
  { id: '30d', label: 'Last 30 days' },
  { id: '90d', label: 'Last 90 days' },
  { id: '12m', label: 'Last 12 months' },
  { id: 'ytd', label: 'This year' },
  { id: 'all', label: 'All time' },
  { id: 'custom', label: 'Custom' },
] as const
export type RangePreset = (typeof RANGE_PRESETS)[number]['id']

export interface DateRange {
  preset: RangePreset
  /** YYYY-MM-DD, both included; absent: from the first day with data / to the last. */
  from?: string
  to?: string
}

const iso = (date: Date) => format(date, 'yyyy-MM-dd')

/** The days a preset covers, ending `today` (a local YYYY-MM-DD). */
export function presetRange(preset: Exclude<RangePreset, 'custom'>, today: string): DateRange {
  const end = parseISO(today)
  switch (preset) {
    case '30d':
      return { preset, from: iso(addDays(end, -29)), to: today }
    case '90d':
      return { preset, from: iso(addDays(end, -89)), to: today }
    case '12m':
      return { preset, from: iso(addDays(addMonths(end, -12), 1)), to: today }
    case 'ytd':
      return { preset, from: iso(startOfYear(end)), to: today }
    case 'all':
      return { preset }
  }
}

/** A typed range: both days real, `from` not after `to`; otherwise the reason. */
export function checkCustomRange(from: string, to: string): string | null {
  const real = (day: string) =>
    /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(parseISO(day).getTime())
  if (from && !real(from)) return 'The first day is not a date'
  if (to && !real(to)) return 'The last day is not a date'
  if (from && to && from > to) return 'The first day is after the last'
  return null
}
