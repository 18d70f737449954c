import { expect, test, type Page } from '@playwright/test'
import BetterSqlite3 from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { startTestServer, type TestServer } from './server'

let server: TestServer

test.beforeAll(async () => {
  server = await startTestServer()
})
test.afterAll(async () => {
  await server.stop()
})

function rowsInOwnDatabase() {
  const sqlite = new BetterSqlite3(server.dbPath, { readonly: true })
  try {
    const tables = sqlite
      .prepare(
        `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%' AND name <> 'app_settings'`,
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

async function screenshot(page: Page, name: string) {
  mkdirSync('screenshots', { recursive: true })
  await page.screenshot({ path: `screenshots/${name}.png`, fullPage: false })
}

test('first start offers the demo, which opens a separate database and leaves the own one clean', async ({
  page,
}) => {
  await page.goto(server.url)
  await expect(page.getByRole('heading', { name: 'Welcome to Logbook' })).toBeVisible()
  // The token leaves the address bar once the page has it.
  expect(page.url()).not.toContain('token=')
  await page.emulateMedia({ colorScheme: 'light' })
  await screenshot(page, 'welcome-light')
  await page.emulateMedia({ colorScheme: 'dark' })
  await screenshot(page, 'welcome-dark')
  await page.emulateMedia({ colorScheme: 'light' })

  await page.getByRole('button', { name: 'Explore with demo data' }).click()
  await expect(page.getByTestId('database-badge')).toHaveText('Demo data', { timeout: 60_000 })
  const eventRow = page.getByRole('row', { name: /^fct_event / })
  await expect(eventRow).toBeVisible()
  const events = Number((await eventRow.getByRole('cell').last().innerText()).replace(/\D/g, ''))
  expect(events).toBeGreaterThan(40_000)
  await screenshot(page, 'data-light')

  expect(rowsInOwnDatabase()).toBe(0)

  // Back to the person's own database: empty, and the welcome is not offered again.
  await page.getByRole('button', { name: 'Back to my data' }).click()
  await expect(page.getByTestId('database-badge')).toHaveText('Your database')
  await expect(page.getByText('This database is empty.')).toBeVisible()
  await page.reload()
  await expect(page.getByTestId('database-badge')).toHaveText('Your database')
  await page.emulateMedia({ colorScheme: 'dark' })
  await screenshot(page, 'data-dark')
})

test('the API refuses calls without the token', async ({ request }) => {
  const response = await request.post(`${server.origin}/api/app.status`, { data: {} })
  expect(response.status()).toBe(401)
})
