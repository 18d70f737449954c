import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { resolveStaticPath } from '../../electron/adapters/http/static-files'
import { useTempDir } from '../helpers/tmp'

const tempDir = useTempDir()
let root: string

beforeEach(() => {
  const dir = tempDir()
  root = join(dir, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!doctype html>')
  writeFileSync(join(root, 'assets', 'app.js'), '')
  writeFileSync(join(dir, 'secret.txt'), 'do not serve')
})

describe('static paths cannot escape the renderer folder', () => {
  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%5c..%5csecret.txt',
    '/%00index.html',
    '/%E0%A4%A',
  ])('%s is refused', (path) => {
    expect(resolveStaticPath(root, path)).toBeNull()
  })

  it('serves files inside it', () => {
    expect(resolveStaticPath(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'))
    expect(resolveStaticPath(root, '/')).toBe(join(root, 'index.html'))
  })

  it('serves the app for client-side routes, but not for missing files', () => {
    expect(resolveStaticPath(root, '/fitness/workouts')).toBe(join(root, 'index.html'))
    expect(resolveStaticPath(root, '/assets/missing.js')).toBeNull()
  })
})
