import { randomUUID } from 'node:crypto'
import { appendFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LogbookError } from '../../../shared/errors'

export interface Upload {
  id: string
  fileName: string
  path: string
}

const PREFIX = 'logbook-uploads-'
const DAY_MS = 86_400_000

function isRunning(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Removes staging folders a Logbook process left behind when it was killed or crashed: the
 * person's files must not stay in the temporary folder. Runs once at start-up (housekeeping.ts). A folder names its process
 * (`logbook-uploads-<pid>-…`); one whose process is gone is removed, as is an unnamed one (an
 * older version's) untouched for a day. Returns how many were removed.
 */
export function sweepAbandonedUploads(folder = tmpdir()): number {
  let removed = 0
  let names: string[]
  try {
    names = readdirSync(folder).filter((name) => name.startsWith(PREFIX))
  } catch {
    return 0
  }
  for (const name of names) {
    const path = join(folder, name)
    try {
      const pid = /^(\d+)-/.exec(name.slice(PREFIX.length))?.[1]
      const abandoned =
        pid !== undefined
          ? Number(pid) !== process.pid && !isRunning(Number(pid))
          : Date.now() - statSync(path).mtimeMs > DAY_MS
      if (!abandoned) continue
      rmSync(path, { recursive: true, force: true })
      removed += 1
    } catch {
      // Gone meanwhile, or not ours to remove: leave it.
    }
  }
  return removed
}

/**
 * Files the window sent a chunk at a time, staged in a private temporary folder until they are
 * imported. (The renderer cannot hand the services a path: in the browser mode it has none.)
 */
export class UploadStore {
  private folder: string | undefined
  private readonly uploads = new Map<string, Upload>()

  private stagingFolder() {
    this.folder ??= mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`))
    return this.folder
  }

  /** Appends a chunk; the first call (no id) starts a new upload. */
  append(uploadId: string | undefined, fileName: string, base64: string) {
    let upload = uploadId === undefined ? undefined : this.uploads.get(uploadId)
    if (uploadId !== undefined && !upload) {
      throw new LogbookError(
        'not_found',
        `The upload ${uploadId} is gone; send the file again`,
        'uploadId',
      )
    }
    if (!upload) {
      const id = randomUUID()
      upload = { id, fileName, path: join(this.stagingFolder(), `${id}.csv`) }
      this.uploads.set(id, upload)
    }
    appendFileSync(upload.path, Buffer.from(base64, 'base64'))
    return { uploadId: upload.id, bytes: statSync(upload.path).size }
  }

  get(uploadId: string): Upload {
    const upload = this.uploads.get(uploadId)
    if (!upload) {
      throw new LogbookError(
        'not_found',
        `The upload ${uploadId} is gone; send the file again`,
        'uploadId',
      )
    }
    return upload
  }

  discard(uploadId: string) {
    const upload = this.uploads.get(uploadId)
    if (!upload) return
    rmSync(upload.path, { force: true })
    this.uploads.delete(uploadId)
  }

  clear() {
    if (this.folder) rmSync(this.folder, { recursive: true, force: true })
    this.folder = undefined
    this.uploads.clear()
  }
}
