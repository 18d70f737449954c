import { describe, expect, it } from 'vitest'
import { parseNumber } from '../../electron/services/csv/numbers'

describe('parseNumber', () => {
  it.each([
    ['10', 10],
    ['10.0', 10],
    [' 7 ', 7],
    ['-0.25', -0.25],
    ['+3', 3],
    ['.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
    ['1.5E-2', 0.015],
    ['74.99999999999999', 75],
    ['0.30000000000000004', 0.3],
    ['-10.000000000000002', -10],
    ['74.84274105000001', 74.84274105],
    ['1.1000000000000001', 1.1],
    ['1687029900000', 1687029900000],
  ])('%j is %d', (text, expected) => {
    expect(parseNumber(text, { delimiter: ',' })).toEqual({ ok: true, value: expected })
  })

  it('keeps real precision: only float noise is rounded', () => {
    expect(parseNumber('1687029900.123456')).toEqual({ ok: true, value: 1687029900.123456 })
    expect(parseNumber('3.14159265358979')).toEqual({ ok: true, value: 3.14159265358979 })
    expect(parseNumber('0.1234599999')).toEqual({ ok: true, value: 0.1234599999 })
  })

  it.each(['', '   ', '-', '--', 'N/A', 'n/a'])('%j is no value', (text) => {
    expect(parseNumber(text)).toEqual({ ok: true, value: null })
  })

  it('reads a decimal comma in a file not separated by commas', () => {
    expect(parseNumber('1,5', { delimiter: ';' })).toEqual({ ok: true, value: 1.5 })
    expect(parseNumber('-102,25', { delimiter: '\t' })).toEqual({ ok: true, value: -102.25 })
  })

  it('never reads a decimal comma in a comma-separated file', () => {
    const result = parseNumber('1,5', { delimiter: ',' })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.reason).toContain('"1,5"')
  })

  it('refuses a comma with three digits after it as ambiguous, unless told', () => {
    const result = parseNumber('1,500', { delimiter: ';' })
    expect(result).toEqual({
      ok: false,
      reason:
        '"1,500" is ambiguous: 1.500 with a decimal comma, or 1500 with a thousands separator',
    })
    expect(parseNumber('1,500', { delimiter: ';', decimalComma: true })).toEqual({
      ok: true,
      value: 1.5,
    })
    expect(parseNumber('1,5', { delimiter: ';', decimalComma: false }).ok).toBe(false)
  })

  it.each(['1,234.5', '1.234,5', '12kg', 'abc', '0x1F', 'Infinity', 'NaN', '1 000', '1e999'])(
    '%j is an error naming the value',
    (text) => {
      const result = parseNumber(text, { delimiter: ';' })
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.reason).toContain(`"${text}"`)
    },
  )
})
