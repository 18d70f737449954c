import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hashFile } from '../../electron/services/imports/file-hash'
import { useTempDir } from '../helpers/tmp'

const tempDir = useTempDir()
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

function fileOf(bytes: Buffer) {
  const path = join(tempDir(), 'events.csv')
  writeFileSync(path, bytes)
  return path
}

// Three chunks of the thread's read size and a bit: the digest covers every chunk, in order.
const bytes = Buffer.from(
  Array.from({ length: 70_000 }, (_, i) => `e-${i},user-${i % 97},page_view\n`).join(''),
)

describe('hashFile', () => {
  it('a thread reading the file gives the SHA-256 of its bytes', async () => {
    const path = fileOf(bytes)
    const hash = hashFile(path, bytes.length, 0)
    hash.update(Buffer.from('ignored: the thread reads the file itself'))
    expect(await hash.digest()).toBe(sha256(bytes))
  })

  it('below the threshold the chunks fed to it are hashed', async () => {
    const path = fileOf(bytes)
    const hash = hashFile(path, bytes.length)
    hash.update(bytes.subarray(0, 1000))
    hash.update(bytes.subarray(1000))
    expect(await hash.digest()).toBe(sha256(bytes))
  })

  it('a file the thread cannot read rejects the digest with its path', async () => {
    const path = join(tempDir(), 'missing.csv')
    await expect(hashFile(path, 1, 0).digest()).rejects.toThrow(/missing\.csv/)
  })

  it('a thread stopped before it is done leaves nothing unhandled', async () => {
    const path = fileOf(bytes)
    const hash = hashFile(path, bytes.length, 0)
    hash.stop()
    hash.stop()
    await expect(hash.digest()).rejects.toThrow()
  })
})
