import fc from 'fast-check'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { handlerModules } from '../../electron/services/handlers'
import { invoke, parseInput, type Handler, type Registry } from '../../electron/services/registry'
import { Session } from '../../electron/services/session'
import type { ServiceContext } from '../../electron/services/context'
import { contract, methodNames, type CallOutcome, type MethodName } from '../../shared/api'
import type { ErrorCode } from '../../shared/errors'
import { nearValid, randomInput } from './fuzz/arbitraries'
import { KNOWN_EXAMPLES, exampleFor, seededExamples } from './fuzz/examples'
import { SYSTEM_TEMP, confineToSandbox, isInside, listing, recordFileWrites } from './fuzz/sandbox'
import { seedSmallDatabase } from './fuzz/seed'
import { TableWatch } from './fuzz/table-watch'
import { objectNames } from '../helpers/db'
import { useSuiteTempDir } from '../helpers/tmp'

/** Runs per method and kind of input; FUZZ_RUNS raises it for a longer hunt. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 50)
/** FUZZ_ONLY narrows the run to methods matching a pattern, to chase one finding. */
const ONLY = new RegExp(process.env.FUZZ_ONLY ?? '.')
/** A call that has not settled by then is taken to hang (none takes a second on this data). */
const HANG_MS = 20_000

/**
 * Methods fuzzed only with inputs their schema refuses, because a valid call would replace the
 * open database or spend seconds per call.
 */
const VALIDATION_ONLY: Partial<Record<MethodName, string>> = {
  'app.openDemo': 'switches the session to the demo file and fills it with demo data (~8 s)',
}
/**
 * The same by name, for methods that land later: restoring, replacing, opening or switching the
 * file (app.openOwn included), rebuilds.
 */
const VALIDATION_ONLY_NAMES = /\.(restore|replace|switch|open|rebuild)/i

const validationOnly = (name: MethodName) =>
  name in VALIDATION_ONLY || VALIDATION_ONLY_NAMES.test(name)

/** Codes a refused call may carry; `internal` means a handler threw something unexpected. */
const EXPECTED_CODES: ReadonlySet<ErrorCode> = new Set([
  'invalid_input',
  'not_found',
  'conflict',
  'io_error',
  'cancelled',
])

const tempDir = useSuiteTempDir()
const repoRoot = resolve(import.meta.dirname, '..', '..')
let session: Session

/**
 * The app's handlers, joined without createRegistry's start-up check so that a contract method
 * whose handler has not landed yet is skipped here rather than failing every method's fuzz
 * (tests/unit/registry.test.ts covers the check itself).
 */
const registry: Registry = new Map(
  Object.values(handlerModules).flatMap((module) =>
    Object.entries(module).map(([name, handler]) => [
      name as MethodName,
      handler as Handler<MethodName>,
    ]),
  ),
)
let sandbox: string
let databaseDir: string
let seeded: Partial<Record<MethodName, unknown>> = {}
const written: string[] = []
/** Handlers that threw something other than a LogbookError (invoke logs those). */
const unexpectedThrows: string[] = []
const tally = new Map<MethodName, { ok: number; refused: number; skipped: number }>()

const watch = new TableWatch(() => session.handle.sqlite)
const ctx = (): ServiceContext => ({ session, adapter: 'cli', progress: () => undefined })

function settle(call: Promise<CallOutcome<unknown>>) {
  let timer: NodeJS.Timeout | undefined
  const hang = new Promise<'hung'>((resolvePromise) => {
    timer = setTimeout(() => resolvePromise('hung'), HANG_MS)
  })
  return Promise.race([call, hang]).finally(() => clearTimeout(timer))
}

/** Why an outcome is not what any caller may be given, or null when it is fine. */
function outcomeProblem(outcome: CallOutcome<unknown>): string | null {
  if (typeof outcome.ok !== 'boolean') return 'the outcome has no ok flag'
  try {
    JSON.stringify(outcome)
  } catch (error) {
    return `the outcome cannot cross a boundary as JSON (${String(error)})`
  }
  if (outcome.ok) return null
  const { code, message } = outcome.error
  if (!EXPECTED_CODES.has(code)) return `it was refused with ${code}: ${message}`
  if (typeof message !== 'string' || message.trim() === '') return 'the refusal has no message'
  if (/\n\s+at |\.[cm]?[jt]s:\d+:\d+/.test(message)) return `the message leaks a stack: ${message}`
  return null
}

function describeInput(input: unknown) {
  try {
    return fc.stringify(input).slice(0, 300)
  } catch {
    return String(input)
  }
}

