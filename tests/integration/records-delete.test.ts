import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServiceContext } from '../../electron/services/context'
import { databaseChecksum } from '../../electron/services/db/checksum'
import { DERIVED_TABLES } from '../../electron/services/imports/upkeep'
import { generateDemoData } from '../../electron/services/demo'
import { createAppRegistry } from '../../electron/services/handlers'
import { invoke } from '../../electron/services/registry'
import { Session } from '../../electron/services/session'
import type { DeletePreview, RecordPage, RecordRow } from '../../shared/contract/records'
import type { ErrorInfo } from '../../shared/errors'
import { tableNames } from '../../shared/schema'
import { useSuiteTempDir } from '../helpers/tmp'

// The demo database: lists, previews, deletions and undo against realistic volumes.

const tempDir = useSuiteTempDir()
const registry = createAppRegistry()
let session: Session
let ctx: ServiceContext

beforeAll(async () => {
  session = await Session.open(join(tempDir(), 'demo.db'))
  generateDemoData(session.handle, {
    seed: 42,
    now: new Date('2025-06-15T10:30:00Z'),
    timeZone: 'Europe/Berlin',
  })
  ctx = { session, adapter: 'cli', progress: () => {} }
})
afterAll(async () => {
  await session.close()
})

const sqlite = () => session.handle.sqlite
const scalar = <T = number>(query: string, ...params: unknown[]) =>
  sqlite()
    .prepare(query)
    .pluck()
    .get(...params) as T

async function ok<T = RecordRow>(name: string, input: unknown): Promise<T> {
  const outcome = await invoke(registry, ctx, name, input)
  if (!outcome.ok) throw new Error(`${name} failed: ${JSON.stringify(outcome.error)}`)
  return outcome.result as T
}

async function fails(name: string, input: unknown): Promise<ErrorInfo> {
  const outcome = await invoke(registry, ctx, name, input)
  if (outcome.ok) throw new Error(`${name} succeeded but should have failed`)
  return outcome.error
}

const list = (input: Record<string, unknown>) => ok<RecordPage>('records.list', input)
const preview = (entity: string, key: unknown) =>
  ok<DeletePreview>('records.deletePreview', { entity, key })
const asMap = (counts: DeletePreview['goesWith']) =>
  Object.fromEntries(counts.map((c) => [c.table, c.rows]))

/**
 * Like databaseChecksum, but without the bookkeeping rows a write itself adds: events (and
 * actions) named record_*, and the rollups derived from the events, which count those events
 * (tests/integration/rollup-upkeep.paths.test.ts holds them against a full rebuild). What a
 * deletion and its undo leave must match what was there before.
 */
function contentChecksum(db = sqlite()) {
  const hash = createHash('sha256')
  const skip: Record<string, string> = {
    fct_event: `WHERE event_name NOT LIKE 'record\\_%' ESCAPE '\\'`,
    dim_actions: `WHERE action_type NOT LIKE 'record\\_%' ESCAPE '\\'`,
  }
  for (const table of tableNames) {
    if (DERIVED_TABLES.includes(table)) continue
    const key = (
      db.prepare(`SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk`).all(table) as {
        name: string
      }[]
    ).map((c) => `"${c.name}"`)
    const statement = db
      .prepare(
        `SELECT * FROM "${table}" ${skip[table] ?? ''} ORDER BY ${key.length > 0 ? key.join(', ') : 'rowid'}`,
      )
      .raw(true)
      .safeIntegers(true)
    hash.update(`table ${table}\n`)
    for (const row of statement.iterate() as IterableIterator<unknown[]>) {
      hash.update(
        `${row.map((v) => (typeof v === 'bigint' ? `i${v}` : `${typeof v}${JSON.stringify(v)}`)).join(',')}\n`,
      )
    }
  }
  return hash.digest('hex')
}

