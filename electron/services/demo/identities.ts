import { DAY_MS } from './clock'
import type { DemoRandom } from './random'

export type Gender = 'female' | 'male' | 'non-binary'

export interface PersonName {
  firstName: string
  lastName: string
  gender: Gender
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '')

/** Names and contact details, unique where the schema says so (username, email). */
export class Identities {
  private readonly usernames = new Set<string>()
  private readonly emails = new Set<string>()

  constructor(private readonly rng: DemoRandom) {}

  person(): PersonName {
    const gender = this.rng.weighted<Gender>([
      ['female', 49],
      ['male', 48],
      ['non-binary', 3],
    ])
    const sex = gender === 'non-binary' ? undefined : gender
    return {
      firstName: this.rng.faker.person.firstName(sex),
      lastName: this.rng.faker.person.lastName(),
      gender,
    }
  }

  reserveUsername(name: string): string {
    return this.unique(this.usernames, name)
  }

  username(p: PersonName): string {
    const base = slug(
      this.rng.faker.internet.username({ firstName: p.firstName, lastName: p.lastName }),
    )
    return this.unique(this.usernames, base || 'user')
  }

  email(p: PersonName): string {
    const address = this.rng.faker.internet
      .email({ firstName: slug(p.firstName), lastName: slug(p.lastName) })
      .toLowerCase()
    const at = address.indexOf('@')
    return this.unique(this.emails, address.slice(0, at), address.slice(at))
  }

  /** The `users` columns that name a person (the username is drawn before the address). */
  nameColumns(p: PersonName, username = this.username(p)) {
    return {
      username,
      email: this.email(p),
      name: `${p.firstName} ${p.lastName}`,
      first_name: p.firstName,
      last_name: p.lastName,
      gender: p.gender,
    }
  }

  phone(): string {
    return this.rng.faker.phone.number({ style: 'international' })
  }

  /** A birth date for someone between `minAge` and `maxAge` years old at `refMs`. */
  dateOfBirth(refMs: number, minAge: number, maxAge: number): string {
    const age = this.rng.float(minAge, maxAge)
    return new Date(refMs - age * 365.25 * DAY_MS).toISOString().slice(0, 10)
  }

  private unique(taken: Set<string>, base: string, suffix = ''): string {
    let candidate = base + suffix
    for (let n = 2; taken.has(candidate); n += 1) candidate = `${base}${n}${suffix}`
    taken.add(candidate)
    return candidate
  }
}
