import { expect, test, type Page } from '@playwright/test'
import BetterSqlite3 from 'better-sqlite3'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { tables } from '../../shared/schema'
import { screenshot } from './helpers'
import { startTestServer, type TestServer } from './server'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'imports', 'e2e')
const fixture = (name: string) => join(FIXTURES, name)

let server: TestServer
let scratch: string

test.beforeAll(async () => {
  server = await startTestServer()
  scratch = mkdtempSync(join(tmpdir(), 'logbook-import-e2e-'))
})
test.afterAll(async () => {
  await server.stop()
  rmSync(scratch, { recursive: true, force: true })
})

function query<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[] {
  const sqlite = new BetterSqlite3(server.dbPath, { readonly: true })
  try {
    return sqlite.prepare(sql).all(...params) as T[]
  } finally {
    sqlite.close()
  }
}

const rowCount = (table: string) =>
  query<{ n: number }>(`SELECT count(*) AS n FROM "${table}"`)[0]!.n

/** The app on the person's own (empty) database, at an address under #/. */
async function open(page: Page, hash: string) {
  await page.goto(server.url)
  const welcome = page.getByRole('button', { name: 'Start with my own data' })
  const nav = page.getByRole('navigation', { name: 'Sections' })
  await expect(welcome.or(nav)).toBeVisible()
  if (await welcome.isVisible()) await welcome.click()
  await expect(nav).toBeVisible()
  await page.goto(`${server.origin}/#${hash}`)
}

/** The rows column of a table on Data › Overview. */
function countCell(page: Page, table: string) {
  return page
    .getByRole('table', { name: 'Rows in every table and view' })
    .getByRole('row', { name: new RegExp(`^${table}\\b`) })
    .locator('td.num')
}

/** Screenshots once the toasts have gone, so they show the page and not a passing message. */
async function screenshots(page: Page, name: string) {
  await expect(page.locator('[data-sonner-toast]')).toHaveCount(0, { timeout: 15_000 })
  for (const theme of ['light', 'dark'] as const) await screenshot(page, name, theme)
}

