import { describe, expect, it } from 'vitest'
import { parseDateTime, parseDay } from '../../electron/services/imports/parse/dates'

const ZONE = 'Europe/Berlin'
const at = (text: string) => {
  const parsed = parseDateTime(text, ZONE)
  return parsed.ok ? parsed.value : parsed.reason
}

describe('parseDateTime', () => {
  it('reads a time without a zone as wall-clock time in the reporting zone', () => {
    // Berlin is UTC+1 in winter and UTC+2 in summer.
    expect(at('2025-01-15 08:30:00')).toEqual({
      epochMs: Date.UTC(2025, 0, 15, 7, 30),
      day: '2025-01-15',
    })
    expect(at('2025-07-15T08:30:15')).toEqual({
      epochMs: Date.UTC(2025, 6, 15, 6, 30, 15),
      day: '2025-07-15',
    })
    expect(at('2025-07-15')).toEqual({ epochMs: Date.UTC(2025, 6, 14, 22), day: '2025-07-15' })
  })

  it('honours an explicit zone and gives the local day it falls on', () => {
    expect(at('2023-04-28 23:30:00 +0000')).toEqual({
      epochMs: Date.UTC(2023, 3, 28, 23, 30),
      day: '2023-04-29',
    })
    expect(at('2025-03-01 10:00:00 UTC')).toMatchObject({ epochMs: Date.UTC(2025, 2, 1, 10) })
    expect(at('2025-03-01T10:00:00.250Z')).toMatchObject({
      epochMs: Date.UTC(2025, 2, 1, 10, 0, 0, 250),
    })
    expect(at('2025-03-01T10:00:00-05:00')).toMatchObject({ epochMs: Date.UTC(2025, 2, 1, 15) })
  })

  it('moves a time skipped by the clocks going forward, and takes the earlier of a repeated one', () => {
    // 2025-03-30 02:30 does not happen in Berlin; 2025-10-26 02:30 happens twice.
    expect(at('2025-03-30 02:30:00')).toMatchObject({ epochMs: Date.UTC(2025, 2, 30, 1, 30) })
    expect(at('2025-10-26 02:30:00')).toMatchObject({ epochMs: Date.UTC(2025, 9, 26, 0, 30) })
  })

  it('refuses what is not a real date or time, saying why', () => {
    expect(at('2025-02-30 10:00:00')).toMatch(/not a real calendar day/)
    expect(at('2025-02-10 24:00:00')).toMatch(/not a real time/)
    expect(at('yesterday')).toMatch(/not a date and time/)
  })
})

describe('parseDay', () => {
  it('reads YYYY-MM-DD and YYYY/MM/DD, ignoring a time of day', () => {
    expect(parseDay('2024/02/29')).toEqual({ ok: true, value: '2024-02-29' })
    expect(parseDay('2024-3-5 10:15:00')).toEqual({ ok: true, value: '2024-03-05' })
  })

  it('refuses anything else after the day, and impossible days', () => {
    expect(parseDay('2023-01-07 to 2023-01-09').ok).toBe(false)
    expect(parseDay('2023-02-29').ok).toBe(false)
  })
})
