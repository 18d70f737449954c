export type ParsedNumber = { ok: true; value: number | null } | { ok: false; reason: string }

export interface NumberOptions {
  /** The file's delimiter: a decimal comma is only considered when it is not a comma. */
  delimiter?: string
  /**
   * true: the file is known to write decimal commas (a preset says so), so `1,500` is 1.5.
   * false: never. Unset: `1,5` is read as 1.5 in a file not separated by commas, but `1,500`
   * (which could be a thousands separator) is refused as ambiguous.
   */
  decimalComma?: boolean
}

/** What exports write for "no value"; compared after trimming, case-insensitively. */
const MISSING = new Set(['', '-', '--', 'n/a'])

const PLAIN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/
const DECIMAL_COMMA = /^([+-]?\d+),(\d+)$/
/** A run of zeros or nines near the end of the fraction: binary float noise. */
const NOISE = /(?:0{5,}|9{5,})\d{0,3}$/

function significantDigits(text: string) {
  return text
    .replace(/[eE].*$/, '')
    .replace(/\D/g, '')
    .replace(/^0+/, '').length
}

/**
 * Undoes float noise written by apps that print doubles in full (`74.99999999999999`,
 * `0.30000000000000004`): only numbers with 15 or more significant digits whose fraction ends in
 * a run of zeros or nines are rounded, to the decimals before that run. Anything with fewer
 * digits is taken as written, so real precision (an epoch with microseconds) is never lost.
 */
function withoutNoise(text: string, value: number): number {
  const dot = text.indexOf('.')
  if (dot === -1 || /[eE]/.test(text) || significantDigits(text) < 15) return value
  const fraction = text.slice(dot + 1)
  const noise = NOISE.exec(fraction)
  if (!noise) return value
  return Number(value.toFixed(noise.index))
}

/**
 * A number as people's exports write it: `10`, `10.0`, `-0.25`, `1e3`, float noise rounded off,
 * a decimal comma where it is unambiguous. `''`, `-`, `--` and `N/A` are no value (null).
 * Thousands separators are never guessed: `1,234.5` is an error naming the value.
 */
export function parseNumber(raw: string, options: NumberOptions = {}): ParsedNumber {
  const text = raw.trim()
  if (MISSING.has(text.toLowerCase())) return { ok: true, value: null }
  if (PLAIN.test(text)) {
    const value = Number(text)
    if (!Number.isFinite(value)) return { ok: false, reason: `"${raw}" is too large a number` }
    return { ok: true, value: withoutNoise(text, value) }
  }

  const comma = DECIMAL_COMMA.exec(text)
  if (comma && options.decimalComma !== false) {
    const [, whole, fraction = ''] = comma
    const asDecimal = `${whole}.${fraction}`
    if (options.decimalComma !== true) {
      if (options.delimiter === undefined || options.delimiter === ',') {
        return {
          ok: false,
          reason: `"${raw}" is not a number (a decimal comma is only read in files not separated by commas)`,
        }
      }
      if (fraction.length === 3) {
        return {
          ok: false,
          reason: `"${raw}" is ambiguous: ${asDecimal} with a decimal comma, or ${whole}${fraction} with a thousands separator`,
        }
      }
    }
    return { ok: true, value: withoutNoise(asDecimal, Number(asDecimal)) }
  }
  return { ok: false, reason: `"${raw}" is not a number` }
}