/** Deletes, checks what went, undoes, and checks that everything is back as it was. */
async function deleteAndUndo(entity: string, key: unknown, expectedRemoved: number) {
  const before = contentChecksum()
  const { undoToken, removed } = await ok<{ undoToken: string; removed: number }>(
    'records.delete',
    { entity, key },
  )
  expect(removed).toBe(expectedRemoved)
  expect((await fails('records.get', { entity, key })).code).toBe('not_found')
  expect(contentChecksum()).not.toBe(before)
  expect(await ok('records.undo', { token: undoToken })).toEqual({ restored: expectedRemoved })
  expect(contentChecksum()).toBe(before)
  const again = await fails('records.undo', { token: undoToken })
  expect(again.code).toBe('not_found')
  expect(again.message).toMatch(/^Nothing to undo/)
}

describe('records.list on the demo database', () => {
  it('pages through every set without overlap, whatever the sort', async () => {
    const total = scalar('SELECT count(*) FROM fitness_exercise_logs')
    for (const order of [{}, { sort: 'weight', direction: 'desc' }, { sort: 'reps' }]) {
      const seen = new Set<unknown>()
      let pages = 0
      for (let offset = 0; offset < total; offset += 500) {
        const page = await list({ entity: 'fitness_exercise_logs', offset, limit: 500, ...order })
        expect(page.total).toBe(total)
        expect(page.rows.length).toBe(Math.min(500, total - offset))
        for (const row of page.rows) seen.add(row.id)
        pages += 1
      }
      expect(seen.size).toBe(total)
      expect(pages).toBe(Math.ceil(total / 500))
    }
    const past = await list({ entity: 'fitness_exercise_logs', offset: total + 10 })
    expect(past).toEqual({ rows: [], total })
  })

  it('sorts by the chosen column with the key as tiebreak', async () => {
    const page = await list({
      entity: 'fitness_exercise_logs',
      sort: 'reps',
      direction: 'asc',
      limit: 500,
    })
    const pairs = page.rows.map((r) => [Number(r.reps), Number(r.id)] as const)
    const sorted = [...pairs].sort((a, b) => a[0] - b[0] || a[1] - b[1])
    expect(pairs).toEqual(sorted)
    const films = await list({ entity: 'media_movies', limit: 500 })
    const dates = films.rows.map((r) => String(r.watch_date ?? ''))
    expect(dates).toEqual([...dates].sort().reverse())
  })

  it('shows each reference’s label', async () => {
    const page = await list({ entity: 'fitness_exercise_logs', limit: 200 })
    const names = new Map(
      (
        sqlite().prepare('SELECT id, exercise_name FROM fitness_exercises').all() as {
          id: number
          exercise_name: string
        }[]
      ).map((e) => [e.id, e.exercise_name]),
    )
    for (const row of page.rows) {
      expect(row.exercise_id__label).toBe(names.get(Number(row.exercise_id)))
      expect(row.workout_id__label).toBe(
        scalar('SELECT workout_date FROM fitness_workouts WHERE id = ?', row.workout_id),
      )
    }
    const bookings = await list({ entity: 'class_bookings', limit: 50 })
    for (const row of bookings.rows) {
      expect(row.user_id__label).toBe(
        scalar('SELECT name FROM users WHERE user_id = ?', row.user_id),
      )
      expect(row.session_id__label).toBe(
        scalar('SELECT class_name FROM dim_class_session WHERE session_id = ?', row.session_id),
      )
    }
  })

  it('searches case-insensitively, with % and _ taken literally', async () => {
    const name = scalar<string>('SELECT exercise_name FROM fitness_exercises ORDER BY id LIMIT 1')
    const fragment = name.slice(1, 5).trim().toUpperCase()
    const page = await list({ entity: 'fitness_exercises', search: fragment, limit: 500 })
    const expected = scalar(
      `SELECT count(*) FROM fitness_exercises WHERE instr(lower(exercise_name), ?) > 0
         OR instr(lower(coalesce(body_part, '')), ?) > 0 OR instr(lower(coalesce(movement_type, '')), ?) > 0`,
      fragment.toLowerCase(),
      fragment.toLowerCase(),
      fragment.toLowerCase(),
    )
    expect(page.total).toBe(expected)
    expect(page.rows.map((r) => r.exercise_name)).toContain(name)

    const odd = await ok('records.create', {
      entity: 'media_movies',
      values: { title: '100% Wolf_Pack' },
    })
    const near = await ok('records.create', {
      entity: 'media_movies',
      values: { title: '1000 Wolfxpack' },
    })
    expect((await list({ entity: 'media_movies', search: '100%' })).rows.map((r) => r.id)).toEqual([
      odd.id,
    ])
    expect((await list({ entity: 'media_movies', search: 'F_P' })).rows.map((r) => r.id)).toEqual([
      odd.id,
    ])
    expect(
      (await list({ entity: 'media_movies', search: 'wolfXpack' })).rows.map((r) => r.id),
    ).toEqual([near.id])
    for (const film of [odd, near])
      await ok('records.delete', { entity: 'media_movies', key: film.id })
  })

  it('finds bookings by the member’s name', async () => {
    const member = sqlite()
      .prepare(
        `SELECT user_id, name FROM users WHERE user_id IN (SELECT user_id FROM class_bookings) LIMIT 1`,
      )
      .get() as { user_id: string; name: string }
    const page = await list({
      entity: 'class_bookings',
      search: member.name.toUpperCase(),
      limit: 500,
    })
    expect(page.total).toBeGreaterThanOrEqual(
      scalar('SELECT count(*) FROM class_bookings WHERE user_id = ?', member.user_id),
    )
    expect(
      page.rows.every((r) =>
        String(r.user_id__label).toLowerCase().includes(member.name.toLowerCase()),
      ),
    ).toBe(true)
  })
})

