import BetterSqlite3 from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ServiceContext } from '../../electron/services/context'
import { databaseChecksum } from '../../electron/services/db/checksum'
import { createAppRegistry } from '../../electron/services/handlers'
import { invoke } from '../../electron/services/registry'
import { Session } from '../../electron/services/session'
import { useTempDir } from '../helpers/tmp'

// While another connection holds the write lock (an import's transaction in its worker), a save
// through the contract waits without blocking other calls and goes through once the lock is
// gone; held for longer than the registry waits, it fails with "busy" and changes nothing.

const tempDir = useTempDir()
let session: Session | undefined
let holder: BetterSqlite3.Database | undefined

afterEach(async () => {
  if (holder?.inTransaction) holder.exec('ROLLBACK')
  holder?.close()
  await session?.close()
  holder = undefined
  session = undefined
})

describe('a save while another connection writes', () => {
  async function setUp() {
    const path = join(tempDir(), 'busy.db')
    session = await Session.open(path)
    const ctx: ServiceContext = { session, adapter: 'http', progress: () => undefined }
    holder = new BetterSqlite3(path)
    holder.exec('BEGIN IMMEDIATE')
    return { ctx, registry: createAppRegistry(), sqlite: session.handle.sqlite }
  }
  const location = { entity: 'dim_location', values: { location_name: 'Annex', city: 'Leeds' } }

  it('waits without blocking reads, and is saved once the lock is gone', async () => {
    const { ctx, registry, sqlite } = await setUp()
    const saving = invoke(registry, ctx, 'records.create', location)
    // Reads are answered meanwhile: the wait is not a synchronous busy loop.
    const read = await invoke(registry, ctx, 'records.list', { entity: 'dim_location' })
    expect(read.ok).toBe(true)
    setTimeout(() => holder?.exec('ROLLBACK'), 300)
    expect(await saving).toMatchObject({ ok: true })
    expect(sqlite.prepare('SELECT count(*) FROM dim_location').pluck().get()).toBe(1)
  })

  it('held for longer than the registry waits, fails with busy and changes nothing', async () => {
    const { ctx, registry, sqlite } = await setUp()
    const before = databaseChecksum(sqlite)
    const refused = await invoke(registry, ctx, 'records.create', location)
    expect(refused).toMatchObject({ ok: false, error: { code: 'busy' } })
    expect(refused.ok ? '' : refused.error.message).toMatch(/nothing was changed/)
    expect(databaseChecksum(sqlite)).toBe(before)
  }, 30_000)
})
