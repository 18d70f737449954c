import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'

const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(10000),
  height: z.number().int().min(300).max(10000),
})
export type WindowState = z.infer<typeof windowStateSchema>

const DEFAULT_STATE: WindowState = { width: 1280, height: 820 }
const FILE = 'window-state.json'

export function loadWindowState(userDataDir: string): WindowState {
  try {
    return windowStateSchema.parse(JSON.parse(readFileSync(join(userDataDir, FILE), 'utf8')))
  } catch {
    return DEFAULT_STATE
  }
}

interface WindowLike {
  getBounds(): { x: number; y: number; width: number; height: number }
  on(event: 'close', listener: () => void): unknown
}

/** Remembers size and position when the window closes. */
export function trackWindowState(window: WindowLike, userDataDir: string) {
  window.on('close', () => {
    try {
      writeFileSync(join(userDataDir, FILE), JSON.stringify(window.getBounds()))
    } catch {
      // a read-only profile folder only costs the remembered size
    }
  })
}
