import { describe, expect, it } from 'vitest'
import { openFresh } from '../helpers/db'
import { fixture, importFile, rows } from '../helpers/imports'
import { useTempDir } from '../helpers/tmp'

const tempDir = useTempDir()

describe('any other CSV, mapped onto a kind of record', () => {
  it('reads columns named like a record’s fields, checks them like the form, and dedupes', async () => {
    const handle = await openFresh(tempDir())
    try {
      const file = fixture('tables', 'measurements.csv')
      // auto takes this for the generic body-weight export (date + weight); chosen by hand, every
      // measurement column goes in.
      const first = await importFile(handle, 'table:fitness_measurements', file)
      expect(first).toMatchObject({ rows: 4, inserted: 3, rejected: 1 })
      expect(first.rejectedSample).toEqual([
        { line: 4, column: 'Weight (kg)', value: 'heavy', reason: 'Weight must be a number' },
      ])
      expect(
        rows(
          handle,
          'SELECT measurement_date, weight, body_fat_percentage, waist FROM fitness_measurements ORDER BY measurement_date',
        ),
      ).toEqual([
        { measurement_date: '2025-01-05', weight: 81.2, body_fat_percentage: 18.5, waist: 86 },
        { measurement_date: '2025-01-12', weight: 80.6, body_fat_percentage: null, waist: 85.5 },
        { measurement_date: '2025-01-26', weight: 79.9, body_fat_percentage: 17.8, waist: null },
      ])
      const owner = rows<{ user_id: string }>(
        handle,
        'SELECT DISTINCT u.user_id FROM fitness_measurements m JOIN users u ON u.id = m.user_id',
      )
      expect(owner).toEqual([{ user_id: 'me' }])

      const second = await importFile(handle, 'table:fitness_measurements', file)
      expect(second).toMatchObject({ inserted: 0, duplicates: 3, rejected: 1 })
    } finally {
      await handle.close()
    }
  })

  it('auto picks it when no app’s preset fits; a choice outside its options is refused with the form’s message', async () => {
    const handle = await openFresh(tempDir())
    try {
      const summary = await importFile(
        handle,
        'table:fitness_goals',
        fixture('tables', 'goals.csv'),
      )
      expect(summary).toMatchObject({ inserted: 1, rejected: 1 })
      expect(summary.rejectedSample[0]).toMatchObject({
        line: 3,
        column: 'goal_status',
        value: 'someday',
        reason: expect.stringMatching(/Status must be one of: active, achieved/),
      })
    } finally {
      await handle.close()
    }
  })

  it('a column can be mapped by hand onto a field', async () => {
    const handle = await openFresh(tempDir())
    try {
      const summary = await importFile(
        handle,
        'table:fitness_measurements',
        fixture('tables', 'measurements.csv'),
        {
          remap: { weight: null, neck: 'Weight (kg)' },
        },
      )
      expect(summary.inserted).toBe(3)
      expect(
        rows(handle, 'SELECT weight, neck FROM fitness_measurements ORDER BY id LIMIT 1'),
      ).toEqual([{ weight: null, neck: 81.2 }])
    } finally {
      await handle.close()
    }
  })
})