test('a Letterboxd diary: preview, remap, import, rejects, history and undo', async ({ page }) => {
  await open(page, '/data')
  // The menu's Import… opens Data: it leads to the import at once.
  await page.getByRole('link', { name: 'Import a file' }).click()
  await expect(page).toHaveURL(/#\/data\/import$/)
  await expect(page.getByRole('list', { name: 'Import steps' })).toContainText('Choose a file')

  // Pick the file with the button (as the keyboard would), not by drop.
  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Choose a file…' }).focus()
  await page.keyboard.press('Enter')
  await (await chooser).setFiles(fixture('diary.csv'))

  // What was detected, and why.
  const readAs = page.getByLabel('Read as')
  await expect(readAs.locator('option:checked')).toHaveText(/Letterboxd/)
  await expect(page.getByTestId('preset-reason')).toContainText(/Letterboxd/i)
  const detected = page.getByRole('region', { name: 'What Logbook found' })
  await expect(detected).toContainText('UTF-8')
  await expect(detected).toContainText(/comma/i)

  // The first rows with each column's field, and the bad rating marked.
  const table = page.getByRole('table', { name: /rows as .* reads them/ })
  await expect(table.getByRole('row')).toHaveCount(5)
  await expect(table.getByRole('columnheader', { name: /^Rating/ })).toContainText('→')
  await expect(table.getByRole('columnheader', { name: /^Letterboxd URI/ })).toBeVisible()
  const bad = table.locator('td.problem')
  await expect(bad).toHaveCount(1)
  await expect(bad).toHaveText('7.5')
  expect(await bad.getAttribute('title')).toBeTruthy()
  await expect(table.getByRole('row').last()).toHaveClass(/rejected/)
  await expect(page.getByRole('list', { name: 'Problems in the preview' })).toContainText(
    /Line 5\s*Rating\s*“?7\.5/,
  )
  // The screenshot starts at what was detected, so the rows and the bad rating are in it too.
  await detected.evaluate((element) => element.scrollIntoView({ block: 'start' }))
  await screenshots(page, 'import-preview')

  // Remap: the field the "Watched Date" column feeds now reads the "Date" column instead.
  const mapping = page.getByRole('region', { name: 'Columns' })
  const watched = mapping
    .locator('.mapping-row')
    .filter({ has: page.locator('option:checked', { hasText: /^Watched Date$/ }) })
    .locator('select')
  await expect(watched).toHaveCount(1)
  const field = (await watched.getAttribute('aria-label'))!.replace(/^Column for /, '')
  await watched.selectOption('Date')
  await expect(mapping.getByLabel(`Column for ${field}`, { exact: true })).toHaveValue('Date')
  await expect(table.getByRole('columnheader', { name: /^Watched Date/ })).toContainText('ignored')
  await expect(table.getByRole('columnheader', { name: /^Date/ })).toContainText(field)

  // Import.
  await page.getByRole('button', { name: 'Import diary.csv' }).click()
  const summary = page.getByRole('region', { name: 'Imported diary.csv' })
  await expect(summary).toBeVisible({ timeout: 30_000 })
  await expect(page.getByTestId('count-inserted')).toContainText('3')
  await expect(page.getByTestId('count-duplicates')).toContainText('0')
  await expect(page.getByTestId('count-skipped')).toContainText('0')
  await expect(page.getByTestId('count-rejected')).toContainText('1')
  const rejects = summary.getByRole('table', { name: 'Rejected rows' })
  await expect(rejects.getByRole('row')).toHaveCount(2)
  await expect(rejects.getByRole('row').nth(1)).toContainText(/5\s*Rating\s*7\.5/)

  // The remap took: the films carry the diary's Date column, not its Watched Date.
  const films = query<{ title: string; watch_date: string }>(
    'SELECT title, watch_date FROM media_movies ORDER BY watch_date',
  )
  expect(films.map((f) => f.title)).toEqual(['Dune: Part Two', 'Past Lives', 'Perfect Days'])
  expect(films.map((f) => f.watch_date)).toEqual(['2024-03-02', '2024-03-10', '2024-03-16'])

  // Save the rejects: a CSV of the refused row.
  const download = page.waitForEvent('download')
  await summary.getByRole('button', { name: 'Save rejects as CSV' }).click()
  const saved = await download
  expect(saved.suggestedFilename()).toBe('diary-rejects.csv')
  const csv = readFileSync(await saved.path(), 'utf8').split('\r\n')
  expect(csv[0]).toBe('line,column,value,reason')
  expect(csv[1]).toMatch(/^5,Rating,7\.5,.+/)
  expect(csv.filter((line) => line !== '')).toHaveLength(2)
  await screenshots(page, 'import-summary')

  // The table counts follow.
  const tabs = page.getByRole('navigation', { name: 'Data pages' })
  await tabs.getByRole('link', { name: 'Overview' }).click()
  await expect(countCell(page, 'media_movies')).toHaveText('3')

  // History lists it; undo it from there.
  await tabs.getByRole('link', { name: 'Import history' }).click()
  const history = page.getByRole('table', { name: 'Past imports, newest first' })
  const row = history.getByRole('row', { name: /diary\.csv/ })
  await expect(row).toContainText(/Letterboxd/)
  await expect(row).toContainText('Imported')
  await expect(row.locator('td.num').nth(0)).toHaveText('3')
  await expect(row.locator('td.num').nth(2)).toHaveText('1')
  await screenshots(page, 'import-history')

  await row.getByRole('button', { name: /^Undo the import of diary\.csv/ }).click()
  const confirm = page.getByRole('dialog', { name: 'Undo this import?' })
  await expect(confirm).toBeVisible()
  // Escape keeps it; then undo for real.
  await page.keyboard.press('Escape')
  await expect(confirm).toBeHidden()
  expect(rowCount('media_movies')).toBe(3)
  await row.getByRole('button', { name: /^Undo the import of diary\.csv/ }).click()
  await confirm.getByRole('button', { name: 'Undo import' }).click()
  await expect(page.getByText(/^Undid the import of diary\.csv: \d+ rows? removed/)).toBeVisible()
  await expect(row).toContainText('Undone')
  await expect(row.getByRole('button')).toHaveCount(0)
  expect(rowCount('media_movies')).toBe(0)

  await tabs.getByRole('link', { name: 'Overview' }).click()
  await expect(countCell(page, 'media_movies')).toHaveText('0')
})

test('a Strong export dropped on the page imports its workout and sets', async ({ page }) => {
  await open(page, '/data/import')
  const text = readFileSync(fixture('strong.csv'), 'utf8')
  const dataTransfer = await page.evaluateHandle((content) => {
    const transfer = new DataTransfer()
    transfer.items.add(new File([content], 'strong.csv', { type: 'text/csv' }))
    return transfer
  }, text)
  const zone = page.getByTestId('drop-zone')
  await zone.dispatchEvent('dragenter', { dataTransfer })
  await expect(zone).toHaveClass(/over/)
  await zone.dispatchEvent('drop', { dataTransfer })

  await expect(page.getByLabel('Read as').locator('option:checked')).toHaveText(/Strong/)
  const table = page.getByRole('table', { name: /rows as .* reads them/ })
  await expect(table.getByRole('row')).toHaveCount(4)
  await expect(table.getByRole('columnheader', { name: /^Exercise Name/ })).toContainText('→')
  await expect(table.locator('td.problem')).toHaveCount(0)

  const before = rowCount('fitness_exercise_logs')
  await page.getByRole('button', { name: 'Import strong.csv' }).click()
  await expect(page.getByRole('region', { name: 'Imported strong.csv' })).toBeVisible({
    timeout: 30_000,
  })
  await expect(page.getByTestId('count-rejected')).toContainText('0')
  expect(rowCount('fitness_exercise_logs') - before).toBe(3)
  const workouts = query<{ workout_date: string }>(
    `SELECT DISTINCT w.workout_date FROM fitness_workouts w
     JOIN fitness_exercise_logs l ON l.workout_id = w.id`,
  )
  expect(workouts.map((w) => w.workout_date)).toContain('2024-05-06')

  // Importing the same file again adds nothing: every row is already there.
  await page.getByRole('button', { name: 'Import another file' }).click()
  await page.getByLabel('CSV file to import').setInputFiles(fixture('strong.csv'))
  await page.getByRole('button', { name: 'Import strong.csv' }).click()
  await expect(page.getByTestId('count-inserted')).toContainText('0', { timeout: 30_000 })
  await expect(page.getByTestId('count-duplicates')).not.toContainText(/^\s*0\s*$/)
  expect(rowCount('fitness_exercise_logs') - before).toBe(3)
})

test('an empty file says so, and another file can be chosen', async ({ page }) => {
  await open(page, '/data/import')
  await page.getByLabel('CSV file to import').setInputFiles(fixture('empty.csv'))
  const alert = page.getByRole('alert')
  await expect(alert).toContainText('empty.csv is empty')
  await expect(page.getByRole('button', { name: /^Import / })).toHaveCount(0)
  await page.getByRole('button', { name: 'Choose another file' }).click()
  await expect(page.getByRole('button', { name: 'Choose a file…' })).toBeVisible()
  await expect(page.getByRole('alert')).toHaveCount(0)
})

test('a long import shows its progress and can be cancelled; nothing is written', async ({
  page,
}) => {
  test.setTimeout(180_000)
  const rows = 300_000
  const start = Date.UTC(2024, 0, 1)
  const lines = ['user_id,event_name,event_ts']
  for (let i = 0; i < rows; i++) {
    const ts = new Date(start + i * 7_000).toISOString()
    lines.push(`u${i % 997},${i % 3 === 0 ? 'page_view' : 'button_click'},${ts}`)
  }
  const file = join(scratch, 'events.csv')
  writeFileSync(file, lines.join('\n') + '\n')
  const eventsBefore = rowCount('fct_event')

  await open(page, '/data/import')
  await page.getByLabel('CSV file to import').setInputFiles(file)
  // A file this size is sent in chunks, with its own progress.
  await expect(page.getByLabel('Read as').locator('option:checked')).toHaveText(/event/i, {
    timeout: 60_000,
  })
  await page.getByRole('button', { name: 'Import events.csv' }).click()
  const bar = page.getByRole('progressbar', { name: 'Importing events.csv' })
  await expect(bar).toBeVisible()
  await expect(page.getByText(/rows\/s/)).toBeVisible({ timeout: 30_000 })
  await page.getByRole('button', { name: 'Cancel import' }).click()

  await expect(
    page.getByRole('status').filter({ hasText: /cancelled; nothing was written/ }),
  ).toBeVisible({
    timeout: 30_000,
  })
  await expect(bar).toBeHidden()
  // Back on the preview: the same file can be imported after all.
  await expect(page.getByRole('button', { name: 'Import events.csv' })).toBeEnabled()
  expect(rowCount('fct_event')).toBe(eventsBefore)
  expect(query('SELECT id FROM imports WHERE file_name = ?', 'events.csv')).toEqual([])
})

test('a table exports as CSV, with a date range and a byte-order mark', async ({ page }) => {
  await open(page, '/data')
  // A location to export, through the records API.
  const response = await page.request.post(`${server.origin}/api/records.create`, {
    headers: { 'X-Logbook-Token': server.token },
    data: { entity: 'dim_location', values: { location_name: 'Central Studio', city: 'Bristol' } },
  })
  expect(response.ok()).toBe(true)
  await page.reload()

  await page.getByRole('button', { name: 'Export dim_location as CSV' }).click()
  const dialog = page.getByRole('dialog', { name: 'Export dim_location as CSV' })
  await expect(dialog).toBeVisible()
  // A table without dates offers no range: the dialog says so instead of refusing one later.
  await expect(dialog).toContainText('has no date of its own')
  await expect(dialog.getByLabel('From (optional)')).toHaveCount(0)
  await dialog.getByLabel('Byte-order mark for spreadsheets').check()
  const download = page.waitForEvent('download')
  await dialog.getByRole('button', { name: 'Export CSV' }).click()
  const saved = await download
  expect(saved.suggestedFilename()).toBe('dim_location.csv')
  const bytes = readFileSync(await saved.path())
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const [header, first] = bytes.subarray(3).toString('utf8').split('\r\n')
  expect(header).toBe(Object.keys(tables.dim_location).join(','))
  expect(first).toContain('Central Studio')
  await expect(dialog).toBeHidden()
  await expect(page.getByText(/^Saved 1 row of dim_location as dim_location\.csv/)).toBeVisible()

  // Escape closes the dialog, and focus goes back to where it was.
  const button = page.getByRole('button', { name: 'Export fct_event as CSV' })
  await button.click()
  const events = page.getByRole('dialog', { name: 'Export fct_event as CSV' })
  await expect(events).toBeVisible()
  await expect(events.getByLabel('From (optional)')).toBeFocused()
  // A range with its days in the wrong order is refused before anything is asked of the service.
  await events.getByLabel('From (optional)').fill('2024-02-01')
  await events.getByLabel('To (optional)').fill('2024-01-01')
  await events.getByRole('button', { name: 'Export CSV' }).click()
  await expect(events.getByRole('alert')).toContainText('first day comes after the last day')
  await screenshots(page, 'export-dialog')
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await expect(button).toBeFocused()
})

test('the import history says when there is nothing yet', async ({ page }) => {
  // A fresh server: this database has never imported anything.
  const fresh = await startTestServer()
  try {
    await page.goto(fresh.url)
    await page.getByRole('button', { name: 'Start with my own data' }).click()
    await page.goto(`${fresh.origin}/#/data/history`)
    const empty = page.getByRole('region', { name: 'No imports yet' })
    await expect(empty).toBeVisible()
    await empty.getByRole('link', { name: 'Import a file' }).click()
    await expect(page).toHaveURL(/#\/data\/import$/)
  } finally {
    await fresh.stop()
  }
})
