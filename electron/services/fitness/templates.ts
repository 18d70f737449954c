import type BetterSqlite3 from 'better-sqlite3'
import type { TemplateDay, WorkoutTemplate } from '../../../shared/contract/fitness'

interface Row {
  programId: number
  name: string
  programType: string
  status: string
  day: string | null
  exerciseId: number | null
  exerciseName: string | null
  exerciseType: string | null
  recommendedSets: number | null
  recommendedReps: number | null
  recommendedVolume: string | null
}

// Active programs first; days and exercises in the order they were set up (ids), which is the
// order a person typed them — alphabetical would put "Lower A" before "Upper A".
const TEMPLATE_ROWS = `
  SELECT p.id AS programId, p.program_name AS name, p.program_type AS programType,
         p.status AS status, pe.workout_day AS day, pe.exercise_id AS exerciseId,
         e.exercise_name AS exerciseName, e.exercise_type AS exerciseType,
         pe.recommended_sets AS recommendedSets, pe.recommended_reps AS recommendedReps,
         pe.recommended_volume AS recommendedVolume
  FROM fitness_programs p
  LEFT JOIN fitness_program_exercises pe ON pe.program_id = p.id
  LEFT JOIN fitness_exercises e ON e.id = pe.exercise_id
  ORDER BY CASE p.status WHEN 'active' THEN 0 WHEN 'paused' THEN 1 ELSE 2 END,
           p.program_name COLLATE NOCASE, p.id, pe.id`

/** Programs with their workout days, each day with its exercises and what they prescribe. */
export function workoutTemplates(sqlite: BetterSqlite3.Database): WorkoutTemplate[] {
  const programs = new Map<number, WorkoutTemplate>()
  const days = new Map<string, TemplateDay>()
  for (const row of sqlite.prepare(TEMPLATE_ROWS).all() as Row[]) {
    let program = programs.get(row.programId)
    if (!program) {
      program = {
        programId: row.programId,
        name: row.name,
        programType: row.programType,
        status: row.status,
        days: [],
      }
      programs.set(row.programId, program)
    }
    if (row.exerciseId === null || row.exerciseName === null) continue
    const dayKey = `${row.programId}\u0000${row.day ?? ''}`
    let day = days.get(dayKey)
    if (!day) {
      day = { day: row.day, exercises: [] }
      days.set(dayKey, day)
      program.days.push(day)
    }
    day.exercises.push({
      exerciseId: row.exerciseId,
      name: row.exerciseName,
      exerciseType: row.exerciseType ?? 'strength',
      recommendedSets: row.recommendedSets,
      recommendedReps: row.recommendedReps,
      recommendedVolume: row.recommendedVolume,
    })
  }
  return [...programs.values()]
}