function describeThrow(name: MethodName, input: unknown, args: unknown[]) {
  const error = args.find((a): a is Error => a instanceof Error)
  return `${name} with ${describeInput(input)}: ${error ? `${error.name}: ${error.message.slice(0, 300)}` : String(args[0])}`
}

function prototypesClean() {
  return (
    Object.keys(Object.prototype).length === 0 &&
    ({} as Record<string, unknown>)['polluted'] === undefined &&
    Object.keys(Array.prototype).length === 0
  )
}

/** One fuzzed call: it settles, is well formed, and a refused call changed no table. */
async function fuzzCall(name: MethodName, raw: unknown) {
  const input = confineToSandbox(raw, sandbox)
  const counts = tally.get(name) ?? { ok: 0, refused: 0, skipped: 0 }
  tally.set(name, counts)
  if (validationOnly(name) && parseInput(name, input).ok) {
    counts.skipped++
    return
  }
  const before = watch.before()
  const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
  const outcome = await settle(invoke(registry, ctx(), name, input)).finally(() => {
    for (const args of logged.mock.calls) unexpectedThrows.push(describeThrow(name, input, args))
    logged.mockRestore()
  })
  if (outcome === 'hung') throw new Error(`${name} did not settle with ${describeInput(input)}`)
  const problem =
    (session.database === 'own' ? null : 'it switched the open database') ??
    outcomeProblem(outcome) ??
    (!outcome.ok && !watch.unchangedSince(before) ? 'it was refused but changed a table' : null) ??
    (prototypesClean() ? null : 'it polluted a prototype')
  if (problem) throw new Error(`${name} with ${describeInput(input)}: ${problem}`)
  if (outcome.ok) counts.ok++
  else counts.refused++
}

async function fuzz(name: MethodName, inputs: fc.Arbitrary<unknown>) {
  const { written: paths } = await recordFileWrites(() =>
    fc.assert(
      fc.asyncProperty(inputs, (input) => fuzzCall(name, input)),
      { numRuns: RUNS, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined },
    ),
  )
  written.push(...paths)
}

/** A real staged upload, so the import methods' near-valid calls reach the worker. */
async function stagedUploadExamples(): Promise<Partial<Record<MethodName, unknown>>> {
  const csv = 'user_id,event_name,event_ts\nu-9,login,2025-03-05T08:00:00Z\n'
  const staged = await invoke(registry, ctx(), 'imports.upload', {
    fileName: 'events.csv',
    chunk: Buffer.from(csv).toString('base64'),
  })
  if (!staged.ok) throw new Error(`could not stage an upload: ${staged.error.message}`)
  const { uploadId } = staged.result as { uploadId: string }
  return {
    'imports.preview': { uploadId, preset: 'events' },
    'imports.run': { uploadId, preset: 'events', dryRun: true },
    'imports.cancel': { uploadId },
  }
}

const before = { cwd: new Set<string>(), repo: new Set<string>() }

beforeAll(async () => {
  before.cwd = listing(process.cwd())
  before.repo = listing(repoRoot)
  databaseDir = tempDir('logbook-fuzz-db-')
  sandbox = tempDir('logbook-fuzz-out-')
  session = await Session.open(join(databaseDir, 'logbook.db'))
  await seedSmallDatabase(session)
  seeded = { ...seededExamples(session.handle.sqlite), ...(await stagedUploadExamples()) }
})
afterAll(async () => {
  await session.close()
  // FUZZ_REPORT=1 shows how many calls each method answered and refused.
  if (process.env.FUZZ_REPORT) console.table(Object.fromEntries(tally))
})

