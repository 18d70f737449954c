import { expect, test, type Page } from '@playwright/test'
import BetterSqlite3 from 'better-sqlite3'
import { screenshot } from './helpers'
import { startTestServer, type TestServer } from './server'

let server: TestServer

test.beforeAll(async () => {
  server = await startTestServer()
})
test.afterAll(async () => {
  await server.stop()
})

const KG_PER_LB = 0.45359237

async function call<T>(page: Page, method: string, data: unknown): Promise<T> {
  const response = await page.request.post(`${server.origin}/api/${method}`, {
    headers: { 'X-Logbook-Token': server.token },
    data,
  })
  const outcome = (await response.json()) as { ok: boolean; result?: T; error?: unknown }
  if (!outcome.ok) throw new Error(`${method} failed: ${JSON.stringify(outcome.error)}`)
  return outcome.result as T
}

const create = async (page: Page, entity: string, values: Record<string, unknown>) =>
  (await call<{ id: number }>(page, 'records.create', { entity, values })).id

/** Two exercises, a program whose day A has both, and one earlier workout to compare with. */
async function seed(page: Page) {
  await call(page, 'settings.update', { weightUnit: 'lb' })
  const squat = await create(page, 'fitness_exercises', {
    exercise_name: 'Back Squat',
    exercise_type: 'strength',
    body_part: 'legs',
  })
  const bench = await create(page, 'fitness_exercises', {
    exercise_name: 'Bench Press',
    exercise_type: 'strength',
    body_part: 'chest',
  })
  const row = await create(page, 'fitness_exercises', {
    exercise_name: 'Barbell Row',
    exercise_type: 'strength',
  })
  const program = await create(page, 'fitness_programs', {
    program_name: 'Five by five',
    program_type: 'strength',
    frequency: 3,
    status: 'active',
  })
  const prescribe = (day: string, exercise: number) =>
    create(page, 'fitness_program_exercises', {
      program_id: program,
      exercise_id: exercise,
      workout_day: day,
      recommended_sets: 3,
      recommended_reps: 5,
      recommended_volume: '3x5',
    })
  await prescribe('A', squat)
  await prescribe('A', bench)
  await prescribe('B', squat)
  await prescribe('B', row)
  await call(page, 'fitness.logWorkout', {
    date: '2025-01-06',
    programId: program,
    durationMinutes: 50,
    sets: [
      { exerciseId: squat, reps: 5, weight: 97.5 },
      { exerciseId: squat, reps: 5, weight: 97.5 },
      { exerciseId: squat, reps: 5, weight: 97.5 },
      { exerciseId: bench, reps: 5, weight: 60 },
      { exerciseId: bench, reps: 4, weight: 60 },
    ],
  })
  return { squat, bench, program }
}

function readDatabase<T>(read: (sqlite: BetterSqlite3.Database) => T): T {
  const sqlite = new BetterSqlite3(server.dbPath, { readonly: true })
  try {
    return read(sqlite)
  } finally {
    sqlite.close()
  }
}

const focusedLabel = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')

