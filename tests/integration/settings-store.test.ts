import { afterEach, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../electron/services/db/open'
import { readSettings, writeSettings } from '../../electron/services/settings/store'
import { LogbookError } from '../../shared/errors'
import { openFresh } from '../helpers/db'
import { useTempDir } from '../helpers/tmp'

const tempDir = useTempDir()
let handle: DatabaseHandle | undefined
afterEach(async () => {
  await handle?.close()
  handle = undefined
})

describe('the settings store', () => {
  it('keeps a stored value when a change names its key with the value undefined', async () => {
    handle = await openFresh(tempDir())
    await writeSettings(handle.db, { weekStart: 'sunday' })
    await writeSettings(handle.db, { weekStart: undefined, theme: 'dark' })
    const saved = await readSettings(handle.db)
    expect(saved.weekStart).toBe('sunday')
    expect(saved.theme).toBe('dark')
  })

  it('refuses Core starting at or below Regular, naming the field changed, and saves nothing', async () => {
    handle = await openFresh(tempDir())
    const before = await readSettings(handle.db)
    const refused = await writeSettings(handle.db, { coreMinDays: before.regularMinDays }).catch(
      (error: unknown) => error,
    )
    expect(refused).toBeInstanceOf(LogbookError)
    expect((refused as LogbookError).field).toBe('coreMinDays')
    expect(await readSettings(handle.db)).toEqual(before)
  })
})
