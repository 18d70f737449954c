import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach } from 'vitest'

function tempDirFactory(register: (cleanup: () => void) => void) {
  const made: string[] = []
  register(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
  })
  return (prefix = 'logbook-test-') => {
    const dir = mkdtempSync(join(tmpdir(), prefix))
    made.push(dir)
    return dir
  }
}

/** A fresh temporary folder per call, removed after the test that made it. */
export function useTempDir() {
  return tempDirFactory(afterEach)
}

/** For folders made in `beforeAll`: removed once the whole file's tests are done. */
export function useSuiteTempDir() {
  return tempDirFactory(afterAll)
}
