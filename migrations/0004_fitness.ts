import type { Kysely } from 'kysely'
import { NOW, isDate, oneOf, runStatements } from './ddl'

const PROGRAM_STATUSES = ['active', 'paused', 'completed', 'archived']
const GOAL_STATUSES = ['active', 'achieved', 'abandoned', 'paused']

// Seed 004's fitness tables. Canonical units: kg for weights, cm for body measurements, minutes
// and seconds as the column names say, water in ounces as the seed names it. The seed leaves
// `user_id` without REFERENCES; here it references users(id) and a person's records go with them.
// `equipment_needed` is the seed's TEXT[]: a JSON array of equipment names.
// Exercises and equipment are unique by name (case-insensitive) so imports can match them.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    `CREATE TABLE fitness_programs (
      id INTEGER PRIMARY KEY,
      program_name TEXT NOT NULL,
      program_type TEXT NOT NULL,
      frequency INTEGER NOT NULL CHECK (frequency BETWEEN 1 AND 14),
      created_at TEXT NOT NULL DEFAULT ${NOW},
      updated_at TEXT NOT NULL DEFAULT ${NOW},
      user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
      status TEXT NOT NULL DEFAULT 'active' ${oneOf('status', PROGRAM_STATUSES, false)}
    ) STRICT`,
    `CREATE INDEX programs_user ON fitness_programs (user_id)`,
    `CREATE TABLE fitness_exercises (
      id INTEGER PRIMARY KEY,
      exercise_name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      exercise_type TEXT NOT NULL,
      body_part TEXT,
      movement_type TEXT,
      equipment_needed TEXT CHECK (equipment_needed IS NULL OR (json_valid(equipment_needed) AND json_type(equipment_needed) = 'array')),
      created_at TEXT NOT NULL DEFAULT ${NOW}
    ) STRICT`,
    `CREATE TABLE fitness_equipment (
      id INTEGER PRIMARY KEY,
      equipment_name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      equipment_type TEXT,
      description TEXT,
      created_at TEXT NOT NULL DEFAULT ${NOW}
    ) STRICT`,
    `CREATE TABLE fitness_bands (
      id INTEGER PRIMARY KEY,
      band_name TEXT NOT NULL,
      band_type TEXT,
      low_weight INTEGER CHECK (low_weight IS NULL OR low_weight >= 0),
      single_weight INTEGER CHECK (single_weight IS NULL OR single_weight >= 0),
      color TEXT,
      created_at TEXT NOT NULL DEFAULT ${NOW}
    ) STRICT`,
    `CREATE TABLE fitness_program_exercises (
      id INTEGER PRIMARY KEY,
      program_id INTEGER NOT NULL REFERENCES fitness_programs (id) ON DELETE CASCADE,
      exercise_id INTEGER NOT NULL REFERENCES fitness_exercises (id) ON DELETE RESTRICT,
      workout_day TEXT CHECK (workout_day IS NULL OR length(workout_day) <= 10),
      recommended_sets INTEGER CHECK (recommended_sets IS NULL OR recommended_sets > 0),
      recommended_reps INTEGER CHECK (recommended_reps IS NULL OR recommended_reps > 0),
      recommended_volume TEXT,
      band_weight_multiplier REAL CHECK (band_weight_multiplier IS NULL OR band_weight_multiplier >= 0),
      alternative_exercise_id INTEGER REFERENCES fitness_exercises (id) ON DELETE SET NULL,
      created_at TEXT NOT NULL DEFAULT ${NOW},
      CHECK (alternative_exercise_id IS NULL OR alternative_exercise_id <> exercise_id)
    ) STRICT`,
    `CREATE INDEX program_exercises_program ON fitness_program_exercises (program_id, workout_day)`,
    `CREATE INDEX program_exercises_exercise ON fitness_program_exercises (exercise_id)`,
    `CREATE INDEX program_exercises_alternative ON fitness_program_exercises (alternative_exercise_id) WHERE alternative_exercise_id IS NOT NULL`,
    `CREATE TABLE fitness_workouts (
      id INTEGER PRIMARY KEY,
      user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
      program_id INTEGER REFERENCES fitness_programs (id) ON DELETE SET NULL,
      workout_date TEXT NOT NULL ${isDate('workout_date', false)},
      workout_notes TEXT,
      total_duration_minutes INTEGER CHECK (total_duration_minutes IS NULL OR total_duration_minutes BETWEEN 0 AND 1440),
      created_at TEXT NOT NULL DEFAULT ${NOW}
    ) STRICT`,
    `CREATE INDEX workouts_user_date ON fitness_workouts (user_id, workout_date)`,
    `CREATE INDEX workouts_program ON fitness_workouts (program_id) WHERE program_id IS NOT NULL`,
    `CREATE TABLE fitness_exercise_logs (
      id INTEGER PRIMARY KEY,
      workout_id INTEGER NOT NULL REFERENCES fitness_workouts (id) ON DELETE CASCADE,
      exercise_id INTEGER NOT NULL REFERENCES fitness_exercises (id) ON DELETE RESTRICT,
      sets INTEGER NOT NULL CHECK (sets >= 1),
      reps INTEGER NOT NULL CHECK (reps >= 0),
      weight REAL CHECK (weight IS NULL OR weight >= 0),
      duration_seconds INTEGER CHECK (duration_seconds IS NULL OR duration_seconds >= 0),
      notes TEXT,
      created_at TEXT NOT NULL DEFAULT ${NOW}
    ) STRICT`,
    `CREATE INDEX exercise_logs_workout ON fitness_exercise_logs (workout_id)`,
    `CREATE INDEX exercise_logs_exercise ON fitness_exercise_logs (exercise_id, workout_id)`,
    `CREATE TABLE fitness_measurements (
      id INTEGER PRIMARY KEY,
      user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
      measurement_date TEXT NOT NULL ${isDate('measurement_date', false)},
      height REAL CHECK (height IS NULL OR height > 0),
      chest REAL CHECK (chest IS NULL OR chest > 0),
      bicep REAL CHECK (bicep IS NULL OR bicep > 0),
      tricep REAL CHECK (tricep IS NULL OR tricep > 0),
      thighs REAL CHECK (thighs IS NULL OR thighs > 0),
      calves REAL CHECK (calves IS NULL OR calves > 0),
      waist REAL CHECK (waist IS NULL OR waist > 0),
      neck REAL CHECK (neck IS NULL OR neck > 0),
      weight REAL CHECK (weight IS NULL OR weight > 0),
      body_fat_percentage REAL CHECK (body_fat_percentage IS NULL OR body_fat_percentage BETWEEN 0 AND 100),
      created_at TEXT NOT NULL DEFAULT ${NOW}
    ) STRICT`,
    `CREATE INDEX measurements_user_date ON fitness_measurements (user_id, measurement_date)`,
    `CREATE TABLE fitness_goals (
      id INTEGER PRIMARY KEY,
      user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
      goal_type TEXT NOT NULL,
      goal_target TEXT CHECK (goal_target IS NULL OR json_valid(goal_target)),
      goal_deadline TEXT ${isDate('goal_deadline')},
      goal_status TEXT NOT NULL DEFAULT 'active' ${oneOf('goal_status', GOAL_STATUSES, false)},
      created_at TEXT NOT NULL DEFAULT ${NOW},
      updated_at TEXT NOT NULL DEFAULT ${NOW}
    ) STRICT`,
    `CREATE INDEX goals_user ON fitness_goals (user_id, goal_status)`,
    `CREATE TABLE fitness_nutrition (
      id INTEGER PRIMARY KEY,
      user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
      nutrition_date TEXT NOT NULL ${isDate('nutrition_date', false)},
      calories INTEGER CHECK (calories IS NULL OR calories >= 0),
      protein_grams REAL CHECK (protein_grams IS NULL OR protein_grams >= 0),
      carbs_grams REAL CHECK (carbs_grams IS NULL OR carbs_grams >= 0),
      fat_grams REAL CHECK (fat_grams IS NULL OR fat_grams >= 0),
      water_ounces REAL CHECK (water_ounces IS NULL OR water_ounces >= 0),
      notes TEXT,
      created_at TEXT NOT NULL DEFAULT ${NOW}
    ) STRICT`,
    `CREATE INDEX nutrition_user_date ON fitness_nutrition (user_id, nutrition_date)`,
  ])
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, [
    `DROP TABLE fitness_nutrition`,
    `DROP TABLE fitness_goals`,
    `DROP TABLE fitness_measurements`,
    `DROP TABLE fitness_exercise_logs`,
    `DROP TABLE fitness_workouts`,
    `DROP TABLE fitness_program_exercises`,
    `DROP TABLE fitness_bands`,
    `DROP TABLE fitness_equipment`,
    `DROP TABLE fitness_exercises`,
    `DROP TABLE fitness_programs`,
  ])
}
