import { describe, expect, it } from 'vitest'
import { handlerModules } from '../../electron/services/handlers'
import { createRegistry, invoke, type HandlerModule } from '../../electron/services/registry'
import type { ServiceContext } from '../../electron/services/context'

describe('the handler registry', () => {
  it('refuses a method registered twice, at start-up', () => {
    expect(() =>
      createRegistry({
        ...handlerModules,
        copy: { 'app.status': handlerModules.app['app.status'] },
      }),
    ).toThrow(/"app.status" is registered twice \(modules app and copy\)/)
  })

  it('refuses a handler for a method the contract does not define', () => {
    const stray = { 'app.fly': async () => null } as unknown as HandlerModule
    expect(() => createRegistry({ ...handlerModules, stray })).toThrow(
      /"app.fly", which the contract does not define/,
    )
  })

  it('refuses a contract method that nobody handles', () => {
    const { 'app.status': _status, ...rest } = handlerModules.app
    expect(() => createRegistry({ ...handlerModules, app: rest })).toThrow(
      /No handler for app.status/,
    )
  })

  it('validates input before a handler runs and names the field', async () => {
    let ran = false
    const registry = createRegistry({
      ...handlerModules,
      app: {
        ...handlerModules.app,
        'app.status': async () => (
          (ran = true),
          { database: 'own', databasePath: '', firstStart: false }
        ),
      },
    })
    const ctx = {
      session: null,
      adapter: 'cli',
      progress: () => undefined,
    } as unknown as ServiceContext
    const outcome = await invoke(registry, ctx, 'app.status', { surprise: 1 })
    expect(ran).toBe(false)
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    const unknown = await invoke(registry, ctx, 'app.nothing', {})
    expect(unknown).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'Unknown method "app.nothing"' },
    })
  })

  it('turns an unexpected failure into a message without a stack trace', async () => {
    const registry = createRegistry({
      ...handlerModules,
      app: {
        ...handlerModules.app,
        'app.status': async () => {
          throw new Error('secret internals at /home/me/file.ts:12')
        },
      },
    })
    const ctx = {
      session: null,
      adapter: 'cli',
      progress: () => undefined,
    } as unknown as ServiceContext
    const outcome = await invoke(registry, ctx, 'app.status', {})
    expect(outcome).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message: 'Something went wrong inside Logbook; nothing was changed.',
      },
    })
  })
})
