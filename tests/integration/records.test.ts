import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServiceContext } from '../../electron/services/context'
import { databaseChecksum } from '../../electron/services/db/checksum'
import { createAppRegistry } from '../../electron/services/handlers'
import { invoke } from '../../electron/services/registry'
import { Session } from '../../electron/services/session'
import type { DeletePreview, RecordPage, RecordRow } from '../../shared/contract/records'
import type { ErrorInfo } from '../../shared/errors'
import { dateKeyOf } from '../../shared/time'
import { useSuiteTempDir } from '../helpers/tmp'

const ZONE = 'Europe/Berlin'
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

const tempDir = useSuiteTempDir()
const registry = createAppRegistry()
let session: Session
let ctx: ServiceContext

beforeAll(async () => {
  session = await Session.open(join(tempDir(), 'records.db'))
  ctx = { session, adapter: 'cli', progress: () => {} }
  await ok('settings.update', { timeZone: ZONE })
})
afterAll(async () => {
  await session.close()
})

const sqlite = () => session.handle.sqlite

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

/** A call that must fail and leave every table exactly as it was. */
async function refused(name: string, input: unknown): Promise<ErrorInfo> {
  const before = databaseChecksum(sqlite())
  const error = await fails(name, input)
  expect(databaseChecksum(sqlite())).toBe(before)
  return error
}

interface EventRow {
  event_key: number
  user_id: string
  event_name: string
  event_ts: number
  ingested_at: number
  date_key: number
  source: string | null
  properties: string | null
}

const lastEventKey = () =>
  sqlite().prepare('SELECT coalesce(max(event_key), 0) FROM fct_event').pluck().get() as number

/** Runs a write and checks it logged exactly one event, for `person`, with `action`. */
async function expectOneEvent<T>(
  write: () => Promise<T>,
  expected: { action: string; person: string; table: string },
): Promise<T> {
  const since = lastEventKey()
  const result = await write()
  const added = sqlite()
    .prepare('SELECT * FROM fct_event WHERE event_key > ? ORDER BY event_key')
    .all(since) as EventRow[]
  expect(added).toHaveLength(1)
  const event = added[0]!
  expect(event).toMatchObject({
    event_name: expected.action,
    user_id: expected.person,
    source: 'api',
    date_key: dateKeyOf(event.event_ts, ZONE),
  })
  expect(event.ingested_at).toBe(event.event_ts)
  expect(Math.abs(event.event_ts - Date.now())).toBeLessThan(60_000)
  expect(JSON.parse(event.properties ?? '{}')).toMatchObject({ table: expected.table })
  return result
}

const action = (type: string) =>
  sqlite()
    .prepare(
      'SELECT action_category, engagement_weight, is_core_action FROM dim_actions WHERE action_type = ?',
    )
    .get(type)

const list = (input: Record<string, unknown>) => ok<RecordPage>('records.list', input)
const keysOf = (page: RecordPage, key = 'id') => page.rows.map((row) => row[key])

