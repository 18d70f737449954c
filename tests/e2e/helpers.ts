import { expect, type Page } from '@playwright/test'
import { mkdirSync } from 'node:fs'

export type Theme = 'light' | 'dark'

/** `screenshots/<name>-<theme>.png`, taken with the system set to that theme. */
export async function screenshot(page: Page, name: string, theme: Theme) {
  mkdirSync('screenshots', { recursive: true })
  await page.emulateMedia({ colorScheme: theme })
  await page.screenshot({ path: `screenshots/${name}-${theme}.png` })
}

/** Into the demo database: from the first-start welcome, or already there from a test before. */
export async function openDemo(page: Page, url: string) {
  await page.goto(url)
  const welcome = page.getByRole('button', { name: 'Explore with demo data' })
  const nav = page.getByRole('navigation', { name: 'Sections' })
  await expect(welcome.or(nav)).toBeVisible()
  if (await welcome.isVisible()) await welcome.click()
  await expect(nav).toBeVisible({ timeout: 90_000 })
  await expect(nav.getByText('Demo', { exact: true })).toBeVisible()
}
