import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { TemplateExercise, WorkoutTemplate } from '../../shared/contract/fitness'
import { defaultSettings } from '../../shared/settings'
import { toDisplayUnit } from '../../shared/units'
import {
  elapsedMinutes,
  formatDuration,
  locateServiceProblem,
  modeFor,
  newDraft,
  newExercise,
  nextSet,
  parseDecimal,
  parseDuration,
  restoredDraft,
  toLogInput,
  type DraftExercise,
  type WorkoutDraft,
} from '../../renderer/src/sections/fitness/workout-draft'
import { formatPerformedSet } from '../../renderer/src/sections/fitness/workout-format'

const squat = { exerciseId: 1, name: 'Back Squat', exerciseType: 'strength' }
const bike = { exerciseId: 2, name: 'Stationary Bike', exerciseType: 'cardio' }
const plank: TemplateExercise = {
  exerciseId: 3,
  name: 'Plank',
  exerciseType: 'bodyweight',
  recommendedSets: 3,
  recommendedReps: null,
  recommendedVolume: '3x60s',
}
const START = Date.UTC(2025, 2, 3, 17, 0)

function draftWith(...exercises: DraftExercise[]): WorkoutDraft {
  return { ...newDraft({ now: START, date: '2025-03-03', databasePath: '/db' }), exercises }
}

function withSets(
  choice: typeof squat,
  sets: { reps?: string; weight?: string; duration?: string; notes?: string }[],
): DraftExercise {
  const exercise = newExercise(choice)
  return {
    ...exercise,
    sets: sets.map((s, i) => ({
      id: `${exercise.id}-${i}`,
      reps: '',
      weight: '',
      duration: '',
      notes: '',
      ...s,
    })),
  }
}

describe('starting a workout', () => {
  it('from a program day has one empty set per exercise and the day’s targets', () => {
    const program: WorkoutTemplate = {
      programId: 7,
      name: 'Five by five',
      programType: 'strength',
      status: 'active',
      days: [
        {
          day: 'A',
          exercises: [
            {
              ...squat,
              recommendedSets: 5,
              recommendedReps: 5,
              recommendedVolume: '5x5',
            },
            plank,
          ],
        },
      ],
    }
    const draft = newDraft({
      now: START,
      date: '2025-03-03',
      databasePath: '/db',
      program,
      day: program.days[0],
    })
    expect(draft.program).toEqual({ id: 7, name: 'Five by five', day: 'A' })
    expect(draft.exercises.map((e) => [e.name, e.mode, e.sets.length])).toEqual([
      ['Back Squat', 'load', 1],
      ['Plank', 'timed', 1],
    ])
    expect(draft.exercises[0]!.target).toEqual({ sets: 5, reps: 5, volume: '5x5' })
    expect(draft.durationMinutes).toBeNull()
  })

  it('logs time for cardio, mobility and prescriptions in seconds or minutes', () => {
    expect(modeFor('cardio')).toBe('timed')
    expect(modeFor('mobility')).toBe('timed')
    expect(modeFor('strength')).toBe('load')
    expect(modeFor('bodyweight', plank)).toBe('timed')
    expect(modeFor('bodyweight', { ...plank, recommendedVolume: '3x12' })).toBe('load')
  })
})

describe('the next set', () => {
  it('is pre-filled with the previous set’s numbers, not its notes, under a new id', () => {
    const previous = { id: 's1', reps: '8', weight: '135', duration: '', notes: 'easy' }
    const next = nextSet(previous)
    expect(next).toMatchObject({ reps: '8', weight: '135', duration: '', notes: '' })
    expect(next.id).not.toBe('s1')
    expect(nextSet(undefined)).toMatchObject({ reps: '', weight: '', duration: '', notes: '' })
  })
})

