import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { entities, entityDef } from '../../shared/entities'
import { objectSchema } from '../../shared/entities/fields'
import { tables, type ColumnSpec } from '../../shared/schema'
import { toCanonicalUnit, toDisplayUnit } from '../../shared/units'

const columnsOf = (table: string) =>
  (tables as Record<string, Record<string, ColumnSpec>>)[table] ?? {}

/** Columns a service fills itself, so a form need not ask for them. */
const DERIVED = new Set(['users.user_id', 'users.username'])

describe('entity definitions agree with the schema', () => {
  it.each(entities.map((e) => [e.name, e] as const))('%s', (_name, def) => {
    const columns = columnsOf(def.name)
    expect(columns[def.key], `key ${def.key}`).toBeDefined()
    for (const field of def.fields) {
      const column = columns[field.name]
      expect(column, `${def.name}.${field.name} is a column`).toBeDefined()
      if (!column) continue
      const expectedType =
        field.kind === 'integer' ||
        field.kind === 'boolean' ||
        (field.kind === 'reference' && field.reference?.valueType === 'integer')
          ? 'INTEGER'
          : field.kind === 'decimal'
            ? 'REAL'
            : 'TEXT'
      expect(column.type, `${def.name}.${field.name} type`).toBe(expectedType)
      if (!column.nullable && !column.defaulted && !DERIVED.has(`${def.name}.${field.name}`)) {
        expect(field.required, `${def.name}.${field.name} is NOT NULL without a default`).toBe(true)
      }
    }
    // Every NOT NULL column without a default is either a field, the key, or filled by the service.
    for (const [name, column] of Object.entries(columns)) {
      if (column.nullable || column.defaulted || name === def.key) continue
      const known = def.fields.some((f) => f.name === name) || DERIVED.has(`${def.name}.${name}`)
      const calendar =
        def.name === 'dim_class_session' &&
        ['week_number', 'year', 'month', 'day_of_week', 'is_weekend'].includes(name)
      expect(known || calendar, `${def.name}.${name} must come from somewhere`).toBe(true)
    }
  })
})

describe('record values are validated with messages that name the field', () => {
  const exercise = objectSchema(entityDef('fitness_exercises').fields, 'create')
  const film = objectSchema(entityDef('media_movies').fields, 'create')
  const goal = objectSchema(entityDef('fitness_goals').fields, 'create')

  const problems = (result: {
    success: boolean
    error?: { issues: { path: PropertyKey[]; message: string }[] }
  }) =>
    Object.fromEntries(
      (result.error?.issues ?? []).map((i) => [String(i.path[0] ?? ''), i.message]),
    )

  it('requires required fields and trims text', () => {
    expect(problems(exercise.safeParse({ exercise_type: 'strength' }))).toEqual({
      exercise_name: 'Name is required',
    })
    expect(
      problems(exercise.safeParse({ exercise_name: '   ', exercise_type: 'strength' })),
    ).toEqual({ exercise_name: 'Name is required' })
    expect(exercise.parse({ exercise_name: '  Squat ', exercise_type: 'strength' })).toMatchObject({
      exercise_name: 'Squat',
    })
  })

  it('checks numbers, ranges, dates and choices', () => {
    expect(problems(film.safeParse({ title: 'Heat', user_rating: 11 }))).toEqual({
      user_rating: 'Your rating must be at most 10',
    })
    expect(problems(film.safeParse({ title: 'Heat', user_rating: 7.5 }))).toEqual({
      user_rating: 'Your rating must be a whole number',
    })
    expect(problems(film.safeParse({ title: 'Heat', release_year: 'soon' }))).toEqual({
      release_year: 'Year must be a number',
    })
    expect(problems(film.safeParse({ title: 'Heat', watch_date: '2025-02-30' }))).toEqual({
      watch_date: 'Watched is not a real calendar date',
    })
    expect(problems(film.safeParse({ title: 'Heat', watch_date: '03/01/2025' }))).toEqual({
      watch_date: 'Watched must be a date written YYYY-MM-DD',
    })
    expect(problems(exercise.safeParse({ exercise_name: 'X', exercise_type: 'yoga' }))).toEqual({
      exercise_type: 'Type must be one of: strength, bodyweight, band, cardio, mobility',
    })
  })

  it('refuses fields the record does not have', () => {
    const result = exercise.safeParse({
      exercise_name: 'X',
      exercise_type: 'strength',
      colour: 'red',
    })
    expect(result.success).toBe(false)
  })

  it('stores equipment lists and goal targets as JSON', () => {
    expect(
      exercise.parse({
        exercise_name: 'X',
        exercise_type: 'strength',
        equipment_needed: 'barbell, rack, barbell',
      }).equipment_needed,
    ).toBe('["barbell","rack"]')
    expect(
      goal.parse({ goal_type: 'strength', goal_target: { weight_kg: 100, reps: 5 } }).goal_target,
    ).toBe('{"weight_kg":100,"reps":5}')
    expect(problems(goal.safeParse({ goal_type: 'strength', goal_target: '{oops' }))).toEqual({
      goal_target: 'Target is not valid JSON',
    })
    expect(goal.parse({ goal_type: 'strength', goal_target: {} }).goal_target).toBeNull()
  })

  it('an update checks only what it is given', () => {
    const update = objectSchema(entityDef('media_movies').fields, 'update')
    expect(update.parse({ user_rating: 8 })).toEqual({ user_rating: 8 })
    expect(problems(update.safeParse({ title: '' }))).toEqual({ title: 'Title is required' })
  })
})

describe('units', () => {
  it('a value shown in the person’s unit and typed back is the same stored value', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.constantFrom('kg' as const, 'lb' as const),
        (kg, weightUnit) => {
          const shown = toDisplayUnit(kg, 'weight', { weightUnit })
          const back = toCanonicalUnit(shown, 'weight', { weightUnit })
          expect(toDisplayUnit(back, 'weight', { weightUnit })).toBe(shown)
        },
      ),
    )
  })

  it('converts pounds and inches exactly', () => {
    expect(toCanonicalUnit(225, 'weight', { weightUnit: 'lb' })).toBeCloseTo(102.0583, 4)
    expect(toDisplayUnit(100, 'weight', { weightUnit: 'lb' })).toBe(220.46)
    expect(toDisplayUnit(2.54, 'bodyLength', { weightUnit: 'lb' })).toBe(1)
    expect(toDisplayUnit(80, 'weight', { weightUnit: 'kg' })).toBe(80)
  })
})
