import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerIpcAdapter } from '../../electron/adapters/ipc/adapter'
import { createAppRegistry } from '../../electron/services/handlers'
import { Session } from '../../electron/services/session'
import type { ProgressEvent } from '../../shared/api'
import { FakeIpcMain } from '../helpers/ipc'
import { useSuiteTempDir } from '../helpers/tmp'

const tempDir = useSuiteTempDir()
let session: Session
const ipc = new FakeIpcMain()
const progress: ProgressEvent[] = []

beforeAll(async () => {
  session = await Session.open(join(tempDir(), 'logbook.db'))
  registerIpcAdapter(ipc, {
    registry: createAppRegistry(),
    session,
    appOrigin: 'app://logbook',
    sendProgress: (event) => progress.push(event),
  })
})
afterAll(async () => {
  await session.close()
})

describe('the IPC adapter', () => {
  it('answers calls from the app’s own frame', async () => {
    const outcome = await ipc.call('app://logbook/index.html#/settings', 'settings.get', {})
    expect(outcome).toMatchObject({ ok: true, result: { sessionGapMinutes: 30 } })
  })

  it.each([
    ['a web page', 'https://evil.example/'],
    ['a file URL', 'file:///tmp/page.html'],
    ['a look-alike origin', 'app://logbook.evil/index.html'],
    ['no frame at all', null],
  ])('refuses calls from %s', async (_case, url) => {
    const outcome = await ipc.call(url, 'settings.get', {})
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Calls are accepted only from the Logbook window' },
    })
  })

  it('validates input with the contract and names the field', async () => {
    const outcome = await ipc.call('app://logbook/index.html', 'settings.update', {
      sessionGapMinutes: -5,
    })
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'sessionGapMinutes' },
    })
    const unknownKey = await ipc.call('app://logbook/index.html', 'settings.update', {
      colour: 'blue',
    })
    expect(unknownKey).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    const badName = await ipc.call('app://logbook/index.html', 42, {})
    expect(badName).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it('a refused settings change leaves the stored settings as they were', async () => {
    const before = await ipc.call('app://logbook/index.html', 'settings.get', {})
    const refused = await ipc.call('app://logbook/index.html', 'settings.update', {
      regularMinDays: 20,
      coreMinDays: 10,
    })
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'coreMinDays' },
    })
    expect(await ipc.call('app://logbook/index.html', 'settings.get', {})).toEqual(before)
  })

  it('reports progress of long jobs to the window', async () => {
    progress.length = 0
    const outcome = await ipc.call('app://logbook/index.html', 'settings.update', {
      sessionGapMinutes: 45,
    })
    expect(outcome).toMatchObject({ ok: true, result: { sessionGapMinutes: 45 } })
    expect(progress.map((p) => p.method)).toContain('settings.update')
  })
})
