import type { DateKey } from '../../../shared/time'
import { DAY_MS, HOUR_MS, addDays, daysBetween, iso } from './clock'
import type { DemoContext } from './context'
import { slugify } from './titles'

type PostStatus = 'draft' | 'scheduled' | 'published' | 'archived'

export interface Post {
  blogId: string
  createdMs: number
  status: PostStatus
  /** Readers see it from createdMs until this moment (archived) or for good. */
  visibleUntilMs: number
}

const CATEGORIES: readonly [name: string, description: string, titles: readonly string[]][] = [
  [
    'Training',
    'Programs, progress and lessons from the gym',
    [
      'What {n} weeks of {program} taught me',
      'Why I deload every eighth week',
      'Squat form fixes that added {n} kg',
      'Tracking every set for a year',
    ],
  ],
  [
    'Nutrition',
    'Eating for strength on a small deficit',
    [
      'Hitting protein targets without shakes',
      'A calm approach to a calorie deficit',
      'Meal prep in {n} minutes',
    ],
  ],
  [
    'Film Notes',
    'Short reviews of what I watched',
    ['The best {n} films I saw this year', 'Rewatching {title}', 'Why {title} stuck with me'],
  ],
  [
    'Gaming',
    'Games finished, abandoned and loved',
    ['Finally finishing {title}', '{n} hours in {title}', 'My backlog, ranked'],
  ],
  [
    'Productivity',
    'Time tracking, focus and tools',
    [
      'What {n} months of time tracking showed me',
      'Local-first tools I rely on',
      'Deep work with a timer',
    ],
  ],
  [
    'Studio Life',
    'Notes from the yoga and fitness studio',
    ['Trying {n} different classes in a month', 'Yin yoga for lifters', 'Booking early pays off'],
  ],
]

function fillTitle(ctx: DemoContext, template: string): string {
  return template
    .replace('{n}', String(ctx.rng.int(3, 20)))
    .replace('{program}', ctx.rng.pick(['Starting Strength', 'an upper/lower split', 'PPL']))
    .replace('{title}', ctx.rng.faker.book.title())
}

export function writeBlogCategories(ctx: DemoContext, createdMs: number) {
  for (const [name, description] of CATEGORIES) {
    ctx.writer.insert('blog_categories', {
      category_name: name,
      category_description: description,
      created_at: iso(createdMs),
    })
  }
}

/**
 * About forty posts by the owner, one every two to three weeks: most published, a couple
 * archived, the newest still drafts or scheduled.
 */
export function writeBlogPosts(
  ctx: DemoContext,
  owner: { id: number; userId: string },
  historyStart: DateKey,
): Post[] {
  const { rng, clock } = ctx
  const count = 40
  const span = daysBetween(historyStart, ctx.today)
  const posts: Post[] = []
  const ids = new Set<string>()
  const archived = new Set([rng.int(2, 12), rng.int(13, 20)])
  for (let i = 0; i < count; i += 1) {
    const offset = Math.min(span, Math.round(((i + 0.5 + rng.float(-0.3, 0.3)) * span) / count))
    const createdMs = clock.at(addDays(historyStart, offset), rng.int(9, 21), rng.int(0, 59))
    if (createdMs > ctx.nowMs) continue
    const status: PostStatus =
      i >= count - 3
        ? 'draft'
        : i === count - 4
          ? 'scheduled'
          : archived.has(i)
            ? 'archived'
            : 'published'
    const [category, , templates] = rng.pick(CATEGORIES)
    const title = fillTitle(ctx, rng.pick(templates))
    let blogId = slugify(title).slice(0, 60)
    for (let n = 2; ids.has(blogId); n += 1) blogId = `${slugify(title).slice(0, 60)}-${n}`
    ids.add(blogId)
    const edited = rng.chance(0.4) ? createdMs + rng.float(1, 30 * 24) * HOUR_MS : createdMs
    const archivedMs = createdMs + rng.int(120, 300) * DAY_MS
    const updatedMs = Math.min(ctx.nowMs, status === 'archived' ? archivedMs : edited)
    ctx.writer.insert('blog_posts', {
      blog_id: blogId,
      title,
      sub_title: rng.faker.lorem.sentence({ min: 6, max: 14 }).replace(/\.$/, ''),
      category,
      post_content: rng.faker.lorem.paragraphs(rng.int(4, 9), '\n\n'),
      date_created: iso(createdMs),
      date_updated: iso(updatedMs),
      author_id: owner.id,
      status,
    })
    if (status === 'published' || status === 'archived') {
      ctx.events.add({
        userId: owner.userId,
        name: 'post_published',
        ts: createdMs,
        source: 'web',
        pageUrl: `/blog/${blogId}`,
        properties: { blog_id: blogId, category },
      })
    }
    posts.push({
      blogId,
      createdMs,
      status,
      visibleUntilMs: status === 'archived' ? updatedMs : ctx.nowMs,
    })
  }
  return posts
}