describe('records.deletePreview on the demo database', () => {
  it('lists a workout’s sets', async () => {
    const workout = sqlite()
      .prepare(
        'SELECT workout_id AS id, count(*) AS sets FROM fitness_exercise_logs GROUP BY workout_id ORDER BY sets DESC LIMIT 1',
      )
      .get() as { id: number; sets: number }
    expect(await preview('fitness_workouts', workout.id)).toEqual({
      title: scalar('SELECT workout_date FROM fitness_workouts WHERE id = ?', workout.id),
      goesWith: [{ table: 'fitness_exercise_logs', label: 'Sets', rows: workout.sets }],
      blockedBy: [],
    })
  })

  it('lists a member’s bookings, check-ins, events, sessions and days', async () => {
    const member = sqlite()
      .prepare(
        `SELECT id, user_id, name FROM users WHERE user_id <> 'me'
           AND user_id IN (SELECT user_id FROM fact_class_attendance)
         ORDER BY (SELECT count(*) FROM class_bookings b WHERE b.user_id = users.user_id) DESC LIMIT 1`,
      )
      .get() as { id: number; user_id: string; name: string }
    const expected = Object.fromEntries(
      (
        [
          [
            'class_bookings',
            scalar('SELECT count(*) FROM class_bookings WHERE user_id = ?', member.user_id),
          ],
          [
            'fact_class_attendance',
            scalar('SELECT count(*) FROM fact_class_attendance WHERE user_id = ?', member.user_id),
          ],
          ['fct_event', scalar('SELECT count(*) FROM fct_event WHERE user_id = ?', member.user_id)],
          [
            'fact_user_sessions',
            scalar('SELECT count(*) FROM fact_user_sessions WHERE user_key = ?', member.id),
          ],
          [
            'fact_daily_user_activity',
            scalar('SELECT count(*) FROM fact_daily_user_activity WHERE user_key = ?', member.id),
          ],
          [
            'user_sessions',
            scalar('SELECT count(*) FROM user_sessions WHERE user_id = ?', member.id),
          ],
        ] as [string, number][]
      ).filter(([, rows]) => rows > 0),
    )
    expect(expected.class_bookings).toBeGreaterThan(0)
    expect(expected.fact_class_attendance).toBeGreaterThan(0)
    expect(expected.fct_event).toBeGreaterThan(0)
    const result = await preview('users', member.id)
    expect(result.title).toBe(member.name)
    expect(asMap(result.goesWith)).toEqual(expected)
    expect(result.goesWith).toContainEqual({
      table: 'class_bookings',
      label: 'Bookings',
      rows: expected.class_bookings,
    })
    expect(result.goesWith).toContainEqual({
      table: 'fact_class_attendance',
      label: 'Check-ins',
      rows: expected.fact_class_attendance,
    })
    expect(result.goesWith).toContainEqual({
      table: 'fct_event',
      label: 'fct_event',
      rows: expected.fct_event,
    })
    expect(result.blockedBy).toEqual([])
  })

  it('says an exercise with logged sets is blocked, and its deletion changes nothing', async () => {
    const exercise = sqlite()
      .prepare(
        `SELECT e.id, e.exercise_name AS name, count(*) AS sets FROM fitness_exercises e
         JOIN fitness_exercise_logs l ON l.exercise_id = e.id GROUP BY e.id ORDER BY sets DESC LIMIT 1`,
      )
      .get() as { id: number; name: string; sets: number }
    const planned = scalar(
      'SELECT count(*) FROM fitness_program_exercises WHERE exercise_id = ?',
      exercise.id,
    )
    const result = await preview('fitness_exercises', exercise.id)
    expect(result.title).toBe(exercise.name)
    expect(result.goesWith).toEqual([])
    expect(asMap(result.blockedBy)).toEqual({
      fitness_exercise_logs: exercise.sets,
      ...(planned > 0 ? { fitness_program_exercises: planned } : {}),
    })

    const before = databaseChecksum(sqlite())
    const error = await fails('records.delete', { entity: 'fitness_exercises', key: exercise.id })
    expect(error.code).toBe('conflict')
    expect(error.message).toContain(`${exercise.name} cannot be deleted: `)
    expect(error.message).toContain(`${exercise.sets} sets`)
    expect(databaseChecksum(sqlite())).toBe(before)
  })

  it('says a location with classes is blocked', async () => {
    const location = sqlite()
      .prepare(
        'SELECT location_id AS id, count(*) AS classes FROM dim_class_session GROUP BY location_id LIMIT 1',
      )
      .get() as { id: string; classes: number }
    const result = await preview('dim_location', location.id)
    expect(result.blockedBy).toContainEqual({
      table: 'dim_class_session',
      label: 'Classes',
      rows: location.classes,
    })
  })
})

