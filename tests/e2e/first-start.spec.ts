import { expect, test } from '@playwright/test'
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

/** Rows of data in the person's own file (settings and the rollups' one bookkeeping row aside). */
function rowsInOwnDatabase() {
  const sqlite = new BetterSqlite3(server.dbPath, { readonly: true })
  try {
    const tables = sqlite
      .prepare(
        `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%' AND name NOT IN ('app_settings', 'rollup_state')`,
      )
      .pluck()
      .all() as string[]
    return tables.reduce(
      (sum, name) =>
        sum + (sqlite.prepare(`SELECT count(*) FROM "${name}"`).pluck().get() as number),
      0,
    )
  } finally {
    sqlite.close()
  }
}

test('first start offers the demo, which opens a separate database and leaves the own one clean', async ({
  page,
}) => {
  await page.goto(server.url)
  await expect(page.getByRole('heading', { name: 'Welcome to Logbook' })).toBeVisible()
  // The token leaves the address bar once the page has it.
  expect(page.url()).not.toContain('token=')
  await screenshot(page, 'welcome', 'light')
  await screenshot(page, 'welcome', 'dark')

  await page.getByRole('button', { name: 'Explore with demo data' }).click()
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible({ timeout: 90_000 })
  await page.getByRole('link', { name: 'Data' }).click()
  await expect(page.getByTestId('database-badge')).toHaveText('Demo data')
  const eventRow = page.getByRole('row', { name: /^fct_event / })
  const events = Number((await eventRow.getByRole('cell').last().innerText()).replace(/\D/g, ''))
  expect(events).toBeGreaterThan(40_000)

  expect(rowsInOwnDatabase()).toBe(0)

  // Back to the person's own database: empty, and the welcome is not offered again.
  await page.getByRole('button', { name: 'Back to my data' }).click()
  await expect(page.getByTestId('database-badge')).toHaveText('Your database')
  await expect(page.getByText('This database is empty.')).toBeVisible()
  await page.reload()
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible()
  await page.getByRole('link', { name: 'Fitness' }).click()
  await expect(page.getByRole('heading', { name: 'Nothing here yet' })).toBeVisible()
  await screenshot(page, 'empty-fitness', 'light')
})

test('the API refuses calls without the token', async ({ request }) => {
  const response = await request.post(`${server.origin}/api/app.status`, { data: {} })
  expect(response.status()).toBe(401)
})
