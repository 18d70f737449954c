import { UPLOAD_CHUNK_BYTES } from '../../../shared/contract/imports'
import { api } from '../client'

/** Base64 of some bytes, built in slices so a large chunk never overflows the call stack. */
export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  const slice = 0x8000
  for (let i = 0; i < bytes.length; i += slice) {
    binary += String.fromCharCode(...bytes.subarray(i, i + slice))
  }
  return btoa(binary)
}

/**
 * Sends a file to the services a chunk at a time and returns its upload id. The window cannot
 * hand the services a path (the browser mode has none), so the bytes travel as base64.
 */
export async function uploadFile(
  file: File,
  onProgress: (bytesSent: number) => void,
): Promise<string> {
  let uploadId: string | undefined
  let offset = 0
  do {
    const end = Math.min(offset + UPLOAD_CHUNK_BYTES, file.size)
    const bytes = new Uint8Array(await file.slice(offset, end).arrayBuffer())
    const sent = await api['imports.upload']({
      ...(uploadId ? { uploadId } : {}),
      fileName: file.name.slice(0, 255),
      chunk: toBase64(bytes),
    })
    uploadId = sent.uploadId
    offset = end
    onProgress(offset)
  } while (offset < file.size)
  return uploadId
}
