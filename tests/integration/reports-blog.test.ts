import type BetterSqlite3 from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../electron/services/db/open'
import type { ReportParams } from '../../shared/reports'
import { openFresh } from '../helpers/db'
import {
  addPerson,
  expectDemoRows,
  expectNoRows,
  insertRow,
  localDate,
  mondayOf,
  objects,
  openDemo,
  plusDays,
  r,
  runReport,
  type Row,
} from '../helpers/module-data'
import { useSuiteTempDir } from '../helpers/tmp'

// Auckland is UTC+13 until 6 April 2025: a visit at 11:30 UTC on 28 February is on 1 March there.
const ZONE = 'Pacific/Auckland'
const NOW = Date.parse('2025-04-20T00:00:00Z')
const tempDir = useSuiteTempDir()

const run = (sqlite: BetterSqlite3.Database, name: string, params: ReportParams = {}) =>
  objects(runReport(sqlite, name, params, { zone: ZONE, now: NOW }))

describe('blog reports on an empty database', () => {
  it('return no rows', async () => {
    const handle = await openFresh(tempDir(), 'empty.db')
    expectNoRows(handle.sqlite, 'blog')
    await handle.close()
  })
})

interface Visit {
  blog_id: string
  user_id: number | null
  timestamp: string
  view_count: number
  read_time_seconds: number | null
  scroll_depth_percentage: number | null
  time_on_page_seconds: number | null
}
interface Engagement {
  blog_id: string
  user_id: number | null
  engagement_type: string
  timestamp: string
}

/** The shared columns of a post, category or period, computed with plain loops. */
function tally(visits: Visit[], engagements: Engagement[]): Row {
  const avg = (values: (number | null)[]) => {
    const known = values.filter((v): v is number => v !== null)
    return known.length === 0 ? null : r(known.reduce((a, b) => a + b, 0) / known.length, 1)
  }
  const scrolled = visits.filter((v) => v.scroll_depth_percentage !== null)
  const through = scrolled.filter((v) => v.scroll_depth_percentage! >= 90)
  return {
    visits: visits.length,
    views: visits.reduce((a, v) => a + v.view_count, 0),
    readers: new Set(visits.map((v) => v.user_id).filter((u) => u !== null)).size,
    avg_read_time_s: avg(visits.map((v) => v.read_time_seconds)),
    avg_scroll_depth_pct: avg(visits.map((v) => v.scroll_depth_percentage)),
    read_through_pct: scrolled.length === 0 ? null : r((100 * through.length) / scrolled.length, 1),
    avg_time_on_page_s: avg(visits.map((v) => v.time_on_page_seconds)),
    engagements: engagements.length,
    engagement_rate_pct:
      visits.length === 0 ? null : r((100 * engagements.length) / visits.length, 1),
  }
}

