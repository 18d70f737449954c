import type { Post } from './blog-posts'
import { DAY_MS, iso } from './clock'
import type { DemoContext, PersonRef } from './context'
import type { DemoRandom } from './random'

const VIEWS = 15_000
/** Chance a view that scrolled past half the post leads to a like, share, comment or bookmark. */
const ENGAGE_CHANCE = 0.27

/** Splits `total` over weights by largest remainder, so the parts add up exactly. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  const exact = weights.map((w) => (total * w) / sum)
  const parts = exact.map(Math.floor)
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
  let left = total - parts.reduce((a, b) => a + b, 0)
  for (const [, i] of order) {
    if (left-- <= 0) break
    parts[i] = (parts[i] ?? 0) + 1
  }
  return parts
}

/** Readers known by `atMs` (sorted by createdMs), or null for an anonymous visit. */
function readerAt(rng: DemoRandom, readers: readonly PersonRef[], atMs: number): number | null {
  if (rng.chance(0.65)) return null
  let low = 0
  let high = readers.length
  while (low < high) {
    const mid = (low + high) >> 1
    if ((readers[mid] as PersonRef).createdMs <= atMs) low = mid + 1
    else high = mid
  }
  return low === 0 ? null : (readers[rng.int(0, low - 1)] as PersonRef).id
}

function reading(rng: DemoRandom) {
  const kind = rng.weighted([
    ['bounce', 35],
    ['partial', 35],
    ['full', 30],
  ] as const)
  const [scroll, read] =
    kind === 'bounce'
      ? [rng.int(0, 25), rng.int(2, 25)]
      : kind === 'partial'
        ? [rng.int(25, 80), rng.int(30, 200)]
        : [rng.int(80, 100), rng.int(150, 600)]
  return { scroll, read, onPage: read + rng.int(3, 120) }
}

function engagement(rng: DemoRandom): [type: string, data: Record<string, unknown>] {
  const type = rng.weighted([
    ['like', 50],
    ['bookmark', 20],
    ['share', 15],
    ['comment', 15],
  ] as const)
  switch (type) {
    case 'like':
      return [type, { placement: rng.pick(['post_footer', 'floating_bar']) }]
    case 'bookmark':
      return [type, { list: rng.pick(['Read later', 'Training', 'Favourites']) }]
    case 'share':
      return [
        type,
        { network: rng.pick(['mastodon', 'linkedin', 'email', 'bluesky', 'copy_link']) },
      ]
    case 'comment': {
      const text = rng.faker.lorem.sentences(rng.int(1, 3))
      return [type, { comment_id: rng.faker.string.nanoid(10), text, length: text.length }]
    }
  }
}

/**
 * About fifteen thousand views over the posts' lives (a launch spike, then a long tail) and
 * about two thousand likes, bookmarks, shares and comments from readers who read on.
 */
export function writeBlogTraffic(
  ctx: DemoContext,
  posts: readonly Post[],
  readers: readonly PersonRef[],
) {
  const { rng, writer } = ctx
  const live = posts.filter((p) => p.status === 'published' || p.status === 'archived')
  const agents = Array.from({ length: 25 }, () => rng.faker.internet.userAgent())
  const weights = live.map((p) => {
    const days = (p.visibleUntilMs - p.createdMs) / DAY_MS
    return Math.exp(rng.normal(0, 0.7)) * (0.6 + Math.min(days, 730) / 730)
  })
  const counts = apportion(VIEWS, weights)
  const rows: { post: Post; atMs: number }[] = []
  live.forEach((post, i) => {
    const lifeMs = post.visibleUntilMs - post.createdMs
    for (let n = 0; n < (counts[i] ?? 0); n += 1) {
      let offset = rng.chance(0.55) ? rng.exponential(6 * DAY_MS) : rng.float(0, lifeMs)
      if (offset >= lifeMs) offset = rng.float(0, lifeMs)
      rows.push({ post, atMs: Math.round(post.createdMs + offset) })
    }
  })
  rows.sort((a, b) => a.atMs - b.atMs)
  for (const { post, atMs } of rows) {
    const userId = readerAt(rng, readers, atMs)
    const { scroll, read, onPage } = reading(rng)
    writer.insert('blog_analytics', {
      blog_id: post.blogId,
      user_id: userId,
      view_count: rng.weighted([
        [1, 90],
        [2, 8],
        [3, 2],
      ]),
      read_time_seconds: read,
      scroll_depth_percentage: scroll,
      time_on_page_seconds: onPage,
      timestamp: iso(atMs),
      ip_address: rng.chance(0.9) ? rng.faker.internet.ipv4() : rng.faker.internet.ipv6(),
      user_agent: rng.pick(agents),
    })
    const engagedMs = atMs + read * 1000
    if (scroll < 50 || engagedMs > ctx.nowMs || !rng.chance(ENGAGE_CHANCE)) continue
    const [type, data] = engagement(rng)
    writer.insert('blog_engagement', {
      blog_id: post.blogId,
      user_id: userId,
      engagement_type: type,
      engagement_data: JSON.stringify(data),
      timestamp: iso(engagedMs),
    })
  }
}
