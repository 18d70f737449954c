import fs from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'
import { tmpdir } from 'node:os'
import { basename, join, resolve, sep } from 'node:path'

/**
 * Keys whose text names a file or folder to write (`path`, `outDir`, `destinationFolder`…); their
 * values are moved into the sandbox. Display names (`fileName`) stay as they are.
 */
const PATH_KEY =
  /^(path|dir|directory|folder|file|dest|destination|out|output|target)$|(Path|Dir|Directory|Folder|File|Destination)$/

/** Any path-like field becomes a file name inside `sandbox`, however it was written. */
export function confineToSandbox(input: unknown, sandbox: string, depth = 0): unknown {
  if (depth > 4 || input === null || typeof input !== 'object') return input
  if (Array.isArray(input)) return input.map((v) => confineToSandbox(v, sandbox, depth + 1))
  if (!(Object.getPrototypeOf(input) === Object.prototype || Object.getPrototypeOf(input) === null))
    return input
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(input)) {
    const confined =
      typeof value === 'string' && PATH_KEY.test(key)
        ? join(sandbox, sandboxName(value))
        : confineToSandbox(value, sandbox, depth + 1)
    Object.defineProperty(out, key, { value: confined, enumerable: true, writable: true })
  }
  return out
}

/** One path segment that stays inside the sandbox, whatever the value was. */
function sandboxName(value: string) {
  const name = basename(value.replace(/[\\/\0]/g, '_'))
  return name === '' || name === '.' || name === '..' ? 'fuzz' : name
}

type Writer = (...args: never[]) => unknown

/** fs functions that create or change files, and which argument names the target. */
const WRITERS: Record<string, number[]> = {
  writeFileSync: [0],
  appendFileSync: [0],
  mkdirSync: [0],
  mkdtempSync: [0],
  copyFileSync: [1],
  cpSync: [1],
  renameSync: [1],
  symlinkSync: [1],
  linkSync: [1],
  createWriteStream: [0],
  writeFile: [0],
  appendFile: [0],
  mkdir: [0],
  rename: [1],
  copyFile: [1],
}
const OPEN_FOR_WRITE = /[wa+]/

/**
 * Records every path the process writes through node:fs while `run` is pending (native code
 * such as SQLite is not seen; the folder scans cover that). Named ESM imports of node:fs see the
 * wrappers through syncBuiltinESMExports.
 */
export async function recordFileWrites<T>(run: () => Promise<T>) {
  const written: string[] = []
  const originals = new Map<string, Writer>()
  const target = fs as unknown as Record<string, Writer>
  const note = (value: unknown) => {
    if (typeof value === 'string') written.push(resolve(value))
    else if (value instanceof URL) written.push(resolve(value.pathname))
  }
  for (const [name, positions] of Object.entries(WRITERS)) {
    const original = target[name]
    if (!original) continue
    originals.set(name, original)
    target[name] = function (this: unknown, ...args: never[]) {
      for (const i of positions) note(args[i])
      return original.apply(this, args)
    }
  }
  for (const name of ['openSync', 'open']) {
    const original = target[name]!
    originals.set(name, original)
    target[name] = function (this: unknown, ...args: never[]) {
      const flags: unknown = args[1]
      if (typeof flags === 'string' && OPEN_FOR_WRITE.test(flags)) note(args[0])
      if (typeof flags === 'number' && flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR))
        note(args[0])
      return original.apply(this, args)
    }
  }
  syncBuiltinESMExports()
  try {
    const result = await run()
    return { result, written }
  } finally {
    for (const [name, original] of originals) target[name] = original
    syncBuiltinESMExports()
  }
}

/** Whether `path` is `root` or inside it. */
export function isInside(path: string, root: string) {
  const r = resolve(root)
  return path === r || path.startsWith(r + sep)
}

/** The system temp folder: uploads are staged there, in a folder of their own. */
export const SYSTEM_TEMP = tmpdir()

/** Top-level names of a folder, to see what a run left behind. */
export function listing(dir: string) {
  return new Set(fs.readdirSync(dir))
}
