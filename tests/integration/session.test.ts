import BetterSqlite3 from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Session } from '../../electron/services/session'
import { fileHash } from '../helpers/db'
import { useTempDir } from '../helpers/tmp'

const tempDir = useTempDir()

describe('the session: which database the app shows', () => {
  it('opens another file as the person’s own database', async () => {
    const dir = tempDir()
    const session = await Session.open(join(dir, 'a.db'))
    await session.openOwnFile(join(dir, 'b.db'))
    expect(session.ownPath).toBe(join(dir, 'b.db'))
    expect(session.handle.path).toBe(join(dir, 'b.db'))
    expect(session.demoPath).toBe(join(dir, 'logbook-demo.db'))
    await session.close()
  })

  it('keeps the current database open when the chosen file is refused', async () => {
    const dir = tempDir()
    const foreign = join(dir, 'recipes.db')
    const other = new BetterSqlite3(foreign)
    other.exec(`CREATE TABLE recipes (name TEXT)`)
    other.close()
    const before = fileHash(foreign)

    const session = await Session.open(join(dir, 'mine.db'))
    await expect(session.openOwnFile(foreign)).rejects.toMatchObject({
      code: 'database_unreadable',
    })
    expect(session.ownPath).toBe(join(dir, 'mine.db'))
    expect(session.handle.sqlite.open).toBe(true)
    expect(session.handle.sqlite.prepare('SELECT count(*) FROM users').pluck().get()).toBe(0)
    expect(fileHash(foreign)).toBe(before)
    await session.close()
  })
})