describe('every contract method, fuzzed', () => {
  it('has methods to fuzz, enumerated from the contract at run time', () => {
    expect(methodNames.length).toBeGreaterThan(30)
    expect(methodNames).toEqual(Object.keys(contract))
  })

  for (const name of methodNames.filter((m) => ONLY.test(m))) {
    describe.skipIf(!registry.has(name))(name, () => {
      it('random values: a result or a clear refusal, tables unchanged when refused', async () => {
        await fuzz(name, randomInput)
      })

      it('near-valid inputs (one field wrong, missing or extra)', async () => {
        const example = seeded[name] ?? KNOWN_EXAMPLES[name] ?? exampleFor(contract[name].input)
        await fuzz(name, nearValid(example))
      })
    })
  }

  it('sees what the methods write (control: an upload is staged in its own temp folder)', async () => {
    const { written: paths } = await recordFileWrites(() =>
      invoke(registry, ctx(), 'imports.upload', { fileName: 'probe.csv', chunk: 'YSxi' }),
    )
    expect(paths.some((path) => path.startsWith(join(SYSTEM_TEMP, 'logbook-uploads-')))).toBe(true)
  })

  it('wrote files only inside temporary folders, and none in the working folder or the repo', () => {
    const uploads = join(SYSTEM_TEMP, 'logbook-uploads-')
    const outside = written.filter(
      (path) =>
        !isInside(path, sandbox) && !isInside(path, databaseDir) && !path.startsWith(uploads),
    )
    expect(outside).toEqual([])
    const appeared = (now: Set<string>, then: Set<string>) =>
      [...now].filter((entry) => !then.has(entry) && !OTHER_TOOLS.test(entry))
    expect(appeared(listing(process.cwd()), before.cwd)).toEqual([])
    expect(appeared(listing(repoRoot), before.repo)).toEqual([])
  })

  it('no handler threw a raw error (each refusal was a LogbookError or a schema refusal)', () => {
    expect(unexpectedThrows).toEqual([])
  })

  it('exercised both outcomes', () => {
    if (tally.size === 0) return // FUZZ_ONLY matched no method
    const refused = [...tally.values()].reduce((n, t) => n + t.refused, 0)
    const ok = [...tally.values()].reduce((n, t) => n + t.ok, 0)
    expect(refused).toBeGreaterThan(0)
    expect(ok).toBeGreaterThan(0)
  })
})

/** What other engineers' tools create in the repo while this file runs (builds, e2e, profiles). */
const OTHER_TOOLS = /^(out|test-results|screenshots|playwright-report|\.tmp|isolate-.*\.log)$/

/**
 * Text that looks like SQL, LIKE wildcards, escapes, emoji and direction marks is data: stored and
 * read back exactly, and searched for as itself. (Text fields are trimmed on the way in, so none
 * of these start or end with white space.)
 */
const VERBATIM_TITLES = [
  "'; DROP TABLE users; --",
  '" OR 1=1 --',
  "Robert'); DROP TABLE media_movies;--",
  '100% pure',
  'snake_case_title',
  'back\\slash \\% \\_ end',
  'emoji 🏋️‍♀️🎬 title',
  '\u202Eevil\u202C reversed',
  'שלום \u200F mark',
  'nul\0byte',
  'It\'s "quoted" `ticked`',
  '%',
  '_',
  '\\',
  'a%b_c\\d',
  '=1+1',
]

describe('SQL-looking and awkward text is stored verbatim', () => {
  let plain: Session
  const call = async (name: MethodName, input: unknown) => {
    const outcome = await invoke(
      registry,
      { session: plain, adapter: 'cli', progress: () => undefined },
      name,
      input,
    )
    if (!outcome.ok) throw new Error(`${name} refused: ${outcome.error.message}`)
    return outcome.result as Record<string, unknown>
  }
  const titlesFound = async (query: Record<string, unknown>) => {
    const page = await call('records.list', { entity: 'media_movies', limit: 500, ...query })
    return (page.rows as { title: string }[]).map((row) => row.title).sort()
  }

  beforeAll(async () => {
    plain = await Session.open(join(tempDir('logbook-verbatim-'), 'logbook.db'))
  })
  afterAll(async () => {
    await plain.close()
  })

  it('reads every title back byte for byte, through the contract and in the file', async () => {
    const tablesBefore = objectNames(plain.handle.sqlite, 'table')
    const keys = new Map<string, unknown>()
    for (const title of VERBATIM_TITLES) {
      const created = await call('records.create', {
        entity: 'media_movies',
        values: { title, genre: title, director: null },
      })
      expect(created.title).toBe(title)
      keys.set(title, created.id)
    }
    for (const [title, key] of keys) {
      const row = await call('records.get', { entity: 'media_movies', key })
      expect(Buffer.from(String(row.title))).toEqual(Buffer.from(title))
      const stored = plain.handle.sqlite
        .prepare('SELECT CAST(title AS BLOB) FROM media_movies WHERE id = ?')
        .pluck()
        .get(key) as Buffer
      expect(stored).toEqual(Buffer.from(title))
    }
    expect(objectNames(plain.handle.sqlite, 'table')).toEqual(tablesBefore)
    expect(tablesBefore).toContain('users')
  })

  it.each(VERBATIM_TITLES)('a search for %j finds exactly the titles holding it', async (text) => {
    const expected = VERBATIM_TITLES.filter((t) =>
      t.toLowerCase().includes(text.trim().toLowerCase()),
    ).sort()
    expect(await titlesFound({ search: text })).toEqual(expected)
  })

  it.each(VERBATIM_TITLES)('a filter on genre %j finds exactly its record', async (text) => {
    expect(await titlesFound({ filters: { genre: text } })).toEqual([text])
  })
})
