import type { Migration } from 'kysely/migration'
import * as people from './0001_people'
import * as studio from './0002_studio'
import * as events from './0003_events'
import * as fitness from './0004_fitness'
import * as media from './0005_media'
import * as blog from './0006_blog'
import * as seedViews from './0007_seed_views'
import * as imports from './0008_imports'
import * as eventIds from './0009_event_ids'
import * as rollupSummaries from './0010_rollup_summaries'
import * as rollupUpkeep from './0011_rollup_upkeep'
import * as auditLog from './0012_audit_log'
import * as rollupTriggerMark from './0013_rollup_trigger_mark'
import * as eventIndexes from './0014_event_indexes'
import * as reportIndexes from './0015_report_indexes'

// A static list: bundlers cannot read a folder at run time, and the CSP forbids eval.
// Names sort as text, so they are zero-padded. Never edit a released migration: add one.
export const migrations: Record<string, Migration> = {
  '0001_people': people,
  '0002_studio': studio,
  '0003_events': events,
  '0004_fitness': fitness,
  '0005_media': media,
  '0006_blog': blog,
  '0007_seed_views': seedViews,
  '0008_imports': imports,
  '0009_event_ids': eventIds,
  '0010_rollup_summaries': rollupSummaries,
  '0011_rollup_upkeep': rollupUpkeep,
  '0012_audit_log': auditLog,
  '0013_rollup_trigger_mark': rollupTriggerMark,
  '0014_event_indexes': eventIndexes,
  '0015_report_indexes': reportIndexes,
}
