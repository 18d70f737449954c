import { iso } from './clock'
import type { DemoContext } from './context'

export type ExerciseKind = 'strength' | 'bodyweight' | 'band' | 'cardio' | 'mobility'

interface ExerciseDef {
  name: string
  kind: ExerciseKind
  bodyPart: string
  movement: string
  equipment: string[]
}

const E = (
  name: string,
  kind: ExerciseKind,
  bodyPart: string,
  movement: string,
  equipment: string[] = [],
): ExerciseDef => ({ name, kind, bodyPart, movement, equipment })

export const EXERCISES: readonly ExerciseDef[] = [
  E('Back Squat', 'strength', 'legs', 'squat', ['Barbell', 'Squat Rack']),
  E('Front Squat', 'strength', 'legs', 'squat', ['Barbell', 'Squat Rack']),
  E('Bench Press', 'strength', 'chest', 'push', ['Barbell', 'Bench']),
  E('Incline Bench Press', 'strength', 'chest', 'push', ['Barbell', 'Bench']),
  E('Deadlift', 'strength', 'back', 'hinge', ['Barbell']),
  E('Romanian Deadlift', 'strength', 'legs', 'hinge', ['Barbell']),
  E('Overhead Press', 'strength', 'shoulders', 'push', ['Barbell']),
  E('Barbell Row', 'strength', 'back', 'pull', ['Barbell']),
  E('Power Clean', 'strength', 'full_body', 'olympic', ['Barbell']),
  E('Hip Thrust', 'strength', 'glutes', 'hinge', ['Barbell', 'Bench']),
  E('Dumbbell Bench Press', 'strength', 'chest', 'push', ['Dumbbells', 'Bench']),
  E('Dumbbell Shoulder Press', 'strength', 'shoulders', 'push', ['Dumbbells', 'Bench']),
  E('Dumbbell Row', 'strength', 'back', 'pull', ['Dumbbells', 'Bench']),
  E('Dumbbell Curl', 'strength', 'arms', 'isolation', ['Dumbbells']),
  E('Hammer Curl', 'strength', 'arms', 'isolation', ['Dumbbells']),
  E('Lateral Raise', 'strength', 'shoulders', 'isolation', ['Dumbbells']),
  E('Goblet Squat', 'strength', 'legs', 'squat', ['Kettlebell']),
  E('Walking Lunge', 'strength', 'legs', 'lunge', ['Dumbbells']),
  E('Bulgarian Split Squat', 'strength', 'legs', 'lunge', ['Dumbbells', 'Bench']),
  E('Kettlebell Swing', 'strength', 'full_body', 'hinge', ['Kettlebell']),
  E('Lat Pulldown', 'strength', 'back', 'pull', ['Cable Machine']),
  E('Seated Cable Row', 'strength', 'back', 'pull', ['Cable Machine']),
  E('Cable Fly', 'strength', 'chest', 'isolation', ['Cable Machine']),
  E('Triceps Pushdown', 'strength', 'arms', 'isolation', ['Cable Machine']),
  E('Face Pull', 'strength', 'shoulders', 'pull', ['Cable Machine']),
  E('Leg Press', 'strength', 'legs', 'squat', ['Leg Press Machine']),
  E('Leg Curl', 'strength', 'legs', 'isolation', ['Cable Machine']),
  E('Leg Extension', 'strength', 'legs', 'isolation', ['Cable Machine']),
  E('Calf Raise', 'strength', 'legs', 'isolation', ['Leg Press Machine']),
  E('Pull-up', 'bodyweight', 'back', 'pull', ['Pull-up Bar']),
  E('Chin-up', 'bodyweight', 'back', 'pull', ['Pull-up Bar']),
  E('Push-up', 'bodyweight', 'chest', 'push'),
  E('Plank', 'bodyweight', 'core', 'isometric'),
  E('Hanging Leg Raise', 'bodyweight', 'core', 'flexion', ['Pull-up Bar']),
  E('Band Pull-Apart', 'band', 'shoulders', 'pull', ['Resistance Bands']),
  E('Banded Glute Bridge', 'band', 'glutes', 'hinge', ['Resistance Bands']),
  E('Banded Squat', 'band', 'legs', 'squat', ['Resistance Bands']),
  E('Banded Lateral Walk', 'band', 'glutes', 'abduction', ['Resistance Bands']),
  E('Treadmill Run', 'cardio', 'full_body', 'cardio', ['Treadmill']),
  E('Rowing Machine', 'cardio', 'full_body', 'cardio', ['Rowing Machine']),
  E('Stationary Bike', 'cardio', 'legs', 'cardio', ['Stationary Bike']),
  E('Hip Mobility Flow', 'mobility', 'hips', 'mobility'),
]