describe('records: exercises (fitness)', () => {
  it('creates, finds, edits and deletes an exercise, logging each write on the owner', async () => {
    const created = await expectOneEvent(
      () =>
        ok('records.create', {
          entity: 'fitness_exercises',
          values: {
            exercise_name: '  Bulgarian split squat ',
            exercise_type: 'strength',
            body_part: 'Legs',
            equipment_needed: 'Dumbbell, Bench',
          },
        }),
      { action: 'record_created', person: 'me', table: 'fitness_exercises' },
    )
    expect(created).toMatchObject({
      exercise_name: 'Bulgarian split squat',
      exercise_type: 'strength',
      body_part: 'Legs',
      movement_type: null,
      equipment_needed: '["Dumbbell","Bench"]',
    })
    expect(typeof created.id).toBe('number')
    // The owner is made the first time a write needs them.
    expect(sqlite().prepare(`SELECT username, name FROM users WHERE user_id = 'me'`).get()).toEqual(
      { username: 'me', name: 'Me' },
    )
    expect(action('record_created')).toEqual({
      action_category: 'logbook',
      engagement_weight: 0,
      is_core_action: 0,
    })

    await ok('records.create', {
      entity: 'fitness_exercises',
      values: { exercise_name: 'Plank', exercise_type: 'bodyweight', body_part: null },
    })
    expect(await ok('records.get', { entity: 'fitness_exercises', key: created.id })).toEqual(
      created,
    )
    expect(
      await ok('records.get', { entity: 'fitness_exercises', key: String(created.id) }),
    ).toEqual(created)

    const bySearch = await list({ entity: 'fitness_exercises', search: 'SPLIT sq' })
    expect(bySearch).toEqual({ rows: [created], total: 1 })
    expect(
      keysOf(await list({ entity: 'fitness_exercises', filters: { exercise_type: 'strength' } })),
    ).toEqual([created.id])
    expect(
      (await list({ entity: 'fitness_exercises', filters: { body_part: null } })).rows.map(
        (r) => r.exercise_name,
      ),
    ).toEqual(['Plank'])
    const sorted = await list({
      entity: 'fitness_exercises',
      sort: 'exercise_name',
      direction: 'desc',
    })
    expect(sorted.rows.map((r) => r.exercise_name)).toEqual(['Plank', 'Bulgarian split squat'])
    expect((await list({ entity: 'fitness_exercises' })).rows.map((r) => r.exercise_name)).toEqual([
      'Bulgarian split squat',
      'Plank',
    ])

    const updated = await expectOneEvent(
      () =>
        ok('records.update', {
          entity: 'fitness_exercises',
          key: created.id,
          values: { body_part: 'Quads', movement_type: 'squat' },
        }),
      { action: 'record_updated', person: 'me', table: 'fitness_exercises' },
    )
    expect(updated).toEqual({ ...created, body_part: 'Quads', movement_type: 'squat' })

    const deleted = await expectOneEvent(
      () =>
        ok<{ removed: number }>('records.delete', { entity: 'fitness_exercises', key: created.id }),
      { action: 'record_deleted', person: 'me', table: 'fitness_exercises' },
    )
    expect(deleted.removed).toBe(1)
    expect(await fails('records.get', { entity: 'fitness_exercises', key: created.id })).toEqual({
      code: 'not_found',
      message: `Exercise ${created.id} does not exist`,
    })
    expect((await list({ entity: 'fitness_exercises', search: 'split' })).total).toBe(0)
  })

  it('refuses a second exercise with the same name, whatever its case', async () => {
    await ok('records.create', {
      entity: 'fitness_exercises',
      values: { exercise_name: 'Squat', exercise_type: 'strength' },
    })
    const error = await refused('records.create', {
      entity: 'fitness_exercises',
      values: { exercise_name: 'squat', exercise_type: 'strength' },
    })
    expect(error).toEqual({
      code: 'conflict',
      message: 'An exercise named "Squat" already exists',
      field: 'exercise_name',
    })
    const plank = (await list({ entity: 'fitness_exercises', search: 'plank' })).rows[0]!
    const renamed = await refused('records.update', {
      entity: 'fitness_exercises',
      key: plank.id,
      values: { exercise_name: 'SQUAT' },
    })
    expect(renamed).toMatchObject({ code: 'conflict', field: 'exercise_name' })
  })
})

