import type { DemoRandom } from './random'

const capitalise = (s: string) => s.replace(/\b\p{L}/gu, (c) => c.toUpperCase())

/** A plausible film, game or show title, built from Faker's word lists. */
export function makeTitle(rng: DemoRandom): string {
  const { word, person, location } = rng.faker
  const title = rng.weighted<() => string>([
    [() => `The ${word.adjective()} ${word.noun()}`, 4],
    [() => `${word.noun()} of the ${word.noun()}`, 2],
    [() => `${word.adjective()} ${word.noun()}`, 3],
    [() => `${person.firstName()}'s ${word.noun()}`, 1],
    [() => `Last ${word.noun()} in ${location.city()}`, 1],
    [() => `${word.noun()}`, 1],
  ])()
  return capitalise(title)
}

export const slugify = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
