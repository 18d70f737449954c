const number = new Intl.NumberFormat()

export const formatCount = (n: number) => number.format(n)

/** An ISO instant as a local date and time; a calendar day as it is. */
export function formatWhen(value: string | null): string {
  if (value === null) return '—'
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value
  const date = new Date(value)
  return Number.isNaN(date.getTime())
    ? value
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}
