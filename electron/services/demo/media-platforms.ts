import { iso } from './clock'
import type { DemoContext } from './context'

const PLATFORMS: readonly [
  name: string,
  type: string,
  monthlyCost: number | null,
  description: string,
][] = [
  ['Netflix', 'streaming', 15.49, 'Standard plan'],
  ['Prime Video', 'streaming', 8.99, 'Included with a Prime membership'],
  ['Disney+', 'streaming', 10.99, 'Standard with ads removed'],
  ['Max', 'streaming', 16.99, 'Ad-free plan'],
  ['Cinema', 'theater', null, 'Tickets paid per visit'],
  ['Steam', 'gaming', 0, 'PC games store; games bought individually'],
  ['PlayStation', 'gaming', 9.99, 'PlayStation Plus Essential'],
  ['Nintendo Switch', 'gaming', 3.99, 'Nintendo Switch Online'],
  ['Spotify', 'music', 11.99, 'Premium Individual, music and podcasts'],
  ['Audible', 'audiobook', 14.95, 'One credit a month'],
  ['Library', 'books', 0, 'City library card'],
]

export function writePlatforms(ctx: DemoContext, createdMs: number) {
  for (const [name, type, cost, description] of PLATFORMS) {
    ctx.writer.insert('media_platforms', {
      platform_name: name,
      platform_type: type,
      subscription_cost: cost,
      description,
      created_at: iso(createdMs),
    })
  }
}
