import { systemTimeZone } from '../../../shared/time'
import type { ProgressReporter } from '../context'
import type { DatabaseHandle } from '../db/open'
import { holdsRecords } from '../db/stats'
import { generateDemoData } from '../demo'

export const DEMO_SEED = 42

/** The demo file is filled once, on first use, in the person's own time zone. */
export async function fillDemoDatabaseIfEmpty(handle: DatabaseHandle, progress: ProgressReporter) {
  if (holdsRecords(handle.sqlite)) return
  progress({ fraction: null, message: 'Making the demo data (a few seconds, once)…' })
  await generateDemoData(handle, { seed: DEMO_SEED, now: new Date(), timeZone: systemTimeZone() })
}
