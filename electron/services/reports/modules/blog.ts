import type BetterSqlite3 from 'better-sqlite3'
import type { ReportCell } from '../../../../shared/reports'
import type { DateKey } from '../../../../shared/time'
import {
  Mean,
  NONE,
  compareLabel,
  defineReport,
  instantInRange,
  iso,
  localDayOf,
  pct,
  periodStart,
  rangeParams,
  seriesPeriods,
  upsert,
  type Scope,
} from './common'

// Blog reports. A blog_analytics row is one visit to a post (its view_count counts reloads);
// averages are per visit, over the visits that recorded the value. Engagements are
// blog_engagement rows (likes, comments, shares, bookmarks…). Both count on the local day of
// their timestamp.

/** A visit reads the post through when it scrolls this far (percent). */
export const READ_THROUGH_PCT = 90

interface Visit {
  blogId: string
  userId: number | null
  day: DateKey
  views: number
  read: number | null
  scroll: number | null
  onPage: number | null
}

interface Engagement {
  blogId: string
  userId: number | null
  day: DateKey
  type: string
}

function readVisits(sqlite: BetterSqlite3.Database, s: Scope): Visit[] {
  const rows = sqlite
    .prepare(
      `SELECT blog_id, user_id, timestamp, view_count, read_time_seconds, scroll_depth_percentage,
         time_on_page_seconds
       FROM blog_analytics WHERE ${instantInRange('timestamp')} ORDER BY timestamp, id`,
    )
    .raw()
    .all(rangeParams(s)) as [
    string,
    number | null,
    string,
    number,
    number | null,
    number | null,
    number | null,
  ][]
  const out: Visit[] = []
  for (const [blogId, userId, ts, views, read, scroll, onPage] of rows) {
    const day = localDayOf(ts, s.zone)
    if (day !== null) out.push({ blogId, userId, day, views, read, scroll, onPage })
  }
  return out
}

function readEngagements(sqlite: BetterSqlite3.Database, s: Scope): Engagement[] {
  const rows = sqlite
    .prepare(
      `SELECT blog_id, user_id, timestamp, engagement_type FROM blog_engagement
       WHERE ${instantInRange('timestamp')} ORDER BY timestamp, id`,
    )
    .raw()
    .all(rangeParams(s)) as [string, number | null, string, string][]
  const out: Engagement[] = []
  for (const [blogId, userId, ts, type] of rows) {
    const day = localDayOf(ts, s.zone)
    if (day !== null) out.push({ blogId, userId, day, type })
  }
  return out
}

/** Sums of visits and engagements for one post, category or period. */
class Tally {
  visits = 0
  views = 0
  readers = new Set<number>()
  read = new Mean()
  scroll = new Mean()
  onPage = new Mean()
  readThrough = 0
  scrolled = 0
  engagements = 0
  types = new Map<string, number>()

  addVisit(v: Visit) {
    this.visits += 1
    this.views += v.views
    if (v.userId !== null) this.readers.add(v.userId)
    this.read.add(v.read)
    this.scroll.add(v.scroll)
    this.onPage.add(v.onPage)
    if (v.scroll !== null) {
      this.scrolled += 1
      if (v.scroll >= READ_THROUGH_PCT) this.readThrough += 1
    }
  }

  addEngagement(e: Engagement) {
    this.engagements += 1
    this.types.set(e.type, (this.types.get(e.type) ?? 0) + 1)
  }

  /** visits, views, readers, averages, read-through, engagements (the shared columns). */
  cells(): ReportCell[] {
    return [
      this.visits,
      this.views,
      this.readers.size,
      this.read.value(1),
      this.scroll.value(1),
      pct(this.readThrough, this.scrolled),
      this.onPage.value(1),
      this.engagements,
      pct(this.engagements, this.visits),
    ]
  }
}

const TALLY_COLUMNS = [
  'visits',
  'views',
  'readers',
  'avg_read_time_s',
  'avg_scroll_depth_pct',
  'read_through_pct',
  'avg_time_on_page_s',
  'engagements',
  'engagement_rate_pct',
]

const ENGAGEMENT_TYPES = ['like', 'comment', 'share', 'bookmark'] as const

interface Post {
  blogId: string
  title: string
  category: string | null
  status: string
  created: DateKey | null
}

function readPosts(sqlite: BetterSqlite3.Database, zone: string): Post[] {
  return (
    sqlite
      .prepare(`SELECT blog_id, title, category, status, date_created FROM blog_posts ORDER BY id`)
      .raw()
      .all() as [string, string, string | null, string, string][]
  ).map(([blogId, title, category, status, created]) => ({
    blogId,
    title,
    category,
    status,
    created: localDayOf(created, zone),
  }))
}

