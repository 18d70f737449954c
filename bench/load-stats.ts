// Latencies and errors of bench/load.ts, per kind of call, and their percentiles.

export interface Summary {
  count: number
  p50: number
  p95: number
  p99: number
  max: number
}

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: readonly number[], p: number) {
  if (sorted.length === 0) return 0
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? 0
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? 0,
  }
}

/** A call this slow is a stall worth placing in time. */
const SLOW_MS = 2_000

export class LoadRecorder {
  private readonly created = performance.now()
  /** When calls over SLOW_MS began, in seconds from the recorder's creation. */
  readonly slowStarts: number[] = []
  readonly samples = new Map<string, number[]>()
  readonly errors = new Map<string, number>()
  /** The first few error messages, for the report. */
  readonly errorSamples: string[] = []

  record(kind: string, ms: number, error?: string) {
    let list = this.samples.get(kind)
    if (!list) this.samples.set(kind, (list = []))
    list.push(ms)
    if (ms > SLOW_MS) this.slowStarts.push((performance.now() - ms - this.created) / 1000)
    if (error === undefined) return
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1)
    if (this.errorSamples.length < 5) this.errorSamples.push(`${kind}: ${error}`)
  }

  get errorCount() {
    let total = 0
    for (const n of this.errors.values()) total += n
    return total
  }

  all(): number[] {
    return [...this.samples.values()].flat()
  }
}

const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(10)

export function summaryLine(label: string, s: Summary, errors = 0) {
  return `    ${label.padEnd(26)} ${String(s.count).padStart(6)} calls  p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  errors ${errors}`
}

/** One line per kind of call and one for all of them. */
export function printRecorder(recorder: LoadRecorder) {
  for (const [kind, samples] of [...recorder.samples].sort((a, b) => a[0].localeCompare(b[0]))) {
    console.log(summaryLine(kind, summarize(samples), recorder.errors.get(kind) ?? 0))
  }
  console.log(summaryLine('all', summarize(recorder.all()), recorder.errorCount))
  for (const sample of recorder.errorSamples) console.log(`    error: ${sample}`)
  printStalls(recorder)
}

/** How many calls took over SLOW_MS, and when they began. */
export function printStalls(recorder: LoadRecorder) {
  const starts = recorder.slowStarts
  if (starts.length === 0) return
  console.log(
    `    ${starts.length} calls over ${SLOW_MS / 1000} s, begun ${Math.min(...starts).toFixed(1)}–${Math.max(...starts).toFixed(1)} s into the phase`,
  )
}
