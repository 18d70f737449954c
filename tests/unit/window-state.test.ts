import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadWindowState, trackWindowState } from '../../electron/window-state'
import { useTempDir } from '../helpers/tmp'

const tempDir = useTempDir()

describe('the window remembers its size and position', () => {
  it('saves the bounds when the window closes and restores them next time', () => {
    const dir = tempDir()
    let onClose: () => void = () => undefined
    trackWindowState(
      {
        getBounds: () => ({ x: 40, y: 60, width: 1400, height: 900 }),
        on: (_event, listener) => (onClose = listener),
      },
      dir,
    )
    onClose()
    expect(loadWindowState(dir)).toEqual({ x: 40, y: 60, width: 1400, height: 900 })
  })

  it('falls back to a sensible size when nothing or nonsense was saved', () => {
    const dir = tempDir()
    expect(loadWindowState(dir)).toEqual({ width: 1280, height: 820 })
    writeFileSync(join(dir, 'window-state.json'), '{"width": 5, "height": "tall"}')
    expect(loadWindowState(dir)).toEqual({ width: 1280, height: 820 })
  })
})
