import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { sweepAbandonedUploads, UploadStore } from '../../electron/services/imports/uploads'
import { useTempDir } from '../helpers/tmp'

const tempDir = useTempDir()
const running = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'])
afterAll(() => {
  running.kill()
})

/** The pid of a process that has ended. */
function endedPid() {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])
  return Number(child.stdout.toString())
}

describe('import staging folders left behind', () => {
  it('removes the folders of processes that are gone and old unnamed ones, nothing else', () => {
    const dir = tempDir()
    const folder = (name: string) => {
      const path = join(dir, name)
      mkdirSync(path)
      writeFileSync(join(path, 'upload.csv'), 'name,email\nAna,ana@example.com\n')
      return path
    }
    folder(`logbook-uploads-${endedPid()}-aB3xYz`)
    folder(`logbook-uploads-${process.pid}-Qw12Er`)
    folder(`logbook-uploads-${running.pid}-Zx98Cv`)
    const oldUnnamed = folder('logbook-uploads-k3JfPq')
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000)
    utimesSync(oldUnnamed, twoDaysAgo, twoDaysAgo)
    folder('logbook-uploads-n8HtRw')
    folder('someone-elses-folder')

    expect(sweepAbandonedUploads(dir)).toBe(2)
    expect(readdirSync(dir).sort()).toEqual(
      [
        `logbook-uploads-${process.pid}-Qw12Er`,
        `logbook-uploads-${running.pid}-Zx98Cv`,
        'logbook-uploads-n8HtRw',
        'someone-elses-folder',
      ].sort(),
    )
  })

  it('a store names its folder after its process, and clearing it removes it', () => {
    const store = new UploadStore()
    const { uploadId } = store.append(
      undefined,
      'a.csv',
      Buffer.from('x,y\n1,2\n').toString('base64'),
    )
    const { path } = store.get(uploadId)
    expect(path).toContain(`logbook-uploads-${process.pid}-`)
    store.clear()
    expect(existsSync(path)).toBe(false)
  })
})
