import { openDatabase, type DatabaseHandle } from './db/open'
import { demoDatabasePath } from './db/paths'

export type DatabaseChoice = 'own' | 'demo'

/**
 * How long a call waits for another connection's write lock. better-sqlite3 waits synchronously,
 * so the wait stalls every other call too: while an import holds its transaction, a save gives up
 * quickly and the registry tries it again later without blocking (registry.ts, invoke), instead
 * of freezing the window for 5 s. Worker connections keep the longer timeout of db/open.ts.
 */
export const SERVING_BUSY_TIMEOUT_MS = 100

async function openForServing(path: string, fullyChecked = false) {
  // A file just checked in full at start-up (backup/recovery.ts) is not checked again.
  const handle = await openDatabase(path, fullyChecked ? { integrity: 'none' } : {})
  handle.sqlite.pragma(`busy_timeout = ${SERVING_BUSY_TIMEOUT_MS}`)
  return handle
}

/**
 * The database the app is showing right now: the person's own file, or the demo file beside it.
 * Switching closes one and opens the other; the other file is never written by the switch.
 */
export class Session {
  private constructor(
    private ownFile: string,
    private current: DatabaseHandle,
    private choice: DatabaseChoice,
  ) {}

  /** `fullyChecked`: the caller has just run the full start-up check on the file. */
  static async open(ownPath: string, { fullyChecked = false } = {}) {
    return new Session(ownPath, await openForServing(ownPath, fullyChecked), 'own')
  }

  get handle() {
    return this.current
  }

  get database(): DatabaseChoice {
    return this.choice
  }

  get ownPath() {
    return this.ownFile
  }

  get demoPath() {
    return demoDatabasePath(this.ownFile)
  }

  /** Opens the chosen file; `prepare` runs on it before the switch completes (e.g. filling the demo). */
  async switchTo(choice: DatabaseChoice, prepare?: (handle: DatabaseHandle) => Promise<void>) {
    if (choice === this.choice) return
    await this.replace(choice === 'own' ? this.ownFile : this.demoPath, choice, prepare)
  }

  /**
   * Another file becomes the person's own database (File → Open database…). If it cannot be
   * opened — a newer Logbook's file, not a database — the current one stays open.
   */
  async openOwnFile(path: string) {
    await this.replace(path, 'own')
    this.ownFile = path
  }

  private async replace(
    path: string,
    choice: DatabaseChoice,
    prepare?: (handle: DatabaseHandle) => Promise<void>,
  ) {
    const next = await openForServing(path)
    try {
      await prepare?.(next)
    } catch (error) {
      await next.close()
      throw error
    }
    const previous = this.current
    this.current = next
    this.choice = choice
    await previous.close()
  }

  async close() {
    await this.current.close()
  }
}