describe('records: invalid input names the field and changes nothing', () => {
  it.each([
    [
      'a missing required field',
      'fitness_exercises',
      { exercise_type: 'strength' },
      'exercise_name',
      'Name is required',
    ],
    [
      'a wrong type',
      'media_movies',
      { title: 'Heat', release_year: 'nineteen' },
      'release_year',
      'Year must be a number',
    ],
    [
      'a value out of range',
      'media_movies',
      { title: 'Heat', user_rating: 11 },
      'user_rating',
      'Your rating must be at most 10',
    ],
    [
      'a date that does not exist',
      'media_movies',
      { title: 'Heat', watch_date: '2025-02-30' },
      'watch_date',
      'Watched is not a real calendar date',
    ],
    [
      'an unknown field',
      'media_movies',
      { title: 'Heat', colour: 'red' },
      'colour',
      'Film has no field "colour"',
    ],
    [
      'an unknown choice',
      'fitness_exercises',
      { exercise_name: 'Row', exercise_type: 'yoga' },
      'exercise_type',
      undefined,
    ],
  ])('%s', async (_case, entity, values, field, message) => {
    const error = await refused('records.create', { entity, values })
    expect(error).toMatchObject({ code: 'invalid_input', field })
    if (message) expect(error.message).toContain(message)
  })

  it('a read-only entity', async () => {
    const error = await refused('records.create', {
      entity: 'media_analytics',
      values: { media_type: 'film' },
    })
    expect(error).toMatchObject({ code: 'invalid_input', field: 'entity' })
  })

  it('a reference to a record that does not exist', async () => {
    const error = await refused('records.create', {
      entity: 'blog_posts',
      values: { title: 'Hello', category: 'No such category' },
    })
    expect(error).toEqual({
      code: 'invalid_input',
      message: 'Category "No such category" does not exist',
      field: 'category',
    })
  })

  it('a rule only the database knows (a class bookable after it starts)', async () => {
    const location = await ok('records.create', {
      entity: 'dim_location',
      values: { location_name: 'Rule studio' },
    })
    const error = await refused('records.create', {
      entity: 'dim_class_session',
      values: {
        class_code: 'R1',
        class_name: 'Rules',
        datetime: '2025-05-01T10:00:00Z',
        release_timestamp: '2025-05-02T10:00:00Z',
        duration_mins: 60,
        location_id: location.location_id,
      },
    })
    expect(error).toEqual({
      code: 'invalid_input',
      message: 'Bookable from cannot be after starts',
      field: 'release_timestamp',
    })
  })

  it('an edit of a record that does not exist', async () => {
    expect(
      await refused('records.update', {
        entity: 'media_movies',
        key: 999_999,
        values: { title: 'X' },
      }),
    ).toEqual({ code: 'not_found', message: 'Film 999999 does not exist' })
    expect(await refused('records.delete', { entity: 'dim_account', key: 'acct-nope' })).toEqual({
      code: 'not_found',
      message: 'Account acct-nope does not exist',
    })
  })

  it('a sort or filter column the entity does not have', async () => {
    expect(await fails('records.list', { entity: 'media_movies', sort: 'user_id' })).toMatchObject({
      code: 'invalid_input',
      field: 'sort',
    })
    expect(
      await fails('records.list', {
        entity: 'media_movies',
        filters: { 'title; DROP TABLE users': 1 },
      }),
    ).toMatchObject({ code: 'invalid_input' })
  })
})

describe('records: films (media)', () => {
  it('belong to the owner and log film_logged', async () => {
    const film = await expectOneEvent(
      () =>
        ok('records.create', {
          entity: 'media_movies',
          values: {
            title: 'Heat',
            genre: 'Crime',
            release_year: 1995,
            rating: 8.3,
            user_rating: 9,
            watch_date: '2025-03-01',
            watch_duration_minutes: 170,
            platform: 'Cinema',
          },
        }),
      { action: 'film_logged', person: 'me', table: 'media_movies' },
    )
    // The month's media period is derived from the new film at once.
    const period = () =>
      sqlite()
        .prepare(
          `SELECT total_consumption_hours AS hours, favorite_genre AS genre FROM media_analytics
           WHERE media_type = 'movie' AND period_start_date = '2025-03-01'`,
        )
        .get() as { hours: number; genre: string } | undefined
    expect(period()).toEqual({ hours: expect.closeTo(170 / 60, 2) as number, genre: 'Crime' })
    expect(film).toMatchObject({ title: 'Heat', rating: 8.3, user_rating: 9, director: null })
    expect(action('film_logged')).toEqual({
      action_category: 'media',
      engagement_weight: 1,
      is_core_action: 1,
    })
    const stored = sqlite()
      .prepare(
        `SELECT m.user_id = u.id AS owned, m.created_at FROM media_movies m, users u WHERE m.id = ? AND u.user_id = 'me'`,
      )
      .get(film.id) as { owned: number; created_at: string }
    expect(stored.owned).toBe(1)
    expect(stored.created_at).toMatch(ISO_MS)

    expect(keysOf(await list({ entity: 'media_movies', filters: { genre: 'Crime' } }))).toEqual([
      film.id,
    ])
    expect(keysOf(await list({ entity: 'media_movies', search: 'heat' }))).toEqual([film.id])

    const updated = await expectOneEvent(
      () =>
        ok('records.update', {
          entity: 'media_movies',
          key: film.id,
          values: { director: 'Michael Mann', genre: '' },
        }),
      { action: 'record_updated', person: 'me', table: 'media_movies' },
    )
    expect(updated).toMatchObject({ director: 'Michael Mann', genre: null })
    await expectOneEvent(() => ok('records.delete', { entity: 'media_movies', key: film.id }), {
      action: 'record_deleted',
      person: 'me',
      table: 'media_movies',
    })
    expect((await fails('records.get', { entity: 'media_movies', key: film.id })).code).toBe(
      'not_found',
    )
    expect(period()).toBeUndefined()
  })
})

