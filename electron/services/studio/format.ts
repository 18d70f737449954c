// How times appear in the sentences the front desk reads: in the studio's zone, 24-hour clock.

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string, withDay: boolean) {
  const key = `${timeZone}|${withDay}`
  let found = formatters.get(key)
  if (!found) {
    found = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      ...(withDay ? { weekday: 'short', day: 'numeric', month: 'short' } : {}),
    })
    formatters.set(key, found)
  }
  return found
}

/** "18:30" */
export function clockTime(ms: number, timeZone: string) {
  return formatter(timeZone, false).format(ms)
}

/** "Tue 4 Mar at 12:00" */
export function dayAndTime(ms: number, timeZone: string) {
  const parts = formatter(timeZone, true).formatToParts(ms)
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('weekday')} ${part('day')} ${part('month')} at ${part('hour')}:${part('minute')}`
}

/** "Mon 3 Mar 2025" */
export function dayDate(ms: number, timeZone: string) {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  })
    .format(ms)
    .replace(',', '')
}
