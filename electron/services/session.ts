import { openDatabase, type DatabaseHandle } from './db/open'
import { demoDatabasePath } from './db/paths'

export type DatabaseChoice = 'own' | 'demo'

/**
 * The database the app is showing right now: the person's own file, or the demo file beside it.
 * Switching closes one and opens the other; the other file is never written by the switch.
 */
export class Session {
  private constructor(
    readonly ownPath: string,
    private current: DatabaseHandle,
    private choice: DatabaseChoice,
  ) {}

  static async open(ownPath: string) {
    return new Session(ownPath, await openDatabase(ownPath), 'own')
  }

  get handle() {
    return this.current
  }

  get database(): DatabaseChoice {
    return this.choice
  }

  get demoPath() {
    return demoDatabasePath(this.ownPath)
  }

  /** Opens the chosen file; `prepare` runs on it before the switch completes (e.g. filling the demo). */
  async switchTo(choice: DatabaseChoice, prepare?: (handle: DatabaseHandle) => Promise<void>) {
    if (choice === this.choice) return
    const next = await openDatabase(choice === 'own' ? this.ownPath : this.demoPath)
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