describe('typed values', () => {
  it('reads decimals with a point or a comma, and nothing else', () => {
    expect(parseDecimal('62.5')).toBe(62.5)
    expect(parseDecimal(' 62,5 ')).toBe(62.5)
    expect(parseDecimal('.5')).toBe(0.5)
    for (const bad of ['', '-5', '5kg', '1.2.3', 'abc']) expect(parseDecimal(bad)).toBeNull()
  })

  it('reads times as seconds, m:ss or h:mm:ss and writes them back the same', () => {
    expect(parseDuration('90')).toBe(90)
    expect(parseDuration('1:30')).toBe(90)
    expect(parseDuration('20:00')).toBe(1200)
    expect(parseDuration('1:02:03')).toBe(3723)
    expect(parseDuration('1:75')).toBeNull()
    expect(parseDuration('soon')).toBeNull()
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 86_400 }), (seconds) => {
        expect(parseDuration(formatDuration(seconds))).toBe(seconds)
      }),
    )
  })

  it('counts the duration in whole minutes from the start, within a day', () => {
    expect(elapsedMinutes(START, START + 52 * 60_000 + 29_000)).toBe(52)
    expect(elapsedMinutes(START, START - 5000)).toBe(0)
    expect(elapsedMinutes(START, START + 3 * 86_400_000)).toBe(1440)
  })
})

describe('finishing: the draft as fitness.logWorkout takes it', () => {
  it('converts pounds to kg, leaves out blank rows and keeps where each set came from', () => {
    const draft = draftWith(
      withSets(squat, [
        { reps: '5', weight: '225' },
        { reps: '5', weight: '225,5', notes: ' last one slow ' },
        {},
      ]),
      withSets(bike, [{ duration: '20:00' }]),
    )
    const result = toLogInput(draft, { weightUnit: 'lb' }, START + 45 * 60_000)
    if (!result.ok) throw new Error(result.problem.message)
    expect(result.input).toEqual({
      date: '2025-03-03',
      programId: null,
      durationMinutes: 45,
      sets: [
        { exerciseId: 1, reps: 5, weight: 102.0583, notes: undefined },
        { exerciseId: 1, reps: 5, weight: 102.2851, notes: 'last one slow' },
        { exerciseId: 2, reps: 0, durationSeconds: 1200, notes: undefined },
      ],
    })
    expect(result.origins.map((o) => o.setId)).toEqual([
      draft.exercises[0]!.sets[0]!.id,
      draft.exercises[0]!.sets[1]!.id,
      draft.exercises[1]!.sets[0]!.id,
    ])
  })

  it('round-trips any weight typed in pounds to what the person sees again', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400_00 }), (hundredths) => {
        const typed = hundredths / 100
        const draft = draftWith(withSets(squat, [{ reps: '1', weight: String(typed) }]))
        const result = toLogInput(draft, { weightUnit: 'lb' }, START)
        if (!result.ok) throw new Error(result.problem.message)
        const kg = result.input.sets[0]!.weight!
        expect(toDisplayUnit(kg, 'weight', { weightUnit: 'lb' })).toBe(typed)
      }),
    )
  })

  it('stores kg as typed when the unit is kg, and a typed duration over the timer', () => {
    const draft = {
      ...draftWith(withSets(squat, [{ reps: '3', weight: '100' }])),
      durationMinutes: '75',
      notes: '  PR day ',
    }
    const result = toLogInput(draft, { weightUnit: 'kg' }, START + 5 * 60_000)
    expect(result).toMatchObject({
      ok: true,
      input: { durationMinutes: 75, notes: 'PR day', sets: [{ reps: 3, weight: 100 }] },
    })
  })

  it('says which set and field are wrong', () => {
    const draft = draftWith(withSets(squat, [{ reps: '5', weight: '100' }, { weight: '100' }]))
    const result = toLogInput(draft, { weightUnit: 'kg' }, START)
    expect(result).toEqual({
      ok: false,
      problem: {
        exerciseId: draft.exercises[0]!.id,
        setId: draft.exercises[0]!.sets[1]!.id,
        field: 'reps',
        message: 'Back Squat, set 2: enter the reps as a whole number',
      },
    })
    const heavy = toLogInput(
      draftWith(withSets(squat, [{ reps: '1', weight: '5000' }])),
      { weightUnit: 'lb' },
      START,
    )
    expect(heavy).toMatchObject({ ok: false, problem: { field: 'weight' } })
    const minutes = toLogInput(
      { ...draftWith(withSets(squat, [{ reps: '1' }])), durationMinutes: '1.5' },
      { weightUnit: 'kg' },
      START,
    )
    expect(minutes).toMatchObject({ ok: false, problem: { field: 'durationMinutes' } })
  })

  it('needs at least one set', () => {
    expect(toLogInput(draftWith(), { weightUnit: 'kg' }, START)).toMatchObject({
      ok: false,
      problem: { message: 'Add an exercise and log at least one set before finishing' },
    })
    const empty = draftWith(withSets(squat, [{}]))
    expect(toLogInput(empty, { weightUnit: 'kg' }, START)).toMatchObject({
      ok: false,
      problem: { field: 'reps', setId: empty.exercises[0]!.sets[0]!.id },
    })
  })

  it('places the service’s complaint about sets.N on the row it came from', () => {
    const origins = [
      { exerciseId: 'e1', setId: 'a' },
      { exerciseId: 'e2', setId: 'b' },
    ]
    expect(locateServiceProblem('sets.1.durationSeconds', 'too long', origins)).toEqual({
      exerciseId: 'e2',
      setId: 'b',
      field: 'duration',
      message: 'too long',
    })
    expect(locateServiceProblem('sets.0.exerciseId', 'gone', origins)).toEqual({
      exerciseId: 'e1',
      setId: 'a',
      message: 'gone',
    })
    expect(locateServiceProblem('programId', 'no such program', origins)).toEqual({
      message: 'no such program',
    })
  })
})

