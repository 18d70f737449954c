import fc from 'fast-check'

/** Text that has broken naive SQL, LIKE, JSON, path and terminal handling somewhere before. */
export const HOSTILE_TEXT = [
  "'; DROP TABLE users; --",
  '" OR 1=1 --',
  "' OR '1'='1",
  'Robert"); DROP TABLE media_movies;--',
  '%',
  '_',
  '%_%',
  '\\',
  '\\%',
  '\0',
  'a\0b',
  '\u202Eevil\u202C',
  '\u200F\u05E9\u05DC\u05D5\u05DD',
  '🏋️‍♀️🎬',
  '\uD800',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x10',
  ' ',
  '',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '/etc/passwd',
  'C:\\Windows\\System32',
  '\r\n\r\nHTTP/1.1 200 OK',
  '<script>alert(1)</script>',
  '=HYPERLINK("http://evil")',
  '${process.exit(1)}',
  '__proto__',
  'constructor',
] as const

export const MEGABYTE_TEXT = 'x'.repeat(1024 * 1024)

/** Keys that pollute prototypes when code copies objects carelessly. */
export const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf']

/** An object whose own keys include `__proto__`, as JSON.parse (HTTP) produces it. */
const pollutingObject = fc
  .constantFrom(...POLLUTING_KEYS)
  .map((key) => JSON.parse(`{"${key}": {"polluted": true}, "x": 1}`) as unknown)

/** IPC's structured clone carries cycles, which JSON cannot. */
const cyclic = fc.constantFrom('self', 'values', 'filters', 'sets').map((key) => {
  const node: Record<string, unknown> = { x: 1 }
  node[key] = node
  return node as unknown
})

const hostileNumber = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    -1,
    Number.MAX_SAFE_INTEGER + 2,
    Number.MIN_SAFE_INTEGER - 2,
    1e308,
    -1e308,
    2 ** 31,
    2 ** 63,
    0.1,
  ),
  fc.double(),
  fc.integer(),
)

/** One value that is wrong in some way for almost any field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_TEXT),
  fc.constant(MEGABYTE_TEXT),
  hostileNumber,
  fc.constantFrom(true, false, null, undefined),
  fc.constantFrom([], {}, [[[[[]]]]], [null], ['x']),
  pollutingObject,
  cyclic,
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.jsonValue({ maxDepth: 3 }),
)

/** Nesting deep enough to hurt recursive code, shallow enough for JSON.stringify. */
const deeplyNested = fc
  .integer({ min: 50, max: 2000 })
  .map((depth) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown)

/** Anything at all a caller could send: JSON (HTTP) or structured-clone values (IPC). */
export const randomInput: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    maxDepth: 4,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withNullPrototype: true,
    withSparseArray: true,
    key: fc.oneof(fc.string(), fc.constantFrom(...POLLUTING_KEYS)),
  }),
  fc.jsonValue({ maxDepth: 6 }),
  fc.dictionary(fc.string({ maxLength: 12 }), hostileValue, { maxKeys: 4 }),
  deeplyNested,
  pollutingObject,
  cyclic,
  fc.constant(MEGABYTE_TEXT),
)

type Mutation =
  | { kind: 'replace'; path: string[]; value: unknown }
  | { kind: 'remove'; path: string[] }
  | { kind: 'extra'; path: string[]; key: string; value: unknown }

/** Every key path of an example, one level into nested objects (values, filters, a set). */
function keyPaths(value: unknown, prefix: string[] = [], depth = 0): string[][] {
  if (value === null || typeof value !== 'object' || depth > 2) return []
  const paths: string[][] = []
  for (const [key, child] of Object.entries(value)) {
    paths.push([...prefix, key])
    paths.push(...keyPaths(child, [...prefix, key], depth + 1))
  }
  return paths
}

function objectPaths(value: unknown): string[][] {
  return [[], ...keyPaths(value).filter((p) => isObjectAt(value, p))]
}

function at(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string, unknown> | null)?.[k], value)
}

/** Plain objects only: fast-check cannot print an array carrying a `constructor` key. */
function isObjectAt(value: unknown, path: string[]) {
  const v = at(value, path)
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

function applyMutation(example: unknown, mutation: Mutation): unknown {
  if (example === null || typeof example !== 'object') return { extra: mutation }
  const copy = structuredClone(example) as Record<string, unknown>
  const parent = at(copy, mutation.path.slice(0, -1)) as Record<string, unknown>
  const last = mutation.path.at(-1)
  switch (mutation.kind) {
    case 'replace':
      if (last === undefined) return mutation.value
      Object.defineProperty(parent, last, {
        value: mutation.value,
        enumerable: true,
        writable: true,
        configurable: true,
      })
      return copy
    case 'remove':
      if (last !== undefined) Reflect.deleteProperty(parent, last)
      return copy
    case 'extra': {
      const target = (last === undefined ? copy : parent[last]) as Record<string, unknown>
      Object.defineProperty(target, mutation.key, {
        value: mutation.value,
        enumerable: true,
        writable: true,
        configurable: true,
      })
      return copy
    }
  }
}

/** A valid example with exactly one thing wrong: a field's type or value, a missing or extra key. */
export function nearValid(example: unknown): fc.Arbitrary<unknown> {
  const fields = keyPaths(example)
  const containers = objectPaths(example)
  const mutations: fc.Arbitrary<Mutation>[] = [
    fc.record({
      kind: fc.constant('extra' as const),
      path: fc.constantFrom(...containers),
      key: fc.oneof(fc.constantFrom(...POLLUTING_KEYS, 'extra'), fc.string({ maxLength: 10 })),
      value: hostileValue,
    }),
  ]
  if (fields.length > 0) {
    mutations.push(
      fc.record({
        kind: fc.constant('replace' as const),
        path: fc.constantFrom(...fields),
        value: hostileValue,
      }),
      fc.record({ kind: fc.constant('remove' as const), path: fc.constantFrom(...fields) }),
    )
  }
  return fc.oneof(...mutations).map((m) => applyMutation(example, m))
}