/**
 * The posts a report lists: those read or engaged with in the range, and those published
 * (or since archived) by the range's last day even if nobody read them.
 */
function postTallies(sqlite: BetterSqlite3.Database, s: Scope) {
  const posts = readPosts(sqlite, s.zone)
  const tallies = new Map<string, Tally>()
  for (const v of readVisits(sqlite, s)) upsert(tallies, v.blogId, () => new Tally()).addVisit(v)
  for (const e of readEngagements(sqlite, s))
    upsert(tallies, e.blogId, () => new Tally()).addEngagement(e)
  const listed = posts.filter(
    (p) =>
      tallies.has(p.blogId) ||
      ((p.status === 'published' || p.status === 'archived') &&
        p.created !== null &&
        (s.to === null || p.created <= s.to)),
  )
  return listed.map((post) => ({ post, tally: tallies.get(post.blogId) ?? new Tally() }))
}

export const blogByPost = defineReport(
  {
    name: 'blog_by_post',
    title: 'Blog posts: views, reading and engagement',
    description: `Per post: visits, views, known readers, average read time, scroll depth and time on page, share read through (scrolled ${READ_THROUGH_PCT}%+), and likes, comments, shares and bookmarks.`,
    module: 'blog',
    columns: [
      'blog_id',
      'title',
      'category',
      'status',
      'created',
      ...TALLY_COLUMNS,
      ...ENGAGEMENT_TYPES.map((t) => `${t}s`),
    ],
    accepts: ['range'],
  },
  ({ sqlite, s }) => {
    const list = postTallies(sqlite, s)
    list.sort((a, b) => b.tally.views - a.tally.views || compareLabel(a.post.blogId, b.post.blogId))
    const rows = list.map(({ post, tally }): ReportCell[] => [
      post.blogId,
      post.title,
      post.category,
      post.status,
      post.created === null ? null : iso(post.created),
      ...tally.cells(),
      ...ENGAGEMENT_TYPES.map((t) => tally.types.get(t) ?? 0),
    ])
    return { rows }
  },
)

export const blogByCategory = defineReport(
  {
    name: 'blog_by_category',
    title: 'Blog categories',
    description:
      'Per category: posts, visits, views, known readers, average read time, scroll depth and time on page, read-through share and engagements.',
    module: 'blog',
    columns: ['category', 'posts', ...TALLY_COLUMNS],
    accepts: ['range'],
  },
  ({ sqlite, s }) => {
    const list = postTallies(sqlite, s)
    if (list.length === 0) return { rows: [] }
    const byCategory = new Map<string, { posts: number; tally: Tally }>()
    // Categories re-tally from the visits themselves (readers are distinct per category).
    const postCategory = new Map(list.map(({ post }) => [post.blogId, post.category ?? NONE]))
    for (const { post } of list) {
      upsert(byCategory, post.category ?? NONE, () => ({ posts: 0, tally: new Tally() })).posts += 1
    }
    for (const v of readVisits(sqlite, s)) {
      const category = postCategory.get(v.blogId)
      if (category !== undefined) byCategory.get(category)?.tally.addVisit(v)
    }
    for (const e of readEngagements(sqlite, s)) {
      const category = postCategory.get(e.blogId)
      if (category !== undefined) byCategory.get(category)?.tally.addEngagement(e)
    }
    const rows = [...byCategory.entries()]
      .sort((a, b) => b[1].tally.views - a[1].tally.views || compareLabel(a[0], b[0]))
      .map(([category, c]): ReportCell[] => [category, c.posts, ...c.tally.cells()])
    return { rows }
  },
)

export const blogTraffic = defineReport(
  {
    name: 'blog_traffic',
    title: 'Blog traffic over time',
    description:
      'Visits, views, known readers, reading and engagement per week (or day, month) across all posts; periods without visits show zeros.',
    module: 'blog',
    columns: ['period', ...TALLY_COLUMNS],
    accepts: ['range', 'interval'],
    intervals: ['week', 'day', 'month'],
  },
  ({ sqlite, s }) => {
    const tallies = new Map<DateKey, Tally>()
    const days: DateKey[] = []
    for (const v of readVisits(sqlite, s)) {
      days.push(v.day)
      upsert(tallies, periodStart(v.day, s.interval), () => new Tally()).addVisit(v)
    }
    for (const e of readEngagements(sqlite, s)) {
      days.push(e.day)
      upsert(tallies, periodStart(e.day, s.interval), () => new Tally()).addEngagement(e)
    }
    const rows = seriesPeriods(s, days).map((period): ReportCell[] => [
      iso(period),
      ...(tallies.get(period) ?? new Tally()).cells(),
    ])
    return { rows }
  },
)

