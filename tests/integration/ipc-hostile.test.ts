import fc from 'fast-check'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerFolderPicker, registerIpcAdapter } from '../../electron/adapters/ipc/adapter'
import { databaseChecksum } from '../../electron/services/db/checksum'
import { createAppRegistry } from '../../electron/services/handlers'
import { Session } from '../../electron/services/session'
import type { ProgressEvent } from '../../shared/api'
import { IPC_CALL, IPC_PICK_FOLDER } from '../../shared/bridge'
import { FakeIpcMain } from '../helpers/ipc'
import { useSuiteTempDir } from '../helpers/tmp'

const APP = 'app://logbook/index.html#/data'
const REFUSED_SENDER = {
  ok: false,
  error: { code: 'invalid_input', message: 'Calls are accepted only from the Logbook window' },
}

const tempDir = useSuiteTempDir()
const ipc = new FakeIpcMain()
const progress: ProgressEvent[] = []
let session: Session
const checksum = () => databaseChecksum(session.handle.sqlite)

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

describe('unknown senders are refused before anything runs', () => {
  it.each([
    'https://evil.example/',
    'http://127.0.0.1:5173/',
    'http://localhost/',
    'file:///tmp/page.html',
    'data:text/html,<script>1</script>',
    'about:blank',
    'javascript:alert(1)',
    'blob:app://logbook/5b1c',
    'app://logbook.evil/index.html',
    'app://logbook:8080/index.html',
    'app://evil/index.html',
    'app:logbook',
    'app:///index.html',
    'logbook://app/',
    'devtools://devtools/bundled/inspector.html',
    'chrome-extension://abcdef/page.html',
    '',
    'not a url',
  ])('a frame at %j', async (url) => {
    progress.length = 0
    const before = checksum()
    const outcome = await ipc.call(url, 'settings.update', { theme: 'dark' })
    expect(outcome).toEqual(REFUSED_SENDER)
    expect(checksum()).toBe(before)
    expect(progress).toEqual([])
  })

  it.each([
    ['no event', undefined],
    ['a null event', null],
    ['no frame', {}],
    ['a null frame', { senderFrame: null }],
    ['a frame without a URL', { senderFrame: {} }],
    ['a URL that is not text', { senderFrame: { url: 42 } }],
    ['a URL object that stringifies to the app', { senderFrame: { url: new URL(APP) } }],
    ['an object pretending to be the URL', { senderFrame: { url: { toString: () => APP } } }],
  ])('%s', async (_case, event) => {
    const before = checksum()
    expect(await ipc.send(IPC_CALL, event, 'settings.update', { theme: 'dark' })).toEqual(
      REFUSED_SENDER,
    )
    expect(checksum()).toBe(before)
  })

  it('any random frame URL outside the app origin is refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.webUrl(), fc.string()), async (url) => {
        fc.pre(!url.startsWith('app://logbook/') && url !== 'app://logbook')
        expect(await ipc.call(url, 'app.tableCounts', {})).toEqual(REFUSED_SENDER)
      }),
      { numRuns: 200 },
    )
  })
})

describe('unknown methods', () => {
  it.each([
    '',
    'app',
    'app.',
    '.status',
    'app.status ',
    ' app.status',
    'APP.STATUS',
    'app/status',
    'app.status\0',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'app.__proto__',
    'records.list.constructor',
    'x'.repeat(100_000),
  ])('%j is not found, with a short message', async (name) => {
    const outcome = await ipc.call(APP, name, {})
    expect(outcome).toMatchObject({ ok: false, error: { code: 'not_found' } })
    if (!outcome.ok) expect(outcome.error.message.length).toBeLessThan(200)
  })

  it.each([
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
    ['an object', { name: 'app.status' }],
    ['a list', ['app.status']],
    ['a boxed string', new String('app.status')],
  ])('a name that is %s is refused as invalid input', async (_case, name) => {
    expect(await ipc.call(APP, name, {})).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'Method name must be text' },
    })
  })

  it('random names are either a contract method or not found, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), async (name) => {
        const outcome = await ipc.call(APP, name, {})
        if (!outcome.ok) expect(['not_found', 'invalid_input']).toContain(outcome.error.code)
      }),
      { numRuns: 300 },
    )
  })
})

describe('payloads that are not objects', () => {
  const cyclic: Record<string, unknown> = { theme: 'dark' }
  cyclic.self = cyclic
  it.each([
    ['text', 'theme=dark'],
    ['a number', 42],
    ['NaN', Number.NaN],
    ['true', true],
    ['a list', [{ theme: 'dark' }]],
    ['a date', new Date(0)],
    ['a map', new Map([['theme', 'dark']])],
    ['a set', new Set(['dark'])],
    ['bytes', new Uint8Array([1, 2, 3])],
    ['a big integer', 10n],
    ['a cycle', cyclic],
  ])('%s is refused by settings.update, nothing stored', async (_case, payload) => {
    const before = checksum()
    const outcome = await ipc.call(APP, 'settings.update', payload)
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(checksum()).toBe(before)
  })

  it('null or no payload means no input: fine for a method that takes none', async () => {
    expect(await ipc.call(APP, 'settings.get', null)).toMatchObject({ ok: true })
    expect(await ipc.call(APP, 'settings.get', undefined)).toMatchObject({ ok: true })
  })

  it('a key set to undefined (structured clone keeps it) changes nothing', async () => {
    const before = checksum()
    const stored = await ipc.call(APP, 'settings.get', {})
    const outcome = await ipc.call(APP, 'settings.update', { weekStart: undefined })
    expect(outcome).toEqual(stored)
    expect(checksum()).toBe(before)
  })
})

describe('the folder dialog over IPC', () => {
  function pickerWith(answer: string | null) {
    const asked: string[] = []
    const picker = new FakeIpcMain()
    registerFolderPicker(picker, {
      appOrigin: 'app://logbook',
      pick: async (title) => {
        asked.push(title)
        return answer
      },
    })
    const ask = (event: unknown, title: unknown) => picker.send(IPC_PICK_FOLDER, event, title)
    return { ask, asked }
  }

  it('opens only for the app’s own window, and answers the chosen folder', async () => {
    const { ask, asked } = pickerWith('/home/me/archives')
    expect(await ask({ senderFrame: { url: APP } }, 'Archive into…')).toBe('/home/me/archives')
    expect(await ask({ senderFrame: { url: 'https://evil.example/' } }, 'x')).toBeNull()
    expect(await ask({ senderFrame: null }, 'x')).toBeNull()
    expect(await ask(undefined, 'x')).toBeNull()
    expect(asked).toEqual(['Archive into…'])
  })

  it('shows only a short text title, and answers null when the dialog is cancelled', async () => {
    const { ask, asked } = pickerWith(null)
    expect(await ask({ senderFrame: { url: APP } }, { toString: () => 'x' })).toBeNull()
    await ask({ senderFrame: { url: APP } }, 'a'.repeat(500))
    await ask({ senderFrame: { url: APP } }, '   ')
    expect(asked).toEqual(['Choose a folder', 'Choose a folder', 'Choose a folder'])
  })
})