describe('last time’s sets', () => {
  it('read in the person’s unit', () => {
    const set = { reps: 5, weight: 100, durationSeconds: null, notes: null }
    expect(formatPerformedSet(set, { weightUnit: 'kg' })).toBe('5 × 100 kg')
    expect(formatPerformedSet(set, { weightUnit: 'lb' })).toMatch(/^5 × 220[.,]46 lb$/)
    expect(formatPerformedSet({ ...set, weight: null }, { weightUnit: 'kg' })).toBe('5 reps')
    expect(
      formatPerformedSet(
        { ...set, reps: 1, weight: null, durationSeconds: 75 },
        { weightUnit: 'kg' },
      ),
    ).toBe('1:15')
  })
})

describe('a draft restored after a reload', () => {
  const settings = defaultSettings('UTC')
  const saved = draftWith(
    withSets(squat, [
      { reps: '5', weight: '100' },
      { reps: '5', notes: 'slow' },
    ]),
    newExercise(bike),
  )

  it('comes back exactly as it was stored', () => {
    expect(restoredDraft(JSON.parse(JSON.stringify(saved)))).toEqual(saved)
  })

  it.each([
    ['nothing stored', undefined],
    ['no draft', null],
    ['another shape', { exercises: 'none' }],
    [
      'a set whose reps are a number',
      {
        ...saved,
        exercises: [
          {
            ...saved.exercises[0],
            sets: [{ id: 'x', reps: 5, weight: '', duration: '', notes: '' }],
          },
        ],
      },
    ],
    ['a date that is not a day', { ...saved, date: 'tomorrow' }],
    ['an unknown mode', { ...saved, exercises: [{ ...saved.exercises[0], mode: 'fast' }] }],
  ])('is dropped when it is %s', (_, stored) => {
    expect(restoredDraft(stored)).toBeNull()
  })

  it('is either dropped or valid for any damage to one field', () => {
    const fields = Object.keys(saved) as (keyof WorkoutDraft)[]
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.jsonValue(), (field, value) => {
        const restored = restoredDraft({ ...saved, [field]: value })
        // Kept only when the damaged field still holds a value of its kind, which Finish can use.
        if (restored !== null) expect(() => toLogInput(restored, settings, START)).not.toThrow()
      }),
    )
  })
})
