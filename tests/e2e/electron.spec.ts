import { _electron as electron, expect, test } from '@playwright/test'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ROOT = join(import.meta.dirname, '..', '..')
const ELECTRON_DIR = join(ROOT, 'node_modules', 'electron')

/** The Electron binary, if it was ever downloaded (looking must not trigger the download). */
function electronBinary(): { path: string } | { missing: string } {
  const pathFile = join(ELECTRON_DIR, 'path.txt')
  if (!existsSync(pathFile))
    return { missing: 'node_modules/electron/path.txt is absent: the binary was never downloaded' }
  const binary = join(ELECTRON_DIR, 'dist', readFileSync(pathFile, 'utf8'))
  return existsSync(binary) ? { path: binary } : { missing: `${binary} does not exist` }
}

test('the desktop app starts, shows the welcome and talks to the services over IPC', async () => {
  const found = electronBinary()
  if ('missing' in found) {
    const reason = `Electron is not available on this machine (${found.missing}); it downloads on first run, which needs the internet.`
    console.log(`skipped: ${reason}`)
    test.skip(true, reason)
    return
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'logbook-electron-'))
  const app = await electron.launch({
    executablePath: found.path,
    args: [ROOT],
    env: { ...process.env, LOGBOOK_DB: join(dataDir, 'logbook.db') },
  })
  try {
    const window = await app.firstWindow()
    await expect(window.getByRole('heading', { name: 'Welcome to Logbook' })).toBeVisible()
    expect(
      await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require),
    ).toBe('undefined')
    await window.getByRole('button', { name: 'Start with my own data' }).click()
    await expect(window.getByRole('navigation', { name: 'Sections' })).toBeVisible()
  } finally {
    await app.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
