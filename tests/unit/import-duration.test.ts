import { describe, expect, it } from 'vitest'
import { parseDuration } from '../../electron/services/imports/parse/duration'

const seconds = (text: string, options: Parameters<typeof parseDuration>[1] = {}) => {
  const parsed = parseDuration(text, options)
  if (!parsed.ok) throw new Error(parsed.reason)
  return parsed.value
}

const reason = (text: string, options: Parameters<typeof parseDuration>[1] = {}) => {
  const parsed = parseDuration(text, options)
  if (parsed.ok) throw new Error(`"${text}" was read as ${parsed.value}`)
  return parsed.reason
}

describe('parseDuration', () => {
  it('reads the free text Strong writes for a workout', () => {
    expect(seconds('1h 20min')).toBe(80 * 60)
    expect(seconds('1h 43m')).toBe(103 * 60)
    expect(seconds('56m')).toBe(56 * 60)
    expect(seconds('38min')).toBe(38 * 60)
    expect(seconds('264h 1m')).toBe(264 * 3600 + 60)
    expect(seconds('1h')).toBe(3600)
    expect(seconds('45s')).toBe(45)
    expect(seconds('1h20m')).toBe(80 * 60)
    expect(seconds(' 2 hours 5 minutes ')).toBe(125 * 60)
  })

  it('reads German units and their abbreviations with dots', () => {
    expect(seconds('1 Std. 10 Min.')).toBe(70 * 60)
    expect(seconds('50 Min.')).toBe(50 * 60)
    expect(seconds('30 Sek.')).toBe(30)
  })

  it('reads clock times: two colons are h:mm:ss, one follows the option', () => {
    expect(seconds('0:01:30')).toBe(90)
    expect(seconds('1:20:00')).toBe(4800)
    expect(seconds('12:30')).toBe(12 * 60 + 30)
    expect(seconds('1:20', { colon: 'hours:minutes' })).toBe(80 * 60)
    expect(reason('1:75:00')).toMatch(/not a time/)
    expect(reason('3:75')).toMatch(/m:ss/)
  })

  it('reads a bare number only when told what it counts', () => {
    expect(seconds('3720', { bare: 'seconds' })).toBe(3720)
    expect(seconds('90.5', { bare: 'seconds' })).toBe(90.5)
    expect(seconds('45', { bare: 'minutes' })).toBe(45 * 60)
    expect(reason('45')).toMatch(/"45" has no unit/)
  })

  it('gives null for a blank cell and refuses what it cannot read, naming the value', () => {
    expect(seconds('')).toBeNull()
    expect(seconds('  ')).toBeNull()
    expect(seconds('-')).toBeNull()
    expect(reason('an hour')).toBe(
      '"an hour" is not a duration (expected e.g. 1h 20min, 45m or 1:20:00)',
    )
    expect(reason('5 parsecs')).toMatch(/unknown unit "parsecs"/)
    expect(reason('20m 1h')).toMatch(/out of order/)
    expect(reason('1h 1h')).toMatch(/out of order or twice/)
    expect(reason('-5m')).toMatch(/not a duration/)
  })
})