describe('records: blog posts with a category', () => {
  it('shows the category, stamps the update, and survives the category’s deletion and undo', async () => {
    const category = await ok('records.create', {
      entity: 'blog_categories',
      values: { category_name: 'Travel', category_description: 'Trips' },
    })
    const post = await expectOneEvent(
      () =>
        ok('records.create', {
          entity: 'blog_posts',
          values: { title: 'Lisbon in March', category: 'Travel', status: 'draft' },
        }),
      { action: 'post_published', person: 'me', table: 'blog_posts' },
    )
    expect(post.blog_id).toMatch(/^post-[0-9a-f-]{36}$/)
    expect(post).toMatchObject({
      title: 'Lisbon in March',
      category: 'Travel',
      category__label: 'Travel',
      status: 'draft',
    })
    expect(post.date_created).toMatch(ISO_MS)
    expect(post.date_updated).toBe(post.date_created)

    const page = await list({ entity: 'blog_posts', filters: { category: 'Travel' } })
    expect(page.rows).toEqual([post])
    expect((await list({ entity: 'blog_posts', search: 'LISBON' })).total).toBe(1)

    await new Promise((resolve) => setTimeout(resolve, 5))
    const edited = await expectOneEvent(
      () =>
        ok('records.update', {
          entity: 'blog_posts',
          key: post.blog_id,
          values: { status: 'published' },
        }),
      { action: 'record_updated', person: 'me', table: 'blog_posts' },
    )
    expect(edited.status).toBe('published')
    expect(String(edited.date_updated) > String(post.date_updated)).toBe(true)
    expect(edited.date_updated).toMatch(ISO_MS)

    // Deleting the category leaves the post uncategorised (SET NULL): not listed, but undone.
    const preview = await ok<DeletePreview>('records.deletePreview', {
      entity: 'blog_categories',
      key: category.id,
    })
    expect(preview).toEqual({ title: 'Travel', goesWith: [], blockedBy: [] })
    const before = [rowsOf('blog_categories'), rowsOf('blog_posts')]
    const { undoToken, removed } = await ok<{ undoToken: string; removed: number }>(
      'records.delete',
      {
        entity: 'blog_categories',
        key: category.id,
      },
    )
    expect(removed).toBe(1)
    expect(
      (await ok('records.get', { entity: 'blog_posts', key: post.blog_id })).category,
    ).toBeNull()
    expect(await ok('records.undo', { token: undoToken })).toEqual({ restored: 1 })
    expect((await ok('records.get', { entity: 'blog_posts', key: post.blog_id })).category).toBe(
      'Travel',
    )
    expect([rowsOf('blog_categories'), rowsOf('blog_posts')]).toEqual(before)
  })
})

/** Every row of a table, all columns, in key order. */
const rowsOf = (table: string) => sqlite().prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()

