import fc from 'fast-check'
import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { finished } from 'node:stream/promises'
import { beforeEach, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../electron/services/db/open'
import { readCsv } from '../../electron/services/csv/read'
import { databaseChecksum } from '../../electron/services/db/checksum'
import type { LogbookError } from '../../shared/errors'
import { bindColumns, describeMapping } from '../../electron/services/imports/columns'
import { DEFAULT_EVENT_NAME, eventsPreset } from '../../electron/services/imports/presets/events'
import { REBUILD_INDEXES_AFTER } from '../../electron/services/imports/presets/events-write'
import { dateKeyOf } from '../../shared/time'
import { openFresh } from '../helpers/db'
import { importFile, rows, useImportFixtures } from '../helpers/imports'

const fixtures = useImportFixtures('events')
const { file, tempDir } = fixtures
let handle: DatabaseHandle
beforeEach(() => {
  handle = fixtures.db()
})
const count = (sql: string, ...params: unknown[]) =>
  handle.sqlite
    .prepare(sql)
    .pluck()
    .get(...params) as number

interface EventRow {
  event_id: string
  user_id: string
  event_name: string
  event_ts: number
  date_key: number
  ingested_at: number
  duration_seconds: number | null
  source: string | null
  app_session_id: string | null
  page_url: string | null
  properties: string | null
  import_id: number | null
}

function events(): EventRow[] {
  return rows<EventRow>(handle, 'SELECT * FROM fct_event ORDER BY event_key')
}

/** [user, event name, epoch ms, date_key] of every event, in file order. */
function essentials() {
  return events().map((e) => [e.user_id, e.event_name, e.event_ts, e.date_key])
}

function writeCsv(name: string, text: string) {
  const path = join(tempDir(), name)
  writeFileSync(path, text)
  return path
}

describe('each kind of event log, read exactly', () => {
  it('Mixpanel: distinct_id, event, time in epoch seconds, $insert_id kept as the event id', async () => {
    const summary = await importFile(handle, 'auto', file('mixpanel.csv'))
    expect(summary).toMatchObject({ preset: 'events', rows: 3, inserted: 3, rejected: 0 })
    expect(summary.presetReason).toMatch(/Event log: the header has “distinct_id”, “event”, “time”/)
    // 1740819600 s = 2025-03-01T09:00:00Z (10:00 in Berlin); 1743289200 s = 2025-03-29T23:00Z,
    // already the 30th in Berlin.
    expect(essentials()).toEqual([
      ['12345678901234567890', 'Sign Up', 1_740_819_600_000, 20250301],
      ['12345678901234567890', 'Page View', 1_740_823_200_000, 20250301],
      ['alice@example.com', 'Page View', 1_743_289_200_000, 20250330],
    ])
    const all = events()
    expect(all.map((e) => e.event_id)).toEqual(['mp-0001', 'mp-0002', 'mp-0003'])
    expect(all.map((e) => (e.properties === null ? null : JSON.parse(e.properties)))).toEqual([
      { mp_country_code: 'DE', $browser: 'Chrome' },
      { mp_country_code: 'DE', $browser: 'Chrome' },
      { mp_country_code: 'US' }, // a blank cell is left out
    ])
    expect(all.every((e) => e.import_id === summary.importId)).toBe(true)
  })

  it('Amplitude: user_id, event_type, event_time with microseconds and no zone (UTC)', async () => {
    const summary = await importFile(handle, 'auto', file('amplitude.csv'))
    // Four events: the last two are 1 µs apart, and both stay.
    expect(summary).toMatchObject({ preset: 'events', rows: 4, inserted: 4, duplicates: 0 })
    // 2025-06-15T21:59:59.123Z is 23:59:59 in Berlin (CEST); 22:00Z is already the 16th.
    expect(essentials()).toEqual([
      ['98765432109876543210', 'session_start', 1_750_024_799_123, 20250615],
      ['98765432109876543210', 'button_click', 1_750_024_800_000, 20250616],
      ['bob', 'button_click', 1_750_024_800_500, 20250616],
      ['bob', 'button_click', 1_750_024_800_500, 20250616],
    ])
    const all = events()
    // platform: iOS is no fct_event source, so it stays in the properties; Web is `web`.
    expect(all.map((e) => [e.source, e.app_session_id, e.properties])).toEqual([
      [null, '1750024799000', '{"device_id":"dev-1","platform":"iOS"}'],
      [null, '1750024799000', '{"device_id":"dev-1","platform":"iOS"}'],
      ['web', '1750024800500', '{"device_id":"dev-2"}'],
      ['web', '1750024800500', '{"device_id":"dev-2"}'],
    ])
    // No id column: ids are derived from the content, all different.
    expect(new Set(all.map((e) => e.event_id)).size).toBe(4)
    expect(all.every((e) => /^h-[\w-]{22}$/.test(e.event_id))).toBe(true)
  })

  it('a date column and a time-of-day column; duration rounded to whole seconds', async () => {
    const summary = await importFile(handle, 'auto', file('date-time.csv'))
    expect(summary).toMatchObject({ preset: 'events', inserted: 4, rejected: 0 })
    // 2025-10-26T00:30Z is 02:30 CEST; 23:30Z that day is 00:30 CET on the 27th;
    // 09:15:30+01:00 is 08:15:30Z; a date with no time is midnight UTC (01:00 in Berlin).
    expect(essentials()).toEqual([
      ['u-1', 'timer_stop', 1_761_438_600_000, 20251026],
      ['u-1', 'timer_stop', 1_761_521_400_000, 20251027],
      ['u-2', 'task_completed', 1_761_552_930_000, 20251027],
      ['u-2', 'app_open', 1_761_609_600_000, 20251028],
    ])
    expect(events().map((e) => e.duration_seconds)).toEqual([1500, 60, null, null])
  })

  it('epoch seconds, milliseconds, microseconds and nanoseconds in one column, per value', async () => {
    const summary = await importFile(handle, 'auto', file('epochs.csv'))
    expect(summary).toMatchObject({ inserted: 6, rejected: 0 })
    expect(essentials()).toEqual([
      ['u-1', 'seconds', 1_735_689_600_000, 20250101],
      ['u-1', 'seconds with a fraction', 1_735_689_600_250, 20250101],
      ['u-1', 'milliseconds', 1_735_689_600_123, 20250101],
      ['u-1', 'microseconds', 1_735_689_600_123, 20250101],
      ['u-1', 'nanoseconds', 1_735_689_600_123, 20250101],
      // 12 digits: milliseconds, 1973-03-03T09:46:40Z.
      ['u-1', 'milliseconds in 1973', 100_000_000_000, 19730303],
    ])
  })

  it('ISO-8601 with offsets, with UTC written out, with microseconds', async () => {
    const summary = await importFile(handle, 'auto', file('iso.csv'))
    expect(summary).toMatchObject({ inserted: 8, rejected: 0 })
    // All of them 2025-01-31T23:30:00Z (1738366200 s), 00:30 on February 1st in Berlin.
    const at = 1_738_366_200_000
    expect(essentials()).toEqual([
      ['u-1', 'z', at, 20250201],
      ['u-1', 'plus two hours', at, 20250201],
      ['u-1', 'minus five hours', at + 250, 20250201],
      ['u-1', 'plus five thirty', at, 20250201],
      ['u-1', 'utc written out', at, 20250201],
      ['u-1', 'offset after a space', at, 20250201],
      ['u-1', 'microseconds', at + 123, 20250201],
      ['u-1', 'hours-only offset', at, 20250201],
    ])
  })

  it('the reporting zone decides date_key, not the instant', async () => {
    await importFile(handle, 'events', file('iso.csv'), { timeZone: 'America/New_York' })
    expect(essentials()[0]).toEqual(['u-1', 'z', 1_738_366_200_000, 20250131])
  })
})

describe('ids are text, digit for digit', () => {
  it('user and event ids longer than a double holds', async () => {
    await importFile(handle, 'auto', file('long-ids.csv'))
    expect(
      rows(handle, 'SELECT event_id, typeof(event_id) AS t, user_id FROM fct_event ORDER BY 1'),
    ).toEqual([
      { event_id: '9007199254740993', t: 'text', user_id: '9007199254740993' },
      { event_id: '98765432109876543210', t: 'text', user_id: '12345678901234567890' },
      { event_id: '98765432109876543211', t: 'text', user_id: '12345678901234567891' },
    ])
    // Through a double, …890 and …891 would be one person, and 2^53 + 1 would end in 2.
    expect(rows(handle, 'SELECT user_id, username FROM users ORDER BY user_id')).toEqual([
      { user_id: '12345678901234567890', username: '12345678901234567890' },
      { user_id: '12345678901234567891', username: '12345678901234567891' },
      { user_id: '9007199254740993', username: '9007199254740993' },
    ])
  })
})

describe('names, actions and people', () => {
  it(`a blank event name is "${DEFAULT_EVENT_NAME}"; names are trimmed; other columns are properties`, async () => {
    await importFile(handle, 'auto', file('names.csv'))
    expect(events().map((e) => [e.event_name, e.properties])).toEqual([
      [DEFAULT_EVENT_NAME, '{"plan":"pro"}'],
      ['upgrade', '{"plan":"pro"}'],
    ])
  })

  it(`a log with no event-name column: every event is "${DEFAULT_EVENT_NAME}", and the mapping says so`, async () => {
    const summary = await importFile(handle, 'events', file('no-name-column.csv'))
    expect(summary.inserted).toBe(2)
    expect(events().map((e) => [e.user_id, e.event_name, e.page_url, e.properties])).toEqual([
      ['v-1', DEFAULT_EVENT_NAME, '/pricing', null],
      ['v-2', DEFAULT_EVENT_NAME, '/docs', null],
    ])
    const name = eventsPreset.fields.find((f) => f.key === 'name')
    expect(name?.label).toContain(`"${DEFAULT_EVENT_NAME}"`)
  })

  it('new actions join the taxonomy as core actions; an action the person demoted stays demoted', async () => {
    handle.sqlite
      .prepare(
        `INSERT INTO dim_actions (action_type, action_category, is_core_action) VALUES ('Page View', 'browsing', 0)`,
      )
      .run()
    await importFile(handle, 'events', file('mixpanel.csv'))
    expect(
      rows(
        handle,
        'SELECT action_type, action_category, is_core_action FROM dim_actions ORDER BY action_type',
      ),
    ).toEqual([
      { action_type: 'Page View', action_category: 'browsing', is_core_action: 0 },
      { action_type: 'Sign Up', action_category: 'uncategorised', is_core_action: 1 },
    ])
  })

  it('unknown users become people; known ones are used as they are', async () => {
    handle.sqlite
      .prepare(`INSERT INTO users (user_id, username, name) VALUES ('bob', 'bob', 'Bob Known')`)
      .run()
    await importFile(handle, 'events', file('amplitude.csv'))
    expect(rows(handle, 'SELECT user_id, username, name FROM users ORDER BY id')).toEqual([
      { user_id: 'bob', username: 'bob', name: 'Bob Known' },
      { user_id: '98765432109876543210', username: '98765432109876543210', name: null },
    ])
  })
})

describe('importing again', () => {
  it.each(['mixpanel.csv', 'amplitude.csv', 'date-time.csv', 'epochs.csv', 'iso.csv', 'names.csv'])(
    '%s a second time adds nothing',
    async (name) => {
      const first = await importFile(handle, 'events', file(name))
      const before = databaseChecksum(handle.sqlite, ['fct_event', 'users', 'dim_actions'])
      const second = await importFile(handle, 'events', file(name))
      expect(second).toMatchObject({ inserted: 0, duplicates: first.inserted, rejected: 0 })
      expect(databaseChecksum(handle.sqlite, ['fct_event', 'users', 'dim_actions'])).toBe(before)
    },
  )

  it('the same events in another file (columns reordered, another time format) are found', async () => {
    await importFile(handle, 'events', file('iso.csv'))
    const again = writeCsv(
      'again.csv',
      'event_ts,event_name,user_id\n2025-02-01T00:30:00+01:00,z,u-1\n1738366200123456,microseconds,u-1\n1738366200,new,u-1\n',
    )
    const summary = await importFile(handle, 'events', again)
    expect(summary).toMatchObject({ inserted: 1, duplicates: 2 })
    expect(count('SELECT count(*) FROM fct_event')).toBe(9)
  })

  it('a row repeated inside one file is one event', async () => {
    const path = writeCsv(
      'twice.csv',
      'user_id,event_name,event_ts\nu-1,a,2025-03-01T09:00:00Z\nu-1,a,2025-03-01T09:00:00Z\n',
    )
    const summary = await importFile(handle, 'events', path)
    expect(summary).toMatchObject({ inserted: 1, duplicates: 1 })
  })
})

describe('rows that do not read', () => {
  it('are rejected with line, column, value and reason; the rest go in', async () => {
    const summary = await importFile(handle, 'auto', file('bad-rows.csv'))
    expect(summary).toMatchObject({ rows: 12, inserted: 2, rejected: 10 })
    expect(events().map((e) => [e.event_name, e.duration_seconds, e.source])).toEqual([
      ['ok', 10, 'web'],
      ['ok too', null, 'desktop'],
    ])
    expect(summary.rejects).toEqual([
      { line: 3, column: 'user_id', value: '', reason: 'is empty: every event needs a user id' },
      {
        line: 4,
        column: 'event_ts',
        value: 'yesterday',
        reason: expect.stringMatching(/^"yesterday" is not a date and time \(expected ISO-8601/),
      },
      {
        line: 5,
        column: 'event_ts',
        value: '1969-12-31T23:59:59Z',
        reason: '"1969-12-31T23:59:59Z" is before 1970',
      },
      { line: 6, column: 'event_ts', value: '-5', reason: '"-5" is before 1970' },
      {
        line: 7,
        column: 'duration_seconds',
        value: '-3',
        reason: 'is negative: a duration is 0 seconds or more',
      },
      { line: 8, column: 'duration_seconds', value: 'ten', reason: '"ten" is not a number' },
      {
        line: 9,
        column: 'event_ts',
        value: '2025-02-30T09:00:00Z',
        reason: '"2025-02-30T09:00:00Z" is not a real calendar day',
      },
      {
        line: 10,
        column: 'event_ts',
        value: '2025-03-01T25:00:00Z',
        reason: '"2025-03-01T25:00:00Z" is not a real time of day',
      },
      {
        line: 11,
        column: '',
        value: '',
        reason: expect.stringMatching(/^has 6 values but the header has 5 columns/),
      },
      {
        line: 13,
        column: 'event_ts',
        value: '3000-01-01T00:00:00Z',
        reason: '"3000-01-01T00:00:00Z" is after the year 2999',
      },
    ])
  })

  it('a row reports all its problems at once', async () => {
    const path = writeCsv('two.csv', 'user_id,event_name,event_ts,duration\n,x,soon,-1\n')
    const summary = await importFile(handle, 'events', path)
    expect(summary.rejects.map((r) => r.column)).toEqual(['user_id', 'event_ts', 'duration'])
  })

  it('a time that is 1969 in the reporting zone is refused (date_key starts in 1970)', async () => {
    const path = writeCsv('early.csv', 'user_id,event_name,event_ts\nu,x,1970-01-01T03:00:00Z\n')
    const summary = await importFile(handle, 'events', path, { timeZone: 'America/New_York' })
    expect(summary.rejects[0]).toMatchObject({
      column: 'event_ts',
      reason: 'falls outside 1970–2999 in the reporting time zone',
    })
  })

  it('a file with no user column or no time column is refused before anything is read', async () => {
    const noUser = writeCsv('no-user.csv', 'event_name,event_ts\nx,2025-03-01T09:00:00Z\n')
    await expect(importFile(handle, 'events', noUser)).rejects.toThrow(/has no column for User id/)
    const noTime = writeCsv('no-time.csv', 'user_id,event_name\nu,x\n')
    await expect(importFile(handle, 'events', noTime)).rejects.toThrow(
      /has no column for Event time/,
    )
  })
})

describe('columns found by name and common aliases', () => {
  const cases: [string, string, Record<string, string>][] = [
    ['User Id,Event Name,Event Time', 'u,x,2025-03-01T09:00:00Z', {}],
    ['distinct_id,event,time', 'u,x,1740819600', {}],
    ['visitor_id,action,timestamp', 'u,x,1740819600000', {}],
    ['userId,eventType,ts', 'u,x,2025-03-01 09:00:00 UTC', {}],
    ['anonymous_id,event_type,occurred_at', 'u,x,2025-03-01T10:00:00+01:00', {}],
    ['USER_ID,EVENT_NAME,EVENT_TS', 'u,x,2025-03-01T09:00:00Z', {}],
  ]
  it.each(cases)('%s', async (header, row) => {
    const summary = await importFile(handle, 'auto', writeCsv('alias.csv', `${header}\n${row}\n`))
    expect(summary).toMatchObject({ preset: 'events', inserted: 1 })
    expect(essentials()).toEqual([['u', 'x', 1_740_819_600_000, 20250301]])
  })

  it('the optional columns: ingested_at, source, session, duration, page, task, context', async () => {
    const path = writeCsv(
      'all.csv',
      'event_id,user_id,event_name,event_ts,ingested_at,source,session_id,duration_seconds,page_url,task_id,action_context,extra\n' +
        'e-1,u,timer_stop,2025-03-01T09:00:00Z,2025-03-01T09:00:02.5Z,API,s-1,90,https://x.test/a,t-9,sidebar,"a ""quoted"", value"\n',
    )
    await importFile(handle, 'events', path)
    expect(
      rows(
        handle,
        `SELECT event_id, ingested_at, source, app_session_id, duration_seconds, page_url, task_id,
           action_context, properties FROM fct_event`,
      ),
    ).toEqual([
      {
        event_id: 'e-1',
        ingested_at: 1_740_819_602_500,
        source: 'api',
        app_session_id: 's-1',
        duration_seconds: 90,
        page_url: 'https://x.test/a',
        task_id: 't-9',
        action_context: 'sidebar',
        properties: '{"extra":"a \\"quoted\\", value"}',
      },
    ])
  })

  it('properties keep the file’s column names, made unique; a row of empty cells is skipped', async () => {
    const path = writeCsv(
      'names.csv',
      'user_id,event_name,event_ts,tag,tag,\nu,x,2025-03-01T09:00:00Z,a,b,c\n,,,,,\n',
    )
    const summary = await importFile(handle, 'events', path)
    expect(summary).toMatchObject({ rows: 2, inserted: 1, skipped: 1, rejected: 0 })
    expect(JSON.parse(events()[0]!.properties ?? 'null')).toEqual({
      tag: 'a',
      'tag (2)': 'b',
      'column 6': 'c',
    })
  })

  it('without an ingested_at column, ingested_at is the time of the import', async () => {
    const now = Date.UTC(2025, 5, 1, 12)
    await importFile(handle, 'events', file('names.csv'), { now })
    expect(events().map((e) => e.ingested_at)).toEqual([now, now])
  })

  it('the preview mapping names what each column becomes', async () => {
    const { header } = await readCsv(file('date-time.csv'), {
      onRow: () => undefined,
      onError: () => undefined,
    })
    const mapping = describeMapping(eventsPreset, header, bindColumns(eventsPreset.fields, header))
    expect(mapping.map((m) => [m.column, m.field])).toEqual([
      ['date', 'date'],
      ['time', 'time'],
      ['user', 'user'],
      ['action', 'name'],
      ['duration', 'duration'],
    ])
  })
})

describe('detect', () => {
  it.each([
    [
      'Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE',
    ],
    ['Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date'],
    ['Time of Measurement,Weight(lb),BMI,Body Fat(%)'],
    ['Date,Weight_kg'],
    ['Visit Date,Time,Class,Instructor,Location,Member ID,Member Name,Email,Status'],
    ['Date,Meal,Time,Calories,Fat (g)'],
    ['user_id,Date,Exercise Name,Weight(kg)'], // a user column does not make a workout an event
    ['user_id,event_name'], // no time column
    ['event_name,event_ts'], // no user column
  ])('is not %s', (header) => {
    expect(eventsPreset.detect(header.split(','), 'export.csv')).toBeNull()
  })

  it('scores an event log with an event column above one without', () => {
    const full = eventsPreset.detect(['user_id', 'event_name', 'event_ts'], 'x.csv')
    const bare = eventsPreset.detect(['user_id', 'timestamp', 'plan'], 'x.csv')
    expect(full?.score).toBeGreaterThan(bare?.score ?? 1)
    expect(bare?.reason).toMatch(/no event-name column/)
  })
})

describe('long logs: indexes set aside and built again', () => {
  async function writeLog(path: string, rowsCount: number, offset = 0) {
    const out = createWriteStream(path)
    out.write('user_id,event_name,event_ts,session_id\n')
    const start = Date.UTC(2025, 0, 1)
    for (let i = offset; i < offset + rowsCount; i++) {
      const line = `user-${i % 997},action_${i % 5},${start + i * 61_000},s-${i % 333}\n`
      if (!out.write(line)) await once(out, 'drain')
    }
    out.end()
    await finished(out)
  }

  function indexSql() {
    return rows<{ name: string; sql: string }>(
      handle,
      `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'fct_event' ORDER BY name`,
    )
  }

  it('leaves the same indexes, the same cache size and a sound database', async () => {
    const before = indexSql()
    expect(before.map((index) => index.name)).toEqual([
      'event_account',
      'event_class_session',
      'event_id_unique',
      'event_ingested',
      'event_location',
      'event_time',
      'event_user_time',
      'event_work',
    ])
    const cacheSize = handle.sqlite.pragma('cache_size', { simple: true })
    const path = join(tempDir(), 'long.csv')
    // Twice the threshold, so that progress is reported while the indexes are set aside.
    const total = REBUILD_INDEXES_AFTER * 2
    await writeLog(path, total)
    let fewest = before.length
    const summary = await importFile(handle, 'events', path, {
      upkeep: null,
      onProgress: () => (fewest = Math.min(fewest, indexSql().length)),
    })
    // The five indexes every row would pay for were set aside (person + time, time, ingested,
    // the unique one on event_id, and work events: its condition reads event_name); the partial
    // ones on columns an import never fills were kept.
    expect(fewest).toBe(before.length - 5)
    expect(summary).toMatchObject({ inserted: total, rejected: 0 })
    const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex')
    expect(summary.fileHash).toBe(sha256)
    expect(count('SELECT count(*) FROM imports WHERE file_hash = ?', sha256)).toBe(1)
    expect(indexSql()).toEqual(before)
    expect(handle.sqlite.pragma('cache_size', { simple: true })).toBe(cacheSize)
    expect(handle.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    // The rebuilt indexes answer: a (user, time) range; a session lookup reads the table.
    expect(count(`SELECT count(*) FROM fct_event WHERE user_id = 'user-5'`)).toBe(
      Math.ceil((total - 5) / 997),
    )
    expect(count(`SELECT count(*) FROM fct_event WHERE app_session_id = 's-7'`)).toBe(
      Math.ceil((total - 7) / 333),
    )
    const again = await importFile(handle, 'events', path, { upkeep: null })
    expect(again).toMatchObject({ inserted: 0, duplicates: total })
  }, 60_000)

  it('a long file repeating ids finds its duplicates at the end, against the table and itself', async () => {
    await importFile(handle, 'events', file('iso.csv'))
    const existing = count('SELECT count(*) FROM fct_event')
    const path = join(tempDir(), 'repeated.csv')
    const half = REBUILD_INDEXES_AFTER + 5_000
    await writeLog(path, half)
    const [header = '', ...body] = readFileSync(path, 'utf8').trimEnd().split('\n')
    writeFileSync(path, [header, ...body, ...body, ''].join('\n'))
    const summary = await importFile(handle, 'events', path, { upkeep: null })
    expect(summary).toMatchObject({ rows: 2 * half, inserted: half, duplicates: half })
    expect(count('SELECT count(*) FROM fct_event')).toBe(existing + half)
    expect(count('SELECT count(DISTINCT event_id) FROM fct_event')).toBe(existing + half)
    expect(count('SELECT count(*) FROM fct_event WHERE import_id = ?', summary.importId)).toBe(half)
  }, 60_000)

  it('a cancel after the indexes were set aside leaves the database as it was', async () => {
    await importFile(handle, 'events', file('iso.csv'))
    const before = databaseChecksum(handle.sqlite)
    const indexes = indexSql()
    const path = join(tempDir(), 'long.csv')
    await writeLog(path, REBUILD_INDEXES_AFTER * 3)
    const controller = new AbortController()
    let indexesWhenCancelled = -1
    const error = await importFile(handle, 'events', path, {
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.rows > REBUILD_INDEXES_AFTER + 1_000 && !controller.signal.aborted) {
          // Inside the import's transaction: the indexes are set aside at this point.
          indexesWhenCancelled = indexSql().length
          controller.abort()
        }
      },
    }).catch((e: unknown) => e)
    expect((error as LogbookError).code).toBe('cancelled')
    // user+time, time, ingested, event id, work events (0014 dropped the one on app sessions)
    expect(indexesWhenCancelled).toBe(indexes.length - 5)
    expect(indexSql()).toEqual(indexes)
    expect(databaseChecksum(handle.sqlite)).toBe(before)
  }, 60_000)
})

describe('property: whatever the rows, the events are what a plain loop expects', () => {
  const users = ['u-1', 'alice', '12345678901234567890', 'Zoë', 'a,b', 'quote"d']
  const names = ['signup', 'page view', '', 'checkout, step 2']
  const formats = ['iso-z', 'iso-offset', 'utc-suffix', 'seconds', 'ms', 'us'] as const

  function timeText(ms: number, format: (typeof formats)[number], offsetMinutes: number) {
    const iso = (t: number) => new Date(t).toISOString()
    switch (format) {
      case 'iso-z':
        return iso(ms)
      case 'iso-offset': {
        const local = iso(ms + offsetMinutes * 60_000).slice(0, 23)
        const abs = Math.abs(offsetMinutes)
        const hh = String(Math.floor(abs / 60)).padStart(2, '0')
        const mm = String(abs % 60).padStart(2, '0')
        return `${local}${offsetMinutes < 0 ? '-' : '+'}${hh}:${mm}`
      }
      case 'utc-suffix':
        return `${iso(ms).slice(0, 23).replace('T', ' ')} UTC`
      case 'seconds':
        return `${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')}`
      case 'ms':
        return String(ms)
      case 'us':
        return `${ms}000`
    }
  }

  const cell = (text: string) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text)

  it('imports each generated log exactly once', async () => {
    let run = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            user: fc.constantFrom(...users),
            name: fc.constantFrom(...names),
            // From 1973 on, so that epoch milliseconds have 12 digits or more.
            ms: fc.integer({ min: Date.UTC(1973, 3, 1), max: Date.UTC(2060, 0, 1) }),
            format: fc.constantFrom(...formats),
            offset: fc.integer({ min: -12 * 60, max: 14 * 60 }),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        fc.constantFrom('Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'UTC'),
        async (generated, zone) => {
          run += 1
          const db = await openFresh(tempDir(), `property-${run}.db`)
          try {
            const lines = ['user_id,event_name,event_ts']
            for (const e of generated) {
              lines.push([cell(e.user), cell(e.name), timeText(e.ms, e.format, e.offset)].join(','))
            }
            const path = join(tempDir(), `property-${run}.csv`)
            writeFileSync(path, `${lines.join('\n')}\n`)

            // The plain loop: one event per distinct (user, name, instant).
            const expected = new Map<string, [string, string, number, number]>()
            for (const e of generated) {
              const name = e.name === '' ? DEFAULT_EVENT_NAME : e.name
              expected.set(JSON.stringify([e.user, name, e.ms]), [
                e.user,
                name,
                e.ms,
                dateKeyOf(e.ms, zone),
              ])
            }

            const first = await importFile(db, 'events', path, { timeZone: zone })
            const stored = db.sqlite
              .prepare('SELECT user_id, event_name, event_ts, date_key FROM fct_event')
              .raw()
              .all() as [string, string, number, number][]
            const sort = (list: unknown[][]) => list.map((r) => JSON.stringify(r)).sort()
            expect(sort(stored)).toEqual(sort([...expected.values()]))
            expect(first).toMatchObject({ rejected: 0, inserted: expected.size })
            expect(first.duplicates).toBe(generated.length - expected.size)

            const second = await importFile(db, 'events', path, { timeZone: zone })
            expect(second).toMatchObject({ inserted: 0, duplicates: generated.length })
            expect(db.sqlite.prepare('SELECT count(*) FROM fct_event').pluck().get()).toBe(
              expected.size,
            )
          } finally {
            await db.close()
          }
        },
      ),
      { numRuns: 25 },
    )
  }, 120_000)
})