export const blogEngagementTypes = defineReport(
  {
    name: 'blog_engagement_types',
    title: 'Blog engagement by type',
    description:
      'Engagements per type (like, comment, share, bookmark…): how many, on how many posts, by how many known readers, and their share of all engagements.',
    module: 'blog',
    columns: ['engagement_type', 'engagements', 'posts', 'readers', 'pct'],
    accepts: ['range'],
  },
  ({ sqlite, s }) => {
    const types = new Map<string, { n: number; posts: Set<string>; readers: Set<number> }>()
    let total = 0
    for (const e of readEngagements(sqlite, s)) {
      const t = upsert(types, e.type, () => ({
        n: 0,
        posts: new Set<string>(),
        readers: new Set<number>(),
      }))
      t.n += 1
      t.posts.add(e.blogId)
      if (e.userId !== null) t.readers.add(e.userId)
      total += 1
    }
    const rows = [...types.entries()]
      .sort((a, b) => b[1].n - a[1].n || compareLabel(a[0], b[0]))
      .map(([type, t]): ReportCell[] => [type, t.n, t.posts.size, t.readers.size, pct(t.n, total)])
    return { rows }
  },
)

/** Read-time bands (upper bounds, seconds) and scroll-depth bands (upper bounds, percent). */
export const READ_TIME_BANDS: readonly [string, number][] = [
  ['< 30 s', 30],
  ['30 s–1 min', 60],
  ['1–2 min', 120],
  ['2–5 min', 300],
  ['5–10 min', 600],
  ['10 min +', Infinity],
]
export const SCROLL_BANDS: readonly [string, number][] = [
  ['0–24%', 25],
  ['25–49%', 50],
  ['50–74%', 75],
  ['75–89%', 90],
  ['90–100%', Infinity],
]

const bandOf = (bands: readonly [string, number][], value: number) =>
  bands.findIndex(([, below]) => value < below)

export const blogReadingDistribution = defineReport(
  {
    name: 'blog_reading_distribution',
    title: 'Blog reading: read time and scroll depth',
    description:
      'How visits spread over read-time bands and scroll-depth bands: visits and their share, per band (visits that recorded the value).',
    module: 'blog',
    columns: ['measure', 'band', 'visits', 'pct'],
    accepts: ['range'],
  },
  ({ sqlite, s }) => {
    const read = READ_TIME_BANDS.map(() => 0)
    const scroll = SCROLL_BANDS.map(() => 0)
    let reads = 0
    let scrolls = 0
    for (const v of readVisits(sqlite, s)) {
      if (v.read !== null) {
        const band = bandOf(READ_TIME_BANDS, v.read)
        read[band] = (read[band] ?? 0) + 1
        reads += 1
      }
      if (v.scroll !== null) {
        const band = bandOf(SCROLL_BANDS, v.scroll)
        scroll[band] = (scroll[band] ?? 0) + 1
        scrolls += 1
      }
    }
    if (reads + scrolls === 0) return { rows: [] }
    const rows: ReportCell[][] = [
      ...READ_TIME_BANDS.map(([band], i): ReportCell[] => [
        'read_time',
        band,
        read[i] ?? 0,
        pct(read[i] ?? 0, reads),
      ]),
      ...SCROLL_BANDS.map(([band], i): ReportCell[] => [
        'scroll_depth',
        band,
        scroll[i] ?? 0,
        pct(scroll[i] ?? 0, scrolls),
      ]),
    ]
    return { rows }
  },
)

export const blogPostViews = defineReport(
  {
    name: 'blog_post_views',
    title: 'Blog views per post over time',
    description:
      'Views of each post per week (or day, month): one row per post and period with views.',
    module: 'blog',
    columns: ['period', 'blog_id', 'title', 'views'],
    accepts: ['range', 'interval'],
    intervals: ['week', 'day', 'month'],
  },
  ({ sqlite, s }) => {
    const titles = new Map(readPosts(sqlite, s.zone).map((p) => [p.blogId, p.title]))
    const views = new Map<string, { period: DateKey; blogId: string; views: number }>()
    for (const v of readVisits(sqlite, s)) {
      const period = periodStart(v.day, s.interval)
      upsert(views, `${period}|${v.blogId}`, () => ({
        period,
        blogId: v.blogId,
        views: 0,
      })).views += v.views
    }
    const rows = [...views.values()]
      .sort((a, b) => a.period - b.period || compareLabel(a.blogId, b.blogId))
      .map((x): ReportCell[] => [
        iso(x.period),
        x.blogId,
        titles.get(x.blogId) ?? x.blogId,
        x.views,
      ])
    return { rows }
  },
)
