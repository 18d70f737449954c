import { randomUUID } from 'node:crypto'
import { appendFileSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LogbookError } from '../../../shared/errors'

export interface Upload {
  id: string
  fileName: string
  path: string
}

/**
 * Files the window sent a chunk at a time, staged in a private temporary folder until they are
 * imported. (The renderer cannot hand the services a path: in the browser mode it has none.)
 */
export class UploadStore {
  private folder: string | undefined
  private readonly uploads = new Map<string, Upload>()

  private stagingFolder() {
    this.folder ??= mkdtempSync(join(tmpdir(), 'logbook-uploads-'))
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
