import { createHash } from 'node:crypto'
import { Worker } from 'node:worker_threads'

/**
 * Files at least this long are hashed by a thread of their own, reading the file a second time
 * (from the page cache), in parallel with the import: SHA-256 of a 115 MB event log is about
 * 0.4 s of the connection's thread otherwise. Smaller files are hashed as they are read (a
 * thread costs tens of milliseconds to start).
 */
export const HASH_IN_THREAD_BYTES = 16 * 1024 * 1024

// CommonJS, evaluated by the worker (no separate entry file for the bundler to know of).
const HASH_THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { createHash } = require('node:crypto')
const { createReadStream } = require('node:fs')
const hash = createHash('sha256')
createReadStream(workerData.path, { highWaterMark: 1 << 20 })
  .on('data', (chunk) => hash.update(chunk))
  .on('error', (error) => parentPort.postMessage({ error: error.message }))
  .on('end', () => parentPort.postMessage({ hex: hash.digest('hex') }))
`

type HashMessage = { hex: string } | { error: string }

/** The SHA-256 (hex) of the file an import reads: fed its chunks, or computed by a thread. */
export interface FileHash {
  /** A chunk of the file as read (ignored when a thread hashes the file). */
  update(chunk: Buffer): void
  digest(): Promise<string>
  /** Stops a thread still reading (after a failure or cancel); safe to call more than once. */
  stop(): void
}

function inlineHash(): FileHash {
  const hash = createHash('sha256')
  return {
    update: (chunk) => hash.update(chunk),
    digest: async () => hash.digest('hex'),
    stop: () => undefined,
  }
}

function threadHash(path: string): FileHash {
  const worker = new Worker(HASH_THREAD_SOURCE, { eval: true, workerData: { path } })
  const result = new Promise<string>((resolve, reject) => {
    worker.once('message', (message: HashMessage) => {
      if ('hex' in message) resolve(message.hex)
      else reject(new Error(`Cannot hash ${path}: ${message.error}`))
    })
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`The hashing thread stopped (${code})`)))
  })
  // A failed import never asks for the digest: no unhandled rejection from a stopped thread.
  result.catch(() => undefined)
  let stopped = false
  const stop = () => {
    if (stopped) return
    stopped = true
    void worker.terminate()
  }
  return {
    update: () => undefined,
    digest: async () => {
      try {
        return await result
      } finally {
        stop()
      }
    },
    stop,
  }
}

/** @param bytes the file's size, which decides between a thread and hashing as read. */
export function hashFile(path: string, bytes: number, inThreadFrom = HASH_IN_THREAD_BYTES) {
  return bytes >= inThreadFrom ? threadHash(path) : inlineHash()
}
