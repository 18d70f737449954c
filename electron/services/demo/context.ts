import type { DateKey } from '../../../shared/time'
import type { LocalClock } from './clock'
import type { EventLog } from './events'
import type { Identities } from './identities'
import type { DemoRandom } from './random'
import type { RowWriter } from './writer'

/** What every generator module shares. */
export interface DemoContext {
  rng: DemoRandom
  writer: RowWriter
  events: EventLog
  clock: LocalClock
  identities: Identities
  /** The end of the generated history (epoch ms); nothing but future classes is after it. */
  nowMs: number
  /** The local day of `nowMs`. */
  today: DateKey
}

/** A person other modules can point at (blog readers), known from when they exist. */
export interface PersonRef {
  id: number
  userId: string
  createdMs: number
}
