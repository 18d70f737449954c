// The CSV text format Logbook writes, as pure functions: the services stream it to files, the
// window builds small files (rejected rows) with the same rules.
//
// RFC 4180 output (comma, CRLF, quotes doubled), UTF-8.
//
// Formula injection: a spreadsheet runs a cell that starts with = + - @ (or a tab or CR before
// one) as a formula. Every *text* cell starting with one of those gets a leading apostrophe,
// which spreadsheets read as "this is text". Numbers are left alone: a REAL or INTEGER value
// arrives here as a JS number or bigint and is written as digits (`-5`, `-0.25`), which no
// spreadsheet runs. The decision is made on the value's runtime type, not its look, so a TEXT
// column holding "-5" is neutralised to "'-5" and a number -5 is not.
//
// Text that itself starts with an apostrophe is prefixed too, so the escape can be undone
// exactly: `restoreNeutralised` drops one leading apostrophe from any cell of a Logbook export.

export type CsvValue = string | number | bigint | null | undefined

export const UTF8_BOM = '\uFEFF'
export const CSV_LINE_END = '\r\n'

const NEEDS_PREFIX = /^[=+\-@\t\r']/
const NEEDS_QUOTES = /["\r\n,]|^[ \t]|[ \t]$/

export function neutraliseFormula(text: string): string {
  return NEEDS_PREFIX.test(text) ? `'${text}` : text
}

/** The inverse of neutraliseFormula, for reading a file Logbook wrote. */
export function restoreNeutralised(text: string): string {
  return text.startsWith("'") ? text.slice(1) : text
}

function quoted(text: string) {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** One field: numbers as digits, text neutralised and quoted when needed, null as empty. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`Cannot write ${value} to a CSV file`)
    return String(value)
  }
  if (typeof value !== 'string') throw new TypeError(`Cannot write a ${typeof value} to CSV`)
  return quoted(neutraliseFormula(value))
}

/** A header field: names are written as they are (quoted if needed), never prefixed. */
export function csvHeaderField(name: string): string {
  return quoted(name)
}

export function csvRow(values: readonly CsvValue[]): string {
  let line = ''
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ','
    line += csvField(values[i])
  }
  return line + CSV_LINE_END
}

export function csvHeader(names: readonly string[]): string {
  return names.map(csvHeaderField).join(',') + CSV_LINE_END
}

/** A whole table as one string (small tables and tests; exports stream with CsvSink). */
export function toCsv(
  header: readonly string[],
  rows: Iterable<readonly CsvValue[]>,
  options: { bom?: boolean } = {},
): string {
  let text = (options.bom ? UTF8_BOM : '') + csvHeader(header)
  for (const row of rows) text += csvRow(row)
  return text
}
