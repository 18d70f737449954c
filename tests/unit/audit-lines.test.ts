import { describe, expect, it } from 'vitest'
import { changeLines } from '../../shared/audit'

describe('changeLines', () => {
  it('says an update as "field: from → to", nothing as (empty), other values as JSON', () => {
    expect(
      changeLines({
        action: 'update',
        changes: {
          name: ['Squat', 'Back squat'],
          notes: [null, 'deep'],
          tags: [['a'], ['a', 'b']],
        },
      }),
    ).toEqual(['name: Squat → Back squat', 'notes: (empty) → deep', 'tags: ["a"] → ["a","b"]'])
  })

  it('says a created or deleted row by the values it held, leaving out empty fields', () => {
    const row = { id: [null, 7], name: [null, 'Lunge'], notes: [null, null] }
    expect(changeLines({ action: 'create', changes: row })).toEqual(['id: 7', 'name: Lunge'])
    const gone = { id: [7, null], name: ['Lunge', null], notes: ['', null] }
    expect(changeLines({ action: 'delete', changes: gone })).toEqual(['id: 7', 'name: Lunge'])
  })

  it('says a bulk summary field by field, and no changes as no lines', () => {
    expect(
      changeLines({ action: 'bulk', changes: { file: 'a.csv', inserted: 3, rejected: 0 } }),
    ).toEqual(['file: a.csv', 'inserted: 3', 'rejected: 0'])
    expect(changeLines({ action: 'update', changes: null })).toEqual([])
  })
})