describe('records: classes (studio)', () => {
  it('fills the calendar columns in the reporting zone, across a DST change', async () => {
    const location = await ok('records.create', {
      entity: 'dim_location',
      values: { location_name: 'Riverside', city: 'Berlin' },
    })
    expect(location.location_id).toMatch(/^loc-[0-9a-f-]{36}$/)
    const calendar = (key: unknown) =>
      sqlite()
        .prepare(
          'SELECT week_number, year, month, day_of_week, is_weekend FROM dim_class_session WHERE session_id = ?',
        )
        .get(key)

    // 22:30 UTC on Sunday 30 March 2025 is 00:30 on Monday 31 March in Berlin (summer time).
    const yoga = await expectOneEvent(
      () =>
        ok('records.create', {
          entity: 'dim_class_session',
          values: {
            class_code: 'YIN-01',
            class_name: 'Yin Yoga',
            datetime: '2025-03-30T22:30:00Z',
            duration_mins: 60,
            location_id: location.location_id,
            capacity: 12,
          },
        }),
      { action: 'record_created', person: 'me', table: 'dim_class_session' },
    )
    expect(yoga.session_id).toMatch(/^class-/)
    expect(yoga.location_id__label).toBe('Riverside')
    expect(calendar(yoga.session_id)).toEqual({
      week_number: 14,
      year: 2025,
      month: 3,
      day_of_week: 'Monday',
      is_weekend: 0,
    })

    // 23:30 UTC on Saturday 29 March is 00:30 on Sunday 30 March in Berlin (still winter time).
    await ok('records.update', {
      entity: 'dim_class_session',
      key: yoga.session_id,
      values: { datetime: '2025-03-30T00:30:00+01:00' },
    })
    expect(calendar(yoga.session_id)).toEqual({
      week_number: 13,
      year: 2025,
      month: 3,
      day_of_week: 'Sunday',
      is_weekend: 1,
    })
    // New Year's Eve in UTC is New Year's Day in Berlin: another year, ISO week 1.
    const moved = await ok('records.update', {
      entity: 'dim_class_session',
      key: yoga.session_id,
      values: { datetime: '2024-12-31T23:30:00.000Z' },
    })
    expect(moved.datetime).toBe('2024-12-31T23:30:00.000Z')
    expect(calendar(yoga.session_id)).toEqual({
      week_number: 1,
      year: 2025,
      month: 1,
      day_of_week: 'Wednesday',
      is_weekend: 0,
    })
    // An edit that leaves the time alone leaves the calendar alone.
    await ok('records.update', {
      entity: 'dim_class_session',
      key: yoga.session_id,
      values: { capacity: 14 },
    })
    expect(calendar(yoga.session_id)).toMatchObject({ year: 2025, month: 1 })

    expect(
      keysOf(
        await list({ entity: 'dim_class_session', filters: { location_id: location.location_id } }),
        'session_id',
      ),
    ).toEqual([yoga.session_id])
    expect(
      keysOf(await list({ entity: 'dim_class_session', search: 'yin' }), 'session_id'),
    ).toEqual([yoga.session_id])

    // A location with classes cannot go.
    const preview = await ok<DeletePreview>('records.deletePreview', {
      entity: 'dim_location',
      key: location.location_id,
    })
    expect(preview).toEqual({
      title: 'Riverside',
      goesWith: [],
      blockedBy: [{ table: 'dim_class_session', label: 'Classes', rows: 1 }],
    })
    expect(
      await refused('records.delete', { entity: 'dim_location', key: location.location_id }),
    ).toEqual({
      code: 'conflict',
      message: 'Riverside cannot be deleted: 1 class uses it',
    })

    await expectOneEvent(
      () => ok('records.delete', { entity: 'dim_class_session', key: yoga.session_id }),
      {
        action: 'record_deleted',
        person: 'me',
        table: 'dim_class_session',
      },
    )
    expect(
      (await fails('records.get', { entity: 'dim_class_session', key: yoga.session_id })).code,
    ).toBe('not_found')
  })
})

