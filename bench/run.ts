// `npm run bench`: every benchmark, each printing ratios against a baseline measured in the same run.
import { runImportEventsBench } from './import-events'
import { runLoadBench } from './load'
import { runRecordsListBench } from './records-list'
import { runReportsBench } from './reports'
import { runRollupUpkeepBench } from './rollup-upkeep'
import { runTimestampStorageBench } from './timestamp-storage'
import { runUiSectionsBench } from './ui-sections'

const only = process.argv[2]
const benches: Record<string, () => void | Promise<void>> = {
  'timestamp-storage': runTimestampStorageBench,
  'records-list': runRecordsListBench,
  'import-events': runImportEventsBench,
  reports: runReportsBench,
  'ui-sections': runUiSectionsBench,
  'rollup-upkeep': runRollupUpkeepBench,
  load: runLoadBench,
}

for (const [name, run] of Object.entries(benches)) {
  if (only && only !== name) continue
  await run()
}
