import { expect, test, type Page } from '@playwright/test'
import BetterSqlite3 from 'better-sqlite3'
import { dateKeyOf, isoWeekNumber, isoWeekday } from '../../shared/time'
import { screenshot } from './helpers'
import { startTestServer, type TestServer } from './server'

const MIN = 60_000
const HOUR = 60 * MIN

let server: TestServer

test.beforeAll(async () => {
  server = await startTestServer()
})
test.afterAll(async () => {
  await server.stop()
})

type Row = Record<string, unknown>

async function call<T = Row>(name: string, input: unknown): Promise<T> {
  const response = await fetch(`${server.origin}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Logbook-Token': server.token },
    body: JSON.stringify(input),
  })
  const outcome = (await response.json()) as { ok: boolean; result?: T; error?: unknown }
  if (!outcome.ok) throw new Error(`${name}: ${JSON.stringify(outcome.error)}`)
  return outcome.result as T
}

const localHour = (ms: number, timeZone: string) =>
  Number(
    new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(ms),
  )

/**
 * The settings' zone, unless it is too late in its day for classes 90 minutes to 4 hours from
 * now; then a zone where it is daytime (the test is about the desk, not about midnight).
 */
async function studioZone(now: number): Promise<string> {
  const { timeZone } = await call<{ timeZone: string }>('settings.get', {})
  if (localHour(now, timeZone) <= 18) return timeZone
  const zones = ['UTC', 'Asia/Tokyo', 'America/New_York', 'Pacific/Honolulu', 'Asia/Kolkata']
  const daytime = zones.find((zone) => localHour(now, zone) >= 6 && localHour(now, zone) <= 18)
  if (!daytime) throw new Error('no daytime zone found')
  await call('settings.update', { timeZone: daytime })
  return daytime
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

interface Studio {
  classId: string
  members: Record<string, string>
}

/** A location, four members and two classes later today, through the records API. */
async function createStudio(now: number, timeZone: string): Promise<Studio> {
  const central = await call('records.create', {
    entity: 'dim_location',
    values: { location_name: 'Central Studio', city: 'Bristol' },
  })
  const riverside = await call('records.create', {
    entity: 'dim_location',
    values: { location_name: 'Riverside Loft', city: 'Bristol' },
  })
  const people: [string, string, string, string][] = [
    ['Ana', 'Lima', 'ana.lima@example.com', '+44 7700 900101'],
    ['Ben', 'Okafor', 'ben.okafor@example.com', '+44 7700 900202'],
    ['Cleo', 'Park', 'cleo.park@example.com', '+44 7700 900303'],
    ['Dev', 'Patel', 'dev.patel@example.com', '+44 7700 900404'],
  ]
  const members: Record<string, string> = {}
  for (const [first, last, email, phone] of people) {
    const row = await call('records.create', {
      entity: 'users',
      values: { first_name: first, last_name: last, email, phone_number: phone, role: 'member' },
    })
    members[first] = String(row.user_id)
  }
  const start = Math.ceil((now + 90 * MIN) / (15 * MIN)) * 15 * MIN
  const vinyasa = await call('records.create', {
    entity: 'dim_class_session',
    values: {
      class_code: 'VIN-01',
      class_name: 'Vinyasa Flow',
      instructor_name: 'Maya Chen',
      location_id: central.location_id,
      datetime: new Date(start).toISOString(),
      duration_mins: 60,
      capacity: 12,
      release_timestamp: new Date(now - 24 * HOUR).toISOString(),
    },
  })
  await call('records.create', {
    entity: 'dim_class_session',
    values: {
      class_code: 'SPN-02',
      class_name: 'Spin',
      instructor_name: 'Tom Reyes',
      location_id: riverside.location_id,
      datetime: new Date(start + HOUR + 15 * MIN).toISOString(),
      duration_mins: 45,
      capacity: 20,
    },
  })
  // The service fills the calendar columns from the local date; check it did.
  const key = dateKeyOf(start, timeZone)
  const calendar = query<Row>(
    `SELECT week_number, day_of_week FROM dim_class_session WHERE session_id = ?`,
    vinyasa.session_id,
  )[0]
  expect(calendar).toEqual({
    week_number: isoWeekNumber(key),
    day_of_week: WEEKDAYS[isoWeekday(key) - 1],
  })
  return { classId: String(vinyasa.session_id), members }
}

function query<T>(sql: string, ...params: unknown[]): T[] {
  const sqlite = new BetterSqlite3(server.dbPath, { readonly: true })
  try {
    return sqlite.prepare(sql).all(...params) as T[]
  } finally {
    sqlite.close()
  }
}

async function findMember(page: Page, text: string, name: string) {
  const search = page.getByRole('combobox', { name: 'Find a member' })
  await search.fill(text)
  await expect(page.getByRole('option', { name: new RegExp(name) })).toHaveAttribute(
    'aria-selected',
    'true',
  )
  return search
}

test('the front desk books, checks in by keyboard and by click, undoes and late-cancels', async ({
  page,
}) => {
  await page.goto(server.url)
  await page.getByRole('button', { name: 'Start with my own data' }).click()
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible()

  const now = Date.now()
  const timeZone = await studioZone(now)
  const { classId, members } = await createStudio(now, timeZone)

  await page.goto(`${server.origin}/#/studio/check-in`)
  const classes = page.getByRole('listbox', { name: 'Today’s classes' })
  await expect(classes.getByRole('option')).toHaveCount(2)
  // The first class not yet over is chosen for the desk.
  await expect(classes.getByRole('option', { selected: true })).toContainText('Vinyasa Flow')
  await expect(page.getByRole('heading', { name: /Vinyasa Flow/ })).toBeVisible()
  await expect(page.getByText('No one is booked or checked in yet.')).toBeVisible()

  // Book Ana with a click, Ben and Dev with Shift+Enter.
  await findMember(page, 'ana', 'Ana Lima')
  await page.getByRole('button', { name: 'Book Ana Lima' }).click()
  await expect(
    page.getByText('Ana Lima is booked into Vinyasa Flow (1 of 12 places taken).'),
  ).toBeVisible()
  const search = await findMember(page, 'okaf', 'Ben Okafor')
  await search.press('Shift+Enter')
  await expect(page.getByText('Ben Okafor is booked into Vinyasa Flow')).toBeVisible()
  await findMember(page, '900404', 'Dev Patel') // by phone
  await search.press('Shift+Enter')
  await expect(page.getByText('Dev Patel is booked into Vinyasa Flow')).toBeVisible()
  const roster = page.getByRole('table', { name: 'Class list' })
  await expect(roster.getByRole('row')).toHaveCount(4)

  // Check in a booked member with the keyboard only: type-ahead, then Enter.
  await findMember(page, 'ana', 'Ana Lima')
  await search.press('Enter')
  await expect(page.getByText('Ana Lima is checked in to Vinyasa Flow.')).toBeVisible()
  await expect(search).toHaveValue('')
  await expect(search).toBeFocused()
  await expect(roster.getByRole('row', { name: /Ana Lima/ })).toContainText('Checked in')

  // Twice is refused, and said so.
  await findMember(page, 'ana', 'Ana Lima')
  await search.press('Enter')
  await expect(page.getByText(/Ana Lima is already checked in to Vinyasa Flow/)).toBeVisible()
  await search.press('Escape')

  // A walk-in with a click, then undo it from the list.
  await findMember(page, 'cle', 'Cleo Park')
  await page.getByRole('button', { name: 'Check in Cleo Park' }).click()
  await expect(
    page.getByText('Cleo Park is checked in to Vinyasa Flow as a walk-in.'),
  ).toBeVisible()
  await expect(roster.getByRole('row', { name: /Cleo Park/ })).toContainText('Walk-in')
  await roster.getByRole('button', { name: 'Undo check-in of Cleo Park' }).click()
  await expect(page.getByText('Cleo Park is no longer checked in to Vinyasa Flow.')).toBeVisible()
  await expect(roster.getByRole('row', { name: /Cleo Park/ })).toHaveCount(0)

  // Ben cancels 90 minutes before the start: inside the 12-hour window, so a late cancel.
  await roster.getByRole('button', { name: "Cancel Ben Okafor's booking" }).click()
  await expect(page.getByText(/It counts as a late cancel/)).toBeVisible()
  await expect(roster.getByRole('row', { name: /Ben Okafor/ })).toContainText('Late cancel')

  // The class's counts in the day's list follow at once.
  const selected = classes.getByRole('option', { selected: true })
  await expect(selected).toHaveAccessibleName(/2 booked, 1 checked in, 12 places/)

  // What the database holds now.
  const attendance = query<Row>(
    `SELECT user_id, location_id, class_datetime, source FROM fact_class_attendance WHERE session_id = ?`,
    classId,
  )
  const [klass] = query<Row>(
    `SELECT location_id, datetime FROM dim_class_session WHERE session_id = ?`,
    classId,
  )
  expect(attendance).toEqual([
    {
      user_id: members.Ana,
      location_id: klass!.location_id,
      class_datetime: klass!.datetime,
      source: 'web',
    },
  ])
  const bookings = query<Row>(
    `SELECT user_id, status FROM class_bookings WHERE session_id = ? ORDER BY booked_at`,
    classId,
  )
  expect(bookings).toEqual([
    { user_id: members.Ana, status: 'booked' },
    { user_id: members.Ben, status: 'late_cancel' },
    { user_id: members.Dev, status: 'booked' },
  ])
  const events = query<Row>(
    `SELECT user_id, event_name, source, location_id, class_datetime, properties
     FROM fct_event WHERE class_session_id = ? ORDER BY event_key`,
    classId,
  )
  expect(events.map((e) => [e.event_name, e.user_id])).toEqual([
    ['class_booked', members.Ana],
    ['class_booked', members.Ben],
    ['class_booked', members.Dev],
    ['class_checked_in', members.Ana],
    ['class_cancelled', members.Ben],
  ])
  expect(events.every((e) => e.source === 'web' && e.location_id === klass!.location_id)).toBe(true)
  expect(JSON.parse(String(events[4]!.properties))).toMatchObject({ late: true })

  // Screenshots with the class chosen, its list showing every state, once the toasts are gone.
  await search.fill('')
  await expect(page.locator('[data-sonner-toast]')).toHaveCount(0, { timeout: 15_000 })
  await screenshot(page, 'checkin', 'light')
  await screenshot(page, 'checkin', 'dark')
})

