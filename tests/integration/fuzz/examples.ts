import { z } from 'zod'
import type { MethodName } from '../../../shared/api'

/**
 * Inputs a schema cannot describe on its own (a record's values depend on its entity; ids must
 * name rows of the seeded database). Any method not listed gets an example derived from its
 * schema by `exampleFor`, so methods added later are covered without touching this list.
 */
export const KNOWN_EXAMPLES: Partial<Record<MethodName, unknown>> = {
  'records.create': {
    entity: 'media_movies',
    values: { title: 'Paris, Texas', director: 'Wim Wenders', release_year: 1984 },
  },
  'records.update': { entity: 'media_movies', key: 1, values: { genre: 'Drama' } },
  'records.list': { entity: 'media_movies', search: 'Paris', limit: 10 },
  'records.get': { entity: 'media_movies', key: 1 },
  'records.deletePreview': { entity: 'media_movies', key: 1 },
  'fitness.logWorkout': {
    date: '2025-03-05',
    notes: 'Felt strong',
    sets: [{ exerciseId: 1, reps: 5, weight: 60, notes: 'easy' }],
  },
  'fitness.previousPerformance': { exerciseIds: [1, 2] },
  'reports.run': { name: 'activity', from: '2025-01-01', to: '2025-03-31', interval: 'week' },
  'exports.csv': { name: 'media_movies' },
}

/** Strings tried, in order, for a text leaf: the first its schema accepts is the example. */
const TEXT_CANDIDATES = [
  '2025-03-05',
  '09:30',
  'Europe/Berlin',
  'activity',
  'x',
  'abcdef12-3456-7890',
  '2025-03-05T09:30:00Z',
]
const NUMBER_CANDIDATES = [1, 0, 10, 0.5, 100, 1000]

function firstAccepted<T>(schema: z.ZodType, candidates: readonly T[]): T {
  return candidates.find((c) => schema.safeParse(c).success) ?? candidates[0]!
}

/**
 * A plausible valid value for a zod schema: every optional field present (so it can be
 * mutated), text and numbers picked from candidates the leaf's own checks accept. Whole-object
 * refinements may still refuse it; the near-valid fuzz only needs a realistic starting point.
 */
export function exampleFor(schema: z.ZodType, depth = 0): unknown {
  if (depth > 8) return null
  const next = (inner: z.ZodType) => exampleFor(inner, depth + 1)
  if (schema instanceof z.ZodObject) {
    return Object.fromEntries(
      Object.entries(schema.shape as Record<string, z.ZodType>).map(([k, v]) => [k, next(v)]),
    )
  }
  if (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodReadonly ||
    schema instanceof z.ZodCatch
  ) {
    return next(schema.unwrap() as z.ZodType)
  }
  if (schema instanceof z.ZodPipe) return next(schema.in as z.ZodType)
  if (schema instanceof z.ZodString) return firstAccepted(schema, TEXT_CANDIDATES)
  if (schema instanceof z.ZodNumber) return firstAccepted(schema, NUMBER_CANDIDATES)
  if (schema instanceof z.ZodBoolean) return true
  if (schema instanceof z.ZodEnum) return schema.options[0]
  if (schema instanceof z.ZodLiteral) return schema.values.values().next().value
  if (schema instanceof z.ZodArray) return [next(schema.element as z.ZodType)]
  if (schema instanceof z.ZodUnion) return next(schema.options[0] as z.ZodType)
  if (schema instanceof z.ZodNull) return null
  if (schema instanceof z.ZodRecord) return {}
  return 'x'
}

/**
 * Examples naming rows the seeded database really holds, so that a near-valid call whose one
 * wrong thing is harmless reaches the handler's own checks. A query that finds nothing (or a
 * table that changed) leaves the method to its static or derived example.
 */
export function seededExamples(sqlite: {
  prepare(sql: string): { pluck(): { get(): unknown } }
}): Partial<Record<MethodName, unknown>> {
  const first = (sql: string) => {
    try {
      return sqlite.prepare(sql).pluck().get() ?? undefined
    } catch {
      return undefined
    }
  }
  const sessionId = first('SELECT session_id FROM dim_class_session ORDER BY session_id')
  const userId = first('SELECT user_id FROM fact_class_attendance ORDER BY attendance_id')
  const attendanceId = first('SELECT attendance_id FROM fact_class_attendance ORDER BY 1')
  const bookingId = first('SELECT booking_id FROM class_bookings ORDER BY 1')
  const locationId = first('SELECT location_id FROM dim_location ORDER BY 1')
  const movie = first('SELECT id FROM media_movies ORDER BY id')
  const exercise = first('SELECT id FROM fitness_exercises ORDER BY id')
  const examples: Partial<Record<MethodName, unknown>> = {}
  if (sessionId !== undefined) {
    examples['studio.roster'] = { sessionId }
    if (userId !== undefined) {
      examples['studio.checkIn'] = { sessionId, userId }
      examples['studio.book'] = { sessionId, userId }
    }
  }
  if (attendanceId !== undefined) examples['studio.undoCheckIn'] = { attendanceId }
  if (bookingId !== undefined) {
    examples['studio.cancelBooking'] = { bookingId }
    examples['studio.markNoShow'] = { bookingId }
  }
  if (locationId !== undefined) {
    const series = {
      classCode: 'FUZZ1',
      className: 'Fuzz flow',
      instructorName: 'Rowan Hale',
      locationId,
      firstDate: '2026-03-02',
      startTime: '18:30',
      weeks: 2,
      durationMins: 60,
      capacity: 12,
      releaseDaysBefore: 7,
    }
    examples['studio.previewSeries'] = series
    examples['studio.createSeries'] = series
  }
  if (movie !== undefined) {
    examples['records.get'] = { entity: 'media_movies', key: movie }
    examples['records.deletePreview'] = { entity: 'media_movies', key: movie }
    examples['records.update'] = { entity: 'media_movies', key: movie, values: { genre: 'Drama' } }
  }
  if (exercise !== undefined) {
    examples['fitness.previousPerformance'] = { exerciseIds: [exercise] }
    examples['fitness.logWorkout'] = {
      date: '2025-03-05',
      notes: 'Felt strong',
      sets: [{ exerciseId: exercise, reps: 5, weight: 60, notes: 'easy' }],
    }
  }
  return examples
}
