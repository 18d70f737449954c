// How fast the generic list answers on 100,000 rows (what one scroll of the list costs), against
// a plain hand-written page query on the same file in the same run.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ServiceContext } from '../electron/services/context'
import { createAppRegistry } from '../electron/services/handlers'
import { invoke } from '../electron/services/registry'
import { Session } from '../electron/services/session'

const ROWS = 100_000

function median(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

async function time(run: () => unknown | Promise<unknown>, repeats = 15) {
  const samples: number[] = []
  for (let i = 0; i < repeats; i++) {
    const started = performance.now()
    await run()
    samples.push(performance.now() - started)
  }
  return median(samples)
}

export async function runRecordsListBench() {
  const dir = mkdtempSync(join(tmpdir(), 'logbook-bench-'))
  const session = await Session.open(join(dir, 'bench.db'))
  try {
    const { sqlite } = session.handle
    sqlite.exec(`
      INSERT INTO users (user_id, username) VALUES ('me', 'me');
      INSERT INTO fitness_exercises (exercise_name, exercise_type) VALUES ('Squat', 'strength'), ('Row', 'strength');
      WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 364)
        INSERT INTO fitness_workouts (user_id, workout_date) SELECT 1, date('2024-01-01', '+' || i || ' days') FROM n;
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS})
        INSERT INTO fitness_exercise_logs (workout_id, exercise_id, sets, reps, weight, notes)
        SELECT 1 + i % 365, 1 + i % 2, 1 + i % 5, i % 12, (i % 80) * 2.5, CASE WHEN i % 7 = 0 THEN 'felt strong' END FROM n;
    `)
    const registry = createAppRegistry()
    const ctx: ServiceContext = { session, adapter: 'cli', progress: () => undefined }
    const list = (input: Record<string, unknown>) => () =>
      invoke(registry, ctx, 'records.list', {
        entity: 'fitness_exercise_logs',
        limit: 100,
        ...input,
      })
    const baseline = sqlite.prepare(
      'SELECT * FROM fitness_exercise_logs ORDER BY id DESC LIMIT 100 OFFSET ?',
    )
    const base = await time(() => baseline.all(50_000))

    console.log(
      `records.list on ${ROWS.toLocaleString('en')} sets (baseline: a bare page query, ${base.toFixed(1)} ms)`,
    )
    const cases: [string, Record<string, unknown>][] = [
      ['first page', {}],
      ['page at row 50,000', { offset: 50_000 }],
      ['search "strong"', { search: 'strong' }],
      ['sorted by weight, row 50,000', { sort: 'weight', direction: 'desc', offset: 50_000 }],
      ['filtered by exercise and workout', { filters: { exercise_id: 2, workout_id: 10 } }],
    ]
    for (const [label, input] of cases) {
      const ms = await time(list(input))
      console.log(
        `  ${label.padEnd(34)} ${ms.toFixed(1).padStart(7)} ms  ${(ms / base).toFixed(1)}× baseline`,
      )
    }
  } finally {
    await session.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