const EQUIPMENT: readonly [name: string, type: string, description: string][] = [
  ['Barbell', 'free_weight', 'Olympic barbell, 20 kg'],
  ['Squat Rack', 'rack', 'Power rack with safety pins and J-hooks'],
  ['Bench', 'bench', 'Adjustable flat/incline bench'],
  ['Dumbbells', 'free_weight', 'Fixed dumbbells from 2 to 40 kg in 2 kg steps'],
  ['Kettlebell', 'free_weight', 'Competition kettlebells, 8–32 kg'],
  ['Cable Machine', 'machine', 'Dual adjustable pulley with 5 kg plates'],
  ['Leg Press Machine', 'machine', '45° plate-loaded leg press'],
  ['Pull-up Bar', 'bodyweight', 'Rack-mounted pull-up bar'],
  ['Resistance Bands', 'band', 'Loop bands, five resistances'],
  ['Treadmill', 'cardio_machine', 'Motorised treadmill'],
  ['Rowing Machine', 'cardio_machine', 'Air rower'],
  ['Stationary Bike', 'cardio_machine', 'Upright exercise bike'],
]

export interface Band {
  name: string
  color: string
  /** kg of resistance at full stretch; low_weight is at the start of the stretch. */
  weight: number
}

const BANDS: readonly [color: string, label: string, low: number, single: number][] = [
  ['Yellow', 'Extra Light', 1, 3],
  ['Red', 'Light', 3, 7],
  ['Green', 'Medium', 7, 14],
  ['Blue', 'Heavy', 14, 23],
  ['Black', 'Extra Heavy', 23, 34],
]

export interface Library {
  exerciseIds: Map<string, number>
  kinds: Map<string, ExerciseKind>
  bands: Band[]
}

/** The exercise library, the equipment it needs and the resistance bands, set up on day one. */
export function writeLibrary(ctx: DemoContext, createdMs: number): Library {
  const created = iso(createdMs)
  for (const [name, type, description] of EQUIPMENT) {
    ctx.writer.insert('fitness_equipment', {
      equipment_name: name,
      equipment_type: type,
      description,
      created_at: created,
    })
  }
  const bands: Band[] = []
  for (const [color, label, low, single] of BANDS) {
    const name = `${color} ${label} Loop Band`
    ctx.writer.insert('fitness_bands', {
      band_name: name,
      band_type: 'loop',
      low_weight: low,
      single_weight: single,
      color,
      created_at: created,
    })
    bands.push({ name, color, weight: single })
  }
  const exerciseIds = new Map<string, number>()
  const kinds = new Map<string, ExerciseKind>()
  for (const e of EXERCISES) {
    const id = ctx.writer.insert('fitness_exercises', {
      exercise_name: e.name,
      exercise_type: e.kind,
      body_part: e.bodyPart,
      movement_type: e.movement,
      equipment_needed: JSON.stringify(e.equipment),
      created_at: created,
    })
    exerciseIds.set(e.name, id)
    kinds.set(e.name, e.kind)
  }
  return { exerciseIds, kinds, bands }
}