describe('blog reports', () => {
  let handle: DatabaseHandle
  let sqlite: BetterSqlite3.Database
  const day = (ts: string) => localDate(Date.parse(ts), ZONE)

  beforeAll(async () => {
    handle = await openFresh(tempDir(), 'blog.db')
    sqlite = handle.sqlite
    const readers = [addPerson(sqlite, 'R1'), addPerson(sqlite, 'R2'), addPerson(sqlite, 'R3')]
    insertRow(sqlite, 'blog_categories', { category_name: 'Training' })
    insertRow(sqlite, 'blog_categories', { category_name: 'Gaming' })
    const post = (blogId: string, category: string | null, status: string, created: string) =>
      insertRow(sqlite, 'blog_posts', {
        blog_id: blogId,
        title: blogId,
        category,
        status,
        date_created: created,
      })
    post('squat-guide', 'Training', 'published', '2025-02-01T00:00:00.000Z')
    post('rpg-notes', 'Gaming', 'published', '2025-02-10T00:00:00.000Z')
    post('bench-guide', 'Training', 'published', '2025-02-12T00:00:00.000Z')
    post('draft-post', 'Training', 'draft', '2025-02-15T00:00:00.000Z') // never read: not listed
    post('old-post', null, 'archived', '2025-01-01T00:00:00.000Z') // never read, but listed
    post('future-post', 'Gaming', 'published', '2025-04-10T00:00:00.000Z')

    let x = 5
    const rnd = (lo: number, hi: number) => {
      x = (x * 1103515245 + 12345) % 2 ** 31
      return lo + (x % (hi - lo + 1))
    }
    const live = ['squat-guide', 'rpg-notes', 'bench-guide']
    for (let i = 0; i < 80; i += 1) {
      const at = Date.parse('2025-02-12T00:00:00Z') + rnd(0, 40 * 24) * 3_600_000
      const blogId = live[rnd(0, 2)]!
      const user = rnd(0, 5) < 3 ? null : readers[rnd(0, 2)]!
      insertRow(sqlite, 'blog_analytics', {
        blog_id: blogId,
        user_id: user,
        view_count: rnd(1, 3),
        read_time_seconds: rnd(0, 9) === 0 ? null : rnd(5, 600),
        scroll_depth_percentage: rnd(0, 9) === 0 ? null : rnd(0, 100),
        time_on_page_seconds: rnd(10, 700),
        timestamp: new Date(at).toISOString(),
      })
      if (rnd(0, 2) === 0) {
        insertRow(sqlite, 'blog_engagement', {
          blog_id: blogId,
          user_id: user,
          engagement_type: ['like', 'share', 'comment', 'bookmark', 'clap'][rnd(0, 4)]!,
          timestamp: new Date(at + 60_000).toISOString(),
        })
      }
    }
    // The edge: 1 March in Auckland, still 28 February in UTC.
    insertRow(sqlite, 'blog_analytics', {
      blog_id: 'squat-guide',
      view_count: 1,
      scroll_depth_percentage: 95,
      timestamp: '2025-02-28T11:30:00.000Z',
    })
  })
  afterAll(async () => {
    await handle.close()
  })

  const visits = (from = '0000', to = '9999') =>
    (sqlite.prepare(`SELECT * FROM blog_analytics ORDER BY id`).all() as Visit[]).filter(
      (v) => day(v.timestamp) >= from && day(v.timestamp) <= to,
    )
  const engagements = (from = '0000', to = '9999') =>
    (sqlite.prepare(`SELECT * FROM blog_engagement ORDER BY id`).all() as Engagement[]).filter(
      (e) => day(e.timestamp) >= from && day(e.timestamp) <= to,
    )

  it('per post: views, reading and engagement, most viewed first; unread live posts show zeros', () => {
    const v = visits()
    const e = engagements()
    const rows = run(sqlite, 'blog_by_post')
    expect(rows.map((row) => row.blog_id).sort()).toEqual(
      ['bench-guide', 'future-post', 'old-post', 'rpg-notes', 'squat-guide'].sort(),
    )
    for (const row of rows) {
      const mine = e.filter((x) => x.blog_id === row.blog_id)
      expect(row, String(row.blog_id)).toMatchObject({
        ...tally(
          v.filter((x) => x.blog_id === row.blog_id),
          mine,
        ),
        likes: mine.filter((x) => x.engagement_type === 'like').length,
        comments: mine.filter((x) => x.engagement_type === 'comment').length,
        shares: mine.filter((x) => x.engagement_type === 'share').length,
        bookmarks: mine.filter((x) => x.engagement_type === 'bookmark').length,
      })
    }
    const views = rows.map((row) => Number(row.views))
    expect(views).toEqual([...views].sort((a, b) => b - a))
    expect(rows.find((row) => row.blog_id === 'old-post')).toMatchObject({
      category: null,
      status: 'archived',
      created: '2025-01-01',
      visits: 0,
      avg_read_time_s: null,
      engagement_rate_pct: null,
    })
    expect(rows.find((row) => row.blog_id === 'squat-guide')?.created).toBe('2025-02-01')
  })

  it('a range counts the local days of Auckland and lists only posts live by its end', () => {
    const rows = run(sqlite, 'blog_by_post', { from: '2025-03-01', to: '2025-03-31' })
    expect(rows.map((row) => row.blog_id)).not.toContain('future-post')
    const squat = rows.find((row) => row.blog_id === 'squat-guide')!
    const mine = visits('2025-03-01', '2025-03-31').filter((x) => x.blog_id === 'squat-guide')
    expect(mine.some((x) => x.timestamp === '2025-02-28T11:30:00.000Z')).toBe(true)
    expect(squat.visits).toBe(mine.length)
    const first = run(sqlite, 'blog_traffic', {
      from: '2025-03-01',
      to: '2025-03-01',
      interval: 'day',
    })
    expect(first).toEqual([
      {
        period: '2025-03-01',
        ...tally(visits('2025-03-01', '2025-03-01'), engagements('2025-03-01', '2025-03-01')),
      },
    ])
  })

  it('per category: posts, visits and engagement of its posts', () => {
    const v = visits()
    const e = engagements()
    const categoryOf: Record<string, string> = {
      'squat-guide': 'Training',
      'bench-guide': 'Training',
      'rpg-notes': 'Gaming',
      'old-post': '(none)',
      'future-post': 'Gaming',
    }
    const rows = run(sqlite, 'blog_by_category')
    expect(rows.map((row) => row.category).sort()).toEqual(['(none)', 'Gaming', 'Training'])
    for (const row of rows) {
      const posts = Object.keys(categoryOf).filter((p) => categoryOf[p] === row.category)
      expect(row, String(row.category)).toEqual({
        category: row.category,
        posts: posts.length,
        ...tally(
          v.filter((x) => posts.includes(x.blog_id)),
          e.filter((x) => posts.includes(x.blog_id)),
        ),
      })
    }
  })

  it('traffic per local week, with weeks without visits as zeros', () => {
    const v = visits()
    const e = engagements()
    const weeks = new Set([
      ...v.map((x) => mondayOf(day(x.timestamp))),
      ...e.map((x) => mondayOf(day(x.timestamp))),
    ])
    const sorted = [...weeks].sort()
    const expected: Row[] = []
    for (let w = sorted[0]!; w <= sorted.at(-1)!; w = plusDays(w, 7)) {
      expected.push({
        period: w,
        ...tally(
          v.filter((x) => mondayOf(day(x.timestamp)) === w),
          e.filter((x) => mondayOf(day(x.timestamp)) === w),
        ),
      })
    }
    expect(run(sqlite, 'blog_traffic')).toEqual(expected)
  })

  it('engagement types: counts, posts, known readers and share', () => {
    const e = engagements()
    const rows = run(sqlite, 'blog_engagement_types')
    const types = [...new Set(e.map((x) => x.engagement_type))]
    expect(rows).toHaveLength(types.length)
    for (const row of rows) {
      const mine = e.filter((x) => x.engagement_type === row.engagement_type)
      expect(row).toEqual({
        engagement_type: row.engagement_type,
        engagements: mine.length,
        posts: new Set(mine.map((x) => x.blog_id)).size,
        readers: new Set(mine.map((x) => x.user_id).filter((u) => u !== null)).size,
        pct: r((100 * mine.length) / e.length, 1),
      })
    }
    const counts = rows.map((row) => Number(row.engagements))
    expect(counts).toEqual([...counts].sort((a, b) => b - a))
  })

  it('reading distribution: visits per read-time and scroll-depth band', () => {
    const v = visits()
    const rows = run(sqlite, 'blog_reading_distribution')
    const band = (value: number, bounds: number[]) => bounds.findIndex((b) => value < b)
    const readBounds = [30, 60, 120, 300, 600, Infinity]
    const scrollBounds = [25, 50, 75, 90, Infinity]
    const reads = v.filter((x) => x.read_time_seconds !== null)
    const scrolls = v.filter((x) => x.scroll_depth_percentage !== null)
    const expected = (
      measure: string,
      list: Visit[],
      bounds: number[],
      pick: (x: Visit) => number,
    ) =>
      bounds.map((_, i) => {
        const n = list.filter((x) => band(pick(x), bounds) === i).length
        return { measure, visits: n, pct: r((100 * n) / list.length, 1) }
      })
    expect(rows.map(({ measure, visits: n, pct }) => ({ measure, visits: n, pct }))).toEqual([
      ...expected('read_time', reads, readBounds, (x) => x.read_time_seconds!),
      ...expected('scroll_depth', scrolls, scrollBounds, (x) => x.scroll_depth_percentage!),
    ])
  })

  it('views per post per local week', () => {
    const v = visits()
    const rows = run(sqlite, 'blog_post_views')
    const expected = new Map<string, number>()
    for (const x of v) {
      const key = `${mondayOf(day(x.timestamp))}|${x.blog_id}`
      expected.set(key, (expected.get(key) ?? 0) + x.view_count)
    }
    expect(rows).toHaveLength(expected.size)
    for (const row of rows) {
      expect(row.views, `${row.period} ${row.blog_id}`).toBe(
        expected.get(`${row.period}|${row.blog_id}`),
      )
    }
  })
})

describe('blog reports on the demo database', () => {
  let handle: DatabaseHandle
  beforeAll(async () => {
    handle = await openDemo(tempDir())
  }, 120_000)
  afterAll(async () => {
    await handle.close()
  })

  it('every blog report returns rows without throwing', () => {
    expectDemoRows(handle.sqlite, 'blog')
  })
})