describe('records.delete and records.undo on the demo database', () => {
  it('deletes a workout with its sets and puts them back exactly', async () => {
    const workout = sqlite()
      .prepare(
        'SELECT workout_id AS id, count(*) AS sets FROM fitness_exercise_logs GROUP BY workout_id LIMIT 1',
      )
      .get() as { id: number; sets: number }
    const eventsBefore = scalar('SELECT max(event_key) FROM fct_event')
    await deleteAndUndo('fitness_workouts', workout.id, 1 + workout.sets)
    // The deletion itself is logged once, on the owner.
    expect(
      sqlite()
        .prepare('SELECT event_name, user_id FROM fct_event WHERE event_key > ?')
        .all(eventsBefore),
    ).toEqual([{ event_name: 'record_deleted', user_id: 'me' }])
  })

  it('deletes a member with their events and brings them back identical', async () => {
    const member = sqlite()
      .prepare(
        `SELECT id, user_id FROM users WHERE user_id <> 'me' ORDER BY (SELECT count(*) FROM fct_event e WHERE e.user_id = users.user_id) DESC LIMIT 1`,
      )
      .get() as { id: number; user_id: string }
    const eventsOf = () => {
      const hash = createHash('sha256')
      const rows = sqlite()
        .prepare('SELECT * FROM fct_event WHERE user_id = ? ORDER BY event_key')
        .raw(true)
        .safeIntegers(true)
        .all(member.user_id) as unknown[][]
      for (const row of rows) hash.update(row.map(String).join('|') + '\n')
      return { rows: rows.length, hash: hash.digest('hex') }
    }
    const events = eventsOf()
    expect(events.rows).toBeGreaterThan(100)
    const goes = (await preview('users', member.id)).goesWith.reduce((sum, c) => sum + c.rows, 0)
    const eventsBefore = scalar('SELECT max(event_key) FROM fct_event')

    const before = contentChecksum()
    const { undoToken, removed } = await ok<{ undoToken: string; removed: number }>(
      'records.delete',
      {
        entity: 'users',
        key: member.id,
      },
    )
    expect(removed).toBe(1 + goes)
    expect(eventsOf().rows).toBe(0)
    // A person's deletion logs nothing.
    expect(scalar('SELECT count(*) FROM fct_event WHERE event_key > ?', eventsBefore)).toBe(0)
    await ok('records.undo', { token: undoToken })
    expect(eventsOf()).toEqual(events)
    expect(contentChecksum()).toBe(before)
  })

  it('restores the columns SET NULL cleared (a class’s events, a person’s blog views)', async () => {
    const session = scalar<string>(
      `SELECT class_session_id FROM fct_event WHERE class_session_id IS NOT NULL GROUP BY class_session_id LIMIT 1`,
    )
    const cascade = (await preview('dim_class_session', session)).goesWith.reduce(
      (sum, c) => sum + c.rows,
      0,
    )
    await deleteAndUndo('dim_class_session', session, 1 + cascade)

    const reader = scalar<number>(
      `SELECT user_id FROM blog_analytics WHERE user_id IS NOT NULL AND user_id <> (SELECT id FROM users WHERE user_id = 'me') LIMIT 1`,
    )
    const readerGoes = (await preview('users', reader)).goesWith.reduce((sum, c) => sum + c.rows, 0)
    await deleteAndUndo('users', reader, 1 + readerGoes)
  })

  it('deletes and restores the owner with two years of records', async () => {
    const owner = scalar<number>(`SELECT id FROM users WHERE user_id = 'me'`)
    const result = await preview('users', owner)
    const goes = result.goesWith.reduce((sum, c) => sum + c.rows, 0)
    expect(asMap(result.goesWith)).toMatchObject({
      fitness_workouts: scalar('SELECT count(*) FROM fitness_workouts WHERE user_id = ?', owner),
      fitness_exercise_logs: scalar('SELECT count(*) FROM fitness_exercise_logs'),
      media_movies: scalar('SELECT count(*) FROM media_movies WHERE user_id = ?', owner),
    })
    await deleteAndUndo('users', owner, 1 + goes)
  })

  it('refuses a token it does not know, and keeps only the last 20 deletions', async () => {
    expect(await fails('records.undo', { token: 'no-such-token' })).toMatchObject({
      code: 'not_found',
    })
    const days = sqlite()
      .prepare('SELECT id FROM fitness_nutrition ORDER BY id LIMIT 21')
      .pluck()
      .all() as number[]
    const tokens: string[] = []
    for (const id of days) {
      tokens.push(
        (
          await ok<{ undoToken: string }>('records.delete', {
            entity: 'fitness_nutrition',
            key: id,
          })
        ).undoToken,
      )
    }
    expect((await fails('records.undo', { token: tokens[0]! })).code).toBe('not_found')
    for (const token of tokens.slice(1).reverse()) {
      expect(await ok('records.undo', { token })).toEqual({ restored: 1 })
    }
    expect(
      scalar(
        'SELECT count(*) FROM fitness_nutrition WHERE id IN (SELECT value FROM json_each(?))',
        JSON.stringify(days),
      ),
    ).toBe(20)
  })
})