describe('records: people', () => {
  it('derives the name, the person id and a unique username; logs on the person', async () => {
    const idBefore = lastEventKey()
    const ada = await ok('records.create', {
      entity: 'users',
      values: {
        first_name: 'Ada',
        last_name: 'Lovelace',
        email: 'ada@example.com',
        is_active: true,
      },
    })
    expect(ada).toMatchObject({ name: 'Ada Lovelace', username: 'ada', is_active: 1 })
    expect(ada.user_id).toMatch(/^person-[0-9a-f-]{36}$/)
    const event = sqlite()
      .prepare('SELECT * FROM fct_event WHERE event_key > ?')
      .all(idBefore) as EventRow[]
    expect(event).toMatchObject([{ event_name: 'record_created', user_id: ada.user_id }])

    const ada2 = await ok('records.create', {
      entity: 'users',
      values: { first_name: 'Ada', email: 'Ada@Other.org' },
    })
    expect(ada2).toMatchObject({ name: 'Ada', username: 'ada2' })
    const grace = await ok('records.create', { entity: 'users', values: { name: 'Grace Hopper' } })
    expect(grace).toMatchObject({ name: 'Grace Hopper', username: 'gracehopper', email: null })
    const given = await ok('records.create', {
      entity: 'users',
      values: { name: 'Linus', user_id: 'imported-42', username: 'linus' },
    })
    expect(given).toMatchObject({ user_id: 'imported-42', username: 'linus' })

    expect(
      await refused('records.create', {
        entity: 'users',
        values: { name: 'Ada again', email: 'ada@example.com' },
      }),
    ).toEqual({
      code: 'conflict',
      message: 'A person with email "ada@example.com" already exists',
      field: 'email',
    })
    expect(
      await refused('records.create', { entity: 'users', values: { tdee: 200 } }),
    ).toMatchObject({ code: 'invalid_input', field: 'tdee' })

    const updatedBefore = sqlite()
      .prepare('SELECT updated_at FROM users WHERE id = ?')
      .pluck()
      .get(ada.id) as string
    await new Promise((resolve) => setTimeout(resolve, 5))
    const edited = await expectOneEvent(
      () =>
        ok('records.update', {
          entity: 'users',
          key: ada.id,
          values: { city: 'London', user_id: '', username: null },
        }),
      { action: 'record_updated', person: String(ada.user_id), table: 'users' },
    )
    expect(edited).toMatchObject({ city: 'London', user_id: ada.user_id, username: 'ada' })
    const updatedAfter = sqlite()
      .prepare('SELECT updated_at FROM users WHERE id = ?')
      .pluck()
      .get(ada.id) as string
    expect(updatedAfter).toMatch(ISO_MS)
    expect(updatedAfter > updatedBefore).toBe(true)

    expect(keysOf(await list({ entity: 'users', search: 'LOVELACE' }))).toEqual([ada.id])
    expect(keysOf(await list({ entity: 'users', search: 'other.org' }))).toEqual([ada2.id])
    expect(
      (await list({ entity: 'users', filters: { is_active: '1' } })).total,
    ).toBeGreaterThanOrEqual(4)

    // A person's own deletion logs no event: their row is gone.
    const eventsBefore = lastEventKey()
    await ok('records.delete', { entity: 'users', key: grace.id })
    expect(lastEventKey()).toBe(eventsBefore)
  })
})

describe('records: accounts (analytics)', () => {
  it('creates with defaults, filters on a boolean and deletes', async () => {
    const account = await expectOneEvent(
      () =>
        ok('records.create', {
          entity: 'dim_account',
          values: { account_name: 'Acme', plan_tier: 'pro' },
        }),
      { action: 'record_created', person: 'me', table: 'dim_account' },
    )
    expect(account).toMatchObject({
      account_name: 'Acme',
      plan_tier: 'pro',
      region: null,
      is_active: 1,
    })
    expect(account.account_id).toMatch(/^acct-/)
    expect(
      keysOf(await list({ entity: 'dim_account', filters: { is_active: 1 } }), 'account_id'),
    ).toEqual([account.account_id])
    const off = await ok('records.update', {
      entity: 'dim_account',
      key: account.account_id,
      values: { is_active: false },
    })
    expect(off.is_active).toBe(0)
    expect((await list({ entity: 'dim_account', filters: { is_active: 1 } })).total).toBe(0)
    await expectOneEvent(
      () => ok('records.delete', { entity: 'dim_account', key: account.account_id }),
      {
        action: 'record_deleted',
        person: 'me',
        table: 'dim_account',
      },
    )
    expect((await list({ entity: 'dim_account' })).total).toBe(0)
  })
})