test('a program day is logged from the keyboard, saved in kg, and listed under Workouts', async ({
  page,
}) => {
  await page.goto(server.url)
  await page.getByRole('button', { name: 'Start with my own data' }).click()
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible()
  const ids = await seed(page)
  await page.reload()
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible()
  await page.evaluate(() => (window.location.hash = '#/fitness/workout'))

  // The first program day has focus: Enter starts it, and focus goes to the first set's reps.
  const dayA = page.getByRole('button', { name: /^Five by five: Day A/ })
  await expect(dayA).toBeFocused()
  await page.keyboard.press('Enter')
  const squatReps = page.getByLabel('Back Squat set 1 reps')
  await expect(squatReps).toBeFocused()
  // Last time's sets are beside each exercise, in pounds, with the day.
  const squatLastTime = page.getByRole('complementary', { name: 'Back Squat last time' })
  await expect(squatLastTime).toContainText('5 × 214.95 lb')
  await expect(squatLastTime).toContainText('2025')

  await page.keyboard.type('5')
  await page.keyboard.press('Tab')
  await page.keyboard.type('225')
  await page.keyboard.press('Enter')
  // Enter: the next set, pre-filled with the one before, its reps focused.
  await expect(page.getByLabel('Back Squat set 2 reps')).toBeFocused()
  await expect(page.getByLabel('Back Squat set 2 reps')).toHaveValue('5')
  await expect(page.getByLabel('Back Squat set 2 weight (lb)')).toHaveValue('225')
  await page.keyboard.press('Enter')
  await expect(page.getByLabel('Back Squat set 3 reps')).toBeFocused()
  await page.keyboard.type('4')
  // Down moves to the next exercise's first set.
  await page.keyboard.press('ArrowDown')
  expect(await focusedLabel(page)).toBe('Bench Press set 1 reps')
  await page.keyboard.type('8')
  await page.keyboard.press('Tab')
  await page.keyboard.type('135')
  await page.keyboard.press('Tab')
  await page.keyboard.type('paused reps')
  await page.keyboard.press('Enter')
  await expect(page.getByLabel('Bench Press set 2 reps')).toBeFocused()
  await expect(page.getByLabel('Bench Press set 2 notes')).toHaveValue('')

  // The whole workout from its top: both exercises with last time's sets.
  await page.locator('.workout').evaluate((element) => element.scrollTo(0, 0))
  await screenshot(page, 'workout', 'light')
  await screenshot(page, 'workout', 'dark')
  await page.emulateMedia({ colorScheme: 'light' })

  // Notes: Alt+A jumps to "Add exercise", Tab goes on to the notes.
  await page.keyboard.press('Alt+KeyA')
  await expect(page.getByRole('combobox', { name: 'Add exercise' })).toBeFocused()
  await page.keyboard.press('Tab')
  await page.keyboard.type('Felt strong today')

  // Escape asks before discarding; keeping is the default answer.
  await page.keyboard.press('Escape')
  const ask = page.getByRole('dialog', { name: 'Discard this workout?' })
  await expect(ask).toBeVisible()
  await expect(ask).toContainText('The 5 sets you logged will not be saved.')
  await expect(ask.getByRole('button', { name: 'Keep logging' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(ask).toBeHidden()
  await expect(page.getByLabel('Back Squat set 3 reps')).toHaveValue('4')

  // The workout survives leaving the page and coming back.
  await page.evaluate(() => (window.location.hash = '#/fitness/fitness_exercises'))
  await expect(page.getByRole('table', { name: 'Exercises' })).toBeVisible()
  await page.evaluate(() => (window.location.hash = '#/fitness/workout'))
  await expect(page.getByLabel('Bench Press set 1 notes')).toHaveValue('paused reps')
  // … and a reload of the window: the draft is kept in the window's storage.
  await page.reload()
  await expect(page.getByLabel('Back Squat set 3 reps')).toHaveValue('4')
  await expect(page.getByLabel('Bench Press set 1 notes')).toHaveValue('paused reps')
  await expect(page.getByLabel('Bench Press set 1 weight (lb)')).toHaveValue('135')

  await page.keyboard.press('Control+Enter')
  await expect(page.getByText('Workout saved: 5 sets of 2 exercises')).toBeVisible()
  await expect(page).toHaveURL(/#\/fitness\/fitness_workouts$/)
  await expect(
    page.getByRole('table', { name: 'Workouts' }).getByRole('row').filter({
      hasText: 'Felt strong today',
    }),
  ).toBeVisible()

  const saved = readDatabase((sqlite) => {
    const workout = sqlite
      .prepare(
        `SELECT id, program_id, workout_notes, total_duration_minutes FROM fitness_workouts
         WHERE workout_notes = 'Felt strong today'`,
      )
      .get() as { id: number; program_id: number; total_duration_minutes: number | null }
    const sets = sqlite
      .prepare(
        `SELECT exercise_id, sets, reps, weight, notes FROM fitness_exercise_logs
         WHERE workout_id = ? ORDER BY id`,
      )
      .all(workout.id) as {
      exercise_id: number
      sets: number
      reps: number
      weight: number
      notes: string | null
    }[]
    const events = sqlite
      .prepare(
        `SELECT user_id, source, properties FROM fct_event WHERE event_name = 'workout_logged'
         AND json_extract(properties, '$.key') = ?`,
      )
      .all(workout.id)
    return { workout, sets, events }
  })
  expect(saved.workout.program_id).toBe(ids.program)
  // The timer's minutes, as nobody typed a duration.
  expect(saved.workout.total_duration_minutes).toBeLessThanOrEqual(1)
  expect(saved.sets.map((s) => [s.exercise_id, s.sets, s.reps, s.notes])).toEqual([
    [ids.squat, 1, 5, null],
    [ids.squat, 1, 5, null],
    [ids.squat, 1, 4, null],
    [ids.bench, 1, 8, 'paused reps'],
    [ids.bench, 1, 8, null],
  ])
  const pounds = [225, 225, 225, 135, 135]
  saved.sets.forEach((s, i) => expect(s.weight).toBeCloseTo(pounds[i]! * KG_PER_LB, 3))
  expect(saved.events).toEqual([
    {
      user_id: 'me',
      source: 'web',
      properties: JSON.stringify({ table: 'fitness_workouts', key: saved.workout.id }),
    },
  ])
})

test('Escape then Discard throws the unsaved workout away, writing nothing', async ({ page }) => {
  await page.goto(server.url)
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible()
  await page.evaluate(() => (window.location.hash = '#/fitness/workout'))
  const count = () =>
    readDatabase(
      (sqlite) => sqlite.prepare('SELECT count(*) FROM fitness_workouts').pluck().get() as number,
    )
  const before = count()
  await page.getByRole('button', { name: 'Blank workout' }).click()
  const search = page.getByRole('combobox', { name: 'Add exercise' })
  await expect(search).toBeFocused()
  await page.keyboard.type('row')
  await expect(page.getByRole('option', { name: /Barbell Row/ })).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(page.getByLabel('Barbell Row set 1 reps')).toBeFocused()
  await page.keyboard.type('10')
  await page.keyboard.press('Escape')
  const ask = page.getByRole('dialog', { name: 'Discard this workout?' })
  await expect(ask).toContainText('The set you logged will not be saved.')
  await page.keyboard.press('Tab')
  await expect(ask.getByRole('button', { name: 'Discard workout' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('button', { name: 'Blank workout' })).toBeVisible()
  expect(count()).toBe(before)
  // Discarded for good: a reload does not bring it back.
  await page.reload()
  await expect(page.getByRole('button', { name: 'Blank workout' })).toBeVisible()
  await expect(page.getByLabel('Barbell Row set 1 reps')).toHaveCount(0)
})