test('a weekly series is previewed, then created in one go', async ({ page }) => {
  await page.goto(server.url)
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible()
  await page.goto(`${server.origin}/#/studio/series`)
  const form = page.getByRole('form', { name: 'Weekly series' })
  await expect(form).toBeVisible()
  await form.getByLabel('Class name').fill('Yin Yoga')
  await form.getByLabel('Class code').fill('YIN-03')
  await form.getByLabel('Instructor', { exact: true }).fill('Maya Chen')
  await form.getByLabel('Location').selectOption({ label: 'Central Studio (Bristol)' })
  await form.getByLabel('First date').fill('2030-03-03')
  await form.getByLabel('Start time').fill('19:15')
  await form.getByLabel('Number of weeks').fill('0')
  await page.getByRole('button', { name: 'Preview dates' }).click()
  await expect(form.getByText('Number of weeks must be at least 1')).toBeVisible()

  await form.getByLabel('Number of weeks').fill('4')
  await page.getByRole('button', { name: 'Preview dates' }).click()
  const preview = page.getByRole('table', { name: /4 Yin Yoga classes at Central Studio/ })
  await expect(preview.getByRole('row')).toHaveCount(5)
  await page.screenshot({ path: 'test-results/series-preview.png' })
  await page.getByRole('button', { name: 'Create 4 classes' }).click()
  await expect(page.getByText(/^Created 4 Yin Yoga classes, every Sunday from/)).toBeVisible()

  const rows = query<Row>(
    `SELECT datetime, day_of_week, series_id FROM dim_class_session WHERE class_code = 'YIN-03' ORDER BY datetime`,
  )
  expect(rows).toHaveLength(4)
  expect(new Set(rows.map((r) => r.series_id)).size).toBe(1)
  expect(rows.every((r) => r.day_of_week === 'Sunday')).toBe(true)
})