describe('records: class bookings', () => {
  it('logs every write on the booked member, and refuses a second booking of the same class', async () => {
    const member = await ok('records.create', {
      entity: 'users',
      values: { first_name: 'Mia', last_name: 'Wong', email: 'mia@example.com' },
    })
    const location = await ok('records.create', {
      entity: 'dim_location',
      values: { location_name: 'Loft' },
    })
    const session = await ok('records.create', {
      entity: 'dim_class_session',
      values: {
        class_code: 'HIIT-1',
        class_name: 'HIIT',
        datetime: '2025-03-05T18:00:00Z',
        duration_mins: 45,
        location_id: location.location_id,
      },
    })
    const person = String(member.user_id)
    const booking = await expectOneEvent(
      () =>
        ok('records.create', {
          entity: 'class_bookings',
          values: {
            user_id: person,
            session_id: session.session_id,
            booked_at: '2025-03-01T10:00:00+01:00',
          },
        }),
      { action: 'class_booked', person, table: 'class_bookings' },
    )
    expect(action('class_booked')).toEqual({
      action_category: 'studio',
      engagement_weight: 1,
      is_core_action: 1,
    })
    expect(booking).toMatchObject({
      booked_at: '2025-03-01T09:00:00.000Z',
      status: 'booked',
      source: null,
      user_id__label: 'Mia Wong',
      session_id__label: 'HIIT',
    })
    expect(booking.booking_id).toMatch(/^booking-/)
    expect(keysOf(await list({ entity: 'class_bookings', search: 'mia w' }), 'booking_id')).toEqual(
      [booking.booking_id],
    )
    expect(
      keysOf(
        await list({
          entity: 'class_bookings',
          filters: { session_id: String(session.session_id) },
        }),
        'booking_id',
      ),
    ).toEqual([booking.booking_id])

    expect(
      await refused('records.create', {
        entity: 'class_bookings',
        values: {
          user_id: person,
          session_id: session.session_id,
          booked_at: '2025-03-02T10:00:00Z',
        },
      }),
    ).toEqual({
      code: 'conflict',
      message: 'A booking with this member and class already exists',
      field: 'user_id',
    })
    expect(
      await refused('records.create', {
        entity: 'class_bookings',
        values: {
          user_id: 'nobody',
          session_id: session.session_id,
          booked_at: '2025-03-02T10:00:00Z',
        },
      }),
    ).toEqual({
      code: 'invalid_input',
      message: 'Member "nobody" does not exist',
      field: 'user_id',
    })

    const cancelled = await expectOneEvent(
      () =>
        ok('records.update', {
          entity: 'class_bookings',
          key: booking.booking_id,
          values: { status: 'cancelled' },
        }),
      { action: 'record_updated', person, table: 'class_bookings' },
    )
    expect(cancelled.status).toBe('cancelled')
    await expectOneEvent(
      () => ok('records.delete', { entity: 'class_bookings', key: booking.booking_id }),
      {
        action: 'record_deleted',
        person,
        table: 'class_bookings',
      },
    )
    expect((await list({ entity: 'class_bookings', filters: { user_id: person } })).total).toBe(0)
  })
})

describe('records.list on 100,000 rows', () => {
  // Speed is measured by bench/records-list.ts; this checks the answers on a large table.
  it('pages, searches, filters and sorts', async () => {
    const big = await Session.open(join(tempDir(), 'big.db'))
    try {
      big.handle.sqlite.exec(`
        INSERT INTO users (user_id, username) VALUES ('me', 'me');
        INSERT INTO fitness_exercises (exercise_name, exercise_type) VALUES ('Squat', 'strength'), ('Row', 'strength');
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 364)
          INSERT INTO fitness_workouts (user_id, workout_date) SELECT 1, date('2024-01-01', '+' || i || ' days') FROM n;
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
          INSERT INTO fitness_exercise_logs (workout_id, exercise_id, sets, reps, weight, notes)
          SELECT 1 + i % 365, 1 + i % 2, 1 + i % 5, i % 12, (i % 80) * 2.5,
                 CASE WHEN i % 1000 = 0 THEN 'felt 100% strong' WHEN i % 7 = 0 THEN 'felt 1000 strong' END
          FROM n;
      `)
      const bigCtx: ServiceContext = { session: big, adapter: 'cli', progress: () => {} }
      const page = async (input: Record<string, unknown>) => {
        const outcome = await invoke(registry, bigCtx, 'records.list', {
          entity: 'fitness_exercise_logs',
          ...input,
        })
        if (!outcome.ok) throw new Error(JSON.stringify(outcome.error))
        return outcome.result as RecordPage
      }
      expect((await page({})).total).toBe(100_000)
      const last = await page({ offset: 99_950, limit: 100 })
      expect(last.rows).toHaveLength(50)
      expect(last.rows[0]!.exercise_id__label).toMatch(/^(Squat|Row)$/)
      expect((await page({ search: '100%' })).total).toBe(100)
      expect((await page({ sort: 'weight', direction: 'desc', offset: 50_000 })).rows).toHaveLength(
        100,
      )
      const filtered = await page({ filters: { exercise_id: 2, workout_id: 10 }, sort: 'reps' })
      expect(filtered.total).toBe(
        big.handle.sqlite
          .prepare(
            'SELECT count(*) FROM fitness_exercise_logs WHERE exercise_id = 2 AND workout_id = 10',
          )
          .pluck()
          .get(),
      )
    } finally {
      await big.close()
    }
  })
})
