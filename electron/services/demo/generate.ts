import type BetterSqlite3 from 'better-sqlite3'
import { LogbookError } from '../../../shared/errors'
import { tableNames, type TableName } from '../../../shared/schema'
import { defaultSettings, type Settings } from '../../../shared/settings'
import { dateKeyOf, isValidTimeZone } from '../../../shared/time'
import { rebuildRollups, type RollupCounts } from '../rollups/rebuild'
import { writeBlogCategories, writeBlogPosts } from './blog-posts'
import { writeBlogTraffic } from './blog-traffic'
import { LocalClock, addDays, iso } from './clock'
import type { DemoContext } from './context'
import { EventLog } from './events'
import { writeGoals, writeMeasurements, writeNutrition } from './fitness-body'
import { writeLibrary } from './fitness-library'
import { writePrograms } from './fitness-programs'
import { writeTraining } from './fitness-training'
import { Identities } from './identities'
import { writeFilms } from './media-films'
import { writeGames } from './media-games'
import { writeOtherMedia } from './media-other'
import { writePlatforms } from './media-platforms'
import { writeOwner } from './owner'
import { writeProductEvents } from './product-events'
import { writeAccounts, writeProductUsers } from './product-users'
import { DemoRandom } from './random'
import { writeBookings } from './studio-bookings'
import { writeMembers } from './studio-members'
import { writeClassSessions, writeLocations } from './studio-schedule'
import { writeActions } from './taxonomy'
import { RowWriter } from './writer'

export interface DemoOptions {
  /** Same seed, `now` and zone → the same database, row for row. */
  seed?: number
  /** The end of the generated history. */
  now: Date
  /** The reporting time zone, stored as the timeZone setting. */
  timeZone: string
}

export interface DemoSummary {
  counts: Record<TableName, number>
  rollups: RollupCounts
}

/** The owner's history (fitness, media, blog) spans two years; studio and product one. */
const OWNER_DAYS = 730
const WINDOW_DAYS = 365

function assertEmpty(sqlite: BetterSqlite3.Database) {
  for (const table of tableNames) {
    if (table === 'app_settings') continue
    if (sqlite.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get() !== undefined) {
      throw new LogbookError(
        'conflict',
        `Demo data goes into an empty database, but ${table} already has rows. ` +
          `Create a new database for the demo.`,
      )
    }
  }
}

function writeSettings(sqlite: BetterSqlite3.Database, settings: Settings, atMs: number) {
  const upsert = sqlite.prepare(
    `INSERT INTO app_settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  )
  for (const [key, value] of Object.entries(settings))
    upsert.run(key, JSON.stringify(value), iso(atMs))
}

function countRows(sqlite: BetterSqlite3.Database) {
  return Object.fromEntries(
    tableNames.map((t) => [t, sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]),
  ) as Record<TableName, number>
}

/**
 * Fills an empty database with two years of one person's training, media and blog, a year of a
 * three-location studio and a year of a small product's event log, all consistent with each
 * other; then rebuilds the rollups from it. Settings are set to their defaults with the given
 * time zone. Runs in one transaction: on failure nothing is written.
 */
export function generateDemoData(
  handle: { sqlite: BetterSqlite3.Database },
  options: DemoOptions,
): DemoSummary {
  const { sqlite } = handle
  const { seed = 42, now, timeZone } = options
  const nowMs = now.getTime()
  if (!Number.isFinite(nowMs))
    throw new LogbookError('invalid_input', 'now is not a valid date', 'now')
  if (!isValidTimeZone(timeZone)) {
    throw new LogbookError('invalid_input', `Unknown time zone ${timeZone}`, 'timeZone')
  }
  const rng = new DemoRandom(seed, now)
  const ctx: DemoContext = {
    rng,
    writer: new RowWriter(sqlite),
    events: new EventLog(rng, timeZone),
    clock: new LocalClock(timeZone),
    identities: new Identities(rng),
    nowMs,
    today: dateKeyOf(nowMs, timeZone),
  }
  const settings = defaultSettings(timeZone)
  const historyStart = addDays(ctx.today, -OWNER_DAYS)
  const windowStart = addDays(ctx.today, -WINDOW_DAYS)

  const generate = sqlite.transaction((): DemoSummary => {
    assertEmpty(sqlite)
    writeSettings(sqlite, settings, nowMs)
    const setupMs = ctx.clock.at(historyStart, 8)
    writeActions(ctx.writer, setupMs)

    const owner = writeOwner(ctx, historyStart)
    const library = writeLibrary(ctx, owner.createdMs + 5 * 60_000)
    const programs = writePrograms(ctx, owner, library, historyStart)
    writeTraining(ctx, owner, library, programs, historyStart)
    writeMeasurements(ctx, owner, historyStart)
    writeNutrition(ctx, owner, historyStart)
    writeGoals(ctx, owner, historyStart)

    writePlatforms(ctx, owner.createdMs + 10 * 60_000)
    writeFilms(ctx, owner, historyStart)
    writeGames(ctx, owner, historyStart)
    writeOtherMedia(ctx, owner, historyStart)

    const locations = writeLocations(ctx, ctx.clock.at(addDays(windowStart, -400), 9))
    const classes = writeClassSessions(ctx, locations, windowStart)
    const members = writeMembers(ctx, locations, windowStart)
    writeBookings(ctx, members, classes)

    const accounts = writeAccounts(ctx, windowStart)
    const productUsers = writeProductUsers(ctx, accounts, windowStart)
    writeProductEvents(ctx, productUsers, windowStart)

    writeBlogCategories(ctx, owner.createdMs + 15 * 60_000)
    const posts = writeBlogPosts(ctx, owner, historyStart)
    const readers = [...members, ...productUsers].sort(
      (a, b) => a.createdMs - b.createdMs || a.id - b.id,
    )
    writeBlogTraffic(ctx, posts, readers)

    ctx.events.write(ctx.writer)
    const rollups = rebuildRollups(sqlite, settings)
    return { counts: countRows(sqlite), rollups }
  })
  return generate.immediate()
}
