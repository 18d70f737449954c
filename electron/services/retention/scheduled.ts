import type { RetentionApplyResult } from '../../../shared/retention'
import type { AuditSource } from '../audit/write'
import type { DatabaseHandle } from '../db/open'
import { readSettingsSync } from '../settings/store'
import { applyRetentionInWorker } from './in-worker'

/** How often enabled policies are applied again while the app runs (rows age by the hour). */
export const RETENTION_EVERY_MS = 6 * 3_600_000
/** The first run waits a little, so opening the window never waits on an archive. */
export const RETENTION_FIRST_AFTER_MS = 30_000

/**
 * Enabled retention policies apply by themselves: shortly after a database opens and every few
 * hours after, archiving into `archives/` beside the file (retention/apply.ts). Policies are off
 * by default, and the demo database is never touched (`current` gives null for it).
 */
export class RetentionScheduler {
  private timers: ReturnType<typeof setTimeout>[] = []

  constructor(
    private readonly current: () => DatabaseHandle | null,
    private readonly source: AuditSource,
  ) {}

  /**
   * Applies the enabled policies now, in a worker thread (retention/in-worker.ts); null when
   * none is enabled or no database is open.
   */
  async tick(now = new Date()): Promise<RetentionApplyResult | null> {
    const handle = this.current()
    if (!handle) return null
    const { retention } = readSettingsSync(handle.sqlite)
    if (!Object.values(retention).some((rule) => rule.enabled)) return null
    return applyRetentionInWorker({
      databasePath: handle.path,
      now: now.getTime(),
      source: this.source,
    })
  }

  start(
    firstAfterMs = RETENTION_FIRST_AFTER_MS,
    everyMs = RETENTION_EVERY_MS,
    onError: (error: unknown) => void = console.error,
  ) {
    this.stop()
    const run = () => {
      this.tick().catch(onError)
    }
    const first = setTimeout(run, firstAfterMs)
    const every = setInterval(run, everyMs)
    first.unref()
    every.unref()
    this.timers = [first, every]
    return () => this.stop()
  }

  stop() {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers = []
  }
}
