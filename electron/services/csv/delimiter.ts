export type Delimiter = ',' | ';' | '\t' | '|'

/** In order of preference when two fit equally well. */
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|']

export const DELIMITER_NAMES: Record<Delimiter, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
}

export interface DetectedDelimiter {
  delimiter: Delimiter
  /** In words, for the "what was detected" screen. */
  reason: string
}

/**
 * Fields per record of `text` when split on `delimiter`, reading quotes as the parser does: a
 * quote opens a quoted field only at the start of a field, and `""` inside one is a quote. Blank
 * records are left out; so is a last record cut off by the end of a partial sample.
 */
export function fieldCounts(
  text: string,
  delimiter: string,
  complete: boolean,
  maxRecords: number,
): number[] {
  const counts: number[] = []
  let fields = 1
  let fieldStart = true
  let inQuotes = false
  let blank = true
  const endRecord = () => {
    if (!blank) counts.push(fields)
    fields = 1
    fieldStart = true
    blank = true
  }
  for (let i = 0; i < text.length && counts.length < maxRecords; i++) {
    const ch = text[i]
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++
        else inQuotes = false
      }
      continue
    }
    if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      endRecord()
      continue
    }
    if (ch === delimiter) {
      fields++
      fieldStart = true
      blank = false
      continue
    }
    if (ch === '"' && fieldStart) inQuotes = true
    if (ch !== ' ' && ch !== '\t') blank = false
    fieldStart = false
  }
  if (complete && !inQuotes && counts.length < maxRecords) endRecord()
  return counts
}

interface Candidate {
  delimiter: Delimiter
  /** The most common number of fields per record. */
  fields: number
  /** Records with exactly that many fields. */
  matching: number
  records: number
}

function describe(c: Candidate) {
  const lines = c.records === 1 ? 'line' : 'lines'
  return `${DELIMITER_NAMES[c.delimiter]} gives ${c.fields} fields on ${c.matching} of ${c.records} ${lines}`
}

function modeOf(counts: number[]) {
  const frequency = new Map<number, number>()
  for (const n of counts) frequency.set(n, (frequency.get(n) ?? 0) + 1)
  let best = { fields: 1, matching: 0 }
  for (const [fields, matching] of frequency) {
    if (matching > best.matching || (matching === best.matching && fields > best.fields)) {
      best = { fields, matching }
    }
  }
  return best
}

/**
 * Picks `,` `;` tab or `|` from the first records of a file: the one that splits the most
 * records into the same number of fields, more than one. Counting the header line too is what
 * keeps `1,5;2,0` (decimal commas in a semicolon file) from looking comma-separated.
 */
export function detectDelimiter(
  sample: string,
  complete: boolean,
  maxRecords = 50,
): DetectedDelimiter {
  const candidates: Candidate[] = DELIMITERS.map((delimiter) => {
    const counts = fieldCounts(sample, delimiter, complete, maxRecords)
    return { delimiter, ...modeOf(counts), records: counts.length }
  })
  const viable = candidates.filter((c) => c.fields > 1)
  if (viable.length === 0) {
    return {
      delimiter: ',',
      reason: 'no comma, semicolon, tab or pipe separates the first lines, so one column',
    }
  }
  const share = (c: Candidate) => c.matching / c.records
  const [best, ...others] = viable.sort(
    (a, b) =>
      share(b) - share(a) ||
      b.fields - a.fields ||
      DELIMITERS.indexOf(a.delimiter) - DELIMITERS.indexOf(b.delimiter),
  )
  if (!best) throw new Error('unreachable: viable is not empty')
  const runnersUp = others.length > 0 ? ` (${others.map(describe).join('; ')})` : ''
  return { delimiter: best.delimiter, reason: `${describe(best)}${runnersUp}` }
}
