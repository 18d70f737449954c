import { beforeEach, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../electron/services/db/open'
import { readCsv } from '../../electron/services/csv/read'
import { candidatesFor } from '../../electron/services/imports/detect'
import { readLocalMoment } from '../../electron/services/imports/presets/body-common'
import { TEST_ZONE, rows, useImportFixtures, countsOf } from '../helpers/imports'

const fixtures = useImportFixtures('body')
const { file, run } = fixtures
let handle: DatabaseHandle
beforeEach(() => {
  handle = fixtures.db()
})

/** Every measurement as [date, kg, fat %, created_at], in the order written. */
function measurements() {
  return rows<{ date: string; weight: number | null; fat: number | null; created: string }>(
    handle,
    `SELECT measurement_date AS date, weight, body_fat_percentage AS fat, created_at AS created
     FROM fitness_measurements ORDER BY id`,
  ).map((m) => [m.date, m.weight, m.fat, m.created])
}

async function headerOf(path: string) {
  let header: string[] = []
  await readCsv(path, { onHeader: (h) => (header = h), onRow: () => {}, onError: () => {} })
  return header
}

const count = (table: string) =>
  handle.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number

describe('Renpho', () => {
  it('reads the lb export (BOM, CRLF, --): pounds to kg, one row per weigh-in, local days', async () => {
    const summary = await run('renpho-lb.csv')
    expect(summary.preset).toBe('renpho')
    expect(summary.encoding).toMatch(/utf-8/i)
    expect(countsOf(summary)).toEqual({
      rows: 8,
      inserted: 4,
      duplicates: 0,
      skipped: 1,
      rejected: 3,
    })
    // 165.4 lb × 0.45359237 = 75.024177998 → 75.0242 (four decimals, as the app stores them).
    // Berlin is UTC+1 in early March: 07:12:33 local is 06:12:33Z; 00:30:15 on the 4th is
    // still the 4th locally although it is the 3rd in UTC.
    expect(measurements()).toEqual([
      ['2025-03-01', 75.0242, 21.3, '2025-03-01T06:12:33.000Z'],
      ['2025-03-02', 74.8427, null, '2025-03-02T06:05:10.000Z'],
      ['2025-03-02', 75.3871, 21.5, '2025-03-02T20:40:00.000Z'],
      ['2025-03-04', 74.752, 21.1, '2025-03-03T23:30:15.000Z'],
    ])
    const owner = rows<{ id: number; user_id: string }>(handle, `SELECT id, user_id FROM users`)
    expect(owner).toHaveLength(1)
    expect(owner[0]!.user_id).toBe('me')
    expect(
      rows(handle, 'SELECT DISTINCT user_id FROM fitness_measurements').map((r) => r.user_id),
    ).toEqual([owner[0]!.id])
  })

  it('names the line, column, value and reason of each rejected row', async () => {
    const summary = await run('renpho-lb.csv')
    expect(summary.rejects).toEqual([
      { line: 6, column: 'Weight(lb)', value: 'abc', reason: '"abc" is not a number' },
      {
        line: 7,
        column: 'Time of Measurement',
        value: '2025-02-30 07:00:00',
        reason: '"2025-02-30 07:00:00" is not a real calendar day',
      },
      { line: 8, column: 'Body Fat(%)', value: '135.0', reason: 'is above 100' },
    ])
  })

  it('reads the kg variant as written', async () => {
    const summary = await run('renpho-kg.csv')
    expect(summary.preset).toBe('renpho')
    expect(countsOf(summary)).toMatchObject({ inserted: 2, rejected: 0 })
    expect(measurements()).toEqual([
      ['2025-04-10', 72.35, 19.8, '2025-04-10T04:55:02.000Z'],
      ['2025-04-11', 72.1, null, '2025-04-11T05:01:44.000Z'],
    ])
  })

  it('adds nothing on a second import, and only the new weigh-ins from a later export', async () => {
    const first = await run('renpho-lb.csv')
    const again = await run('renpho-lb.csv')
    expect(countsOf(again)).toEqual({ ...countsOf(first), inserted: 0, duplicates: first.inserted })
    expect(count('fitness_measurements')).toBe(4)
    expect(count('users')).toBe(1)

    const later = await run('renpho-lb-later.csv')
    expect(countsOf(later)).toEqual({
      rows: 4,
      inserted: 2,
      duplicates: 2,
      skipped: 0,
      rejected: 0,
    })
    expect(measurements().slice(4)).toEqual([
      ['2025-03-08', 74.2077, 20.9, '2025-03-08T06:02:11.000Z'],
      ['2025-03-09', 74.0263, 20.8, '2025-03-09T06:15:00.000Z'],
    ])
    expect(count('fitness_measurements')).toBe(6)
  })
})

describe('Withings', () => {
  it('computes body fat % from fat mass and weight', async () => {
    const summary = await run('withings-weight.csv')
    expect(summary.preset).toBe('withings')
    expect(countsOf(summary)).toEqual({
      rows: 5,
      inserted: 3,
      duplicates: 0,
      skipped: 0,
      rejected: 2,
    })
    // 16.00 / 80.00 = 20 %; 15.9 / 79.6 = 19.9749 % → 19.97; no fat mass → no body fat.
    expect(measurements()).toEqual([
      ['2025-03-01', 80, 20, '2025-03-01T06:20:11.000Z'],
      ['2025-03-03', 79.6, 19.97, '2025-03-03T05:58:40.000Z'],
      ['2025-03-03', 80.4, null, '2025-03-03T18:10:05.000Z'],
    ])
    expect(summary.rejects).toEqual([
      { line: 5, column: 'Fat mass (kg)', value: '85.0', reason: 'is more than the weight' },
      {
        line: 6,
        column: 'Weight (kg)',
        value: '0',
        reason: 'is not above 0: a body weight must be positive',
      },
    ])
    const again = await run('withings-weight.csv')
    expect(again).toMatchObject({ inserted: 0, duplicates: 3, rejected: 2 })
    expect(count('fitness_measurements')).toBe(3)
  })
})

describe('generic date + weight', () => {
  it('takes pounds from the header and a body fat %', async () => {
    const summary = await run('generic-lb.csv')
    expect(summary.preset).toBe('body-weight')
    expect(countsOf(summary)).toMatchObject({ inserted: 2, rejected: 1 })
    // 181.0 lb = 82.10021897 kg; 180.4 lb = 81.828063548 kg. No time: created_at is left to
    // the import's clock, so only the day and values are compared.
    expect(measurements().map((m) => m.slice(0, 3))).toEqual([
      ['2025-05-01', 82.1002, 24.5],
      ['2025-05-02', 81.8281, null],
    ])
    expect(summary.rejects).toEqual([
      {
        line: 4,
        column: 'weight (lb)',
        value: '-5',
        reason: 'is not above 0: a body weight must be positive',
      },
    ])
  })

  it('keys a file without times by day: a second weigh-in the same day is a duplicate', async () => {
    const summary = await run('generic-kg.csv')
    expect(summary.preset).toBe('body-weight')
    expect(countsOf(summary)).toEqual({
      rows: 3,
      inserted: 2,
      duplicates: 1,
      skipped: 0,
      rejected: 0,
    })
    expect(measurements().map((m) => m.slice(0, 3))).toEqual([
      ['2025-05-01', 82.1, null],
      ['2025-05-04', 81.9, null],
    ])
  })

  it('reads a unit column, a time column and decimal commas in a semicolon file', async () => {
    const summary = await run('generic-semicolon.csv')
    expect(summary.preset).toBe('body-weight')
    expect(summary.delimiter).toMatch(/semicolon/i)
    expect(countsOf(summary)).toMatchObject({ inserted: 3, rejected: 1 })
    expect(measurements()).toEqual([
      ['2025-06-01', 82.4, 23.1, '2025-06-01T05:30:00.000Z'],
      // 182,0 lb = 82.55381134 kg
      ['2025-06-01', 82.5538, null, '2025-06-01T17:45:00.000Z'],
      ['2025-06-02', 82, 22.9, '2025-06-02T05:05:00.000Z'],
    ])
    expect(summary.rejects).toEqual([
      { line: 5, column: 'unit', value: 'stone', reason: 'is not a weight unit (kg or lb)' },
    ])
    const again = await run('generic-semicolon.csv')
    expect(again).toMatchObject({ inserted: 0, duplicates: 3 })
  })
})

describe('auto detection', () => {
  it.each([
    ['renpho-lb.csv', 'renpho'],
    ['renpho-lb-later.csv', 'renpho'],
    ['renpho-kg.csv', 'renpho'],
    ['withings-weight.csv', 'withings'],
    ['generic-lb.csv', 'body-weight'],
    ['generic-kg.csv', 'body-weight'],
    ['generic-semicolon.csv', 'body-weight'],
  ])('picks %s as %s, clearly ahead of any other preset', async (name, preset) => {
    const candidates = candidatesFor(await headerOf(file(name)), name)
    expect(candidates[0]?.name).toBe(preset)
    expect(candidates[0]?.reason).not.toBe('')
    const runnerUp = candidates[1]?.score ?? 0
    expect(candidates[0]!.score - runnerUp).toBeGreaterThanOrEqual(0.2)
  })
})

describe('local date and time reading', () => {
  it('reads 12-hour times, a separate time and refuses what is not a time', () => {
    const pm = readLocalMoment('2025-03-03', '6:30 PM', TEST_ZONE)
    expect(pm).toEqual({
      ok: true,
      value: {
        epochMs: Date.parse('2025-03-03T17:30:00Z'),
        day: '2025-03-03',
        stamp: '2025-03-03 18:30:00',
        hasTime: true,
      },
    })
    const midnight = readLocalMoment('2025-03-03 12:05 am', null, TEST_ZONE)
    expect(midnight.ok && midnight.value.stamp).toBe('2025-03-03 00:05:00')
    expect(readLocalMoment('2025-03-03', '25:00', TEST_ZONE)).toEqual({
      ok: false,
      reason: '"25:00" is not a time of day (expected HH:MM, HH:MM:SS or h:mm AM/PM)',
    })
    expect(readLocalMoment('03/04/2025', null, TEST_ZONE).ok).toBe(false)
  })
})
